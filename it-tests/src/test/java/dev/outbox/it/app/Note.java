package dev.outbox.it.app;

import dev.outbox.EventType;
import dev.outbox.OutboxEvent;

/** A small event on an order, routed by configuration ({@code outbox.route.Note}). */
@EventType("Note")
public record Note(String orderId, String text) implements OutboxEvent {

    @Override
    public String aggregateType() {
        return "Order";
    }

    @Override
    public String aggregateId() {
        return orderId;
    }
}
