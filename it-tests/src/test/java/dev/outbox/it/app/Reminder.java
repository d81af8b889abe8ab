package dev.outbox.it.app;

import java.time.Instant;
import java.util.Optional;

import dev.outbox.EventType;

/** An event of an order that asks to be delivered later: a reminder. */
@EventType("Reminder")
public record Reminder(String orderId, Instant at) implements OrderEvent {

    @Override
    public Optional<Instant> deliverAt() {
        return Optional.ofNullable(at);
    }
}
