package dev.outbox.it.ops;

import dev.outbox.EventType;
import dev.outbox.OutboxEvent;
import dev.outbox.Route;

/**
 * An event for a queue that does not exist yet, where the broker may not create it: quarantined
 * until the test creates the queue and an operator retries it.
 */
@EventType("ConsoleEvent")
@Route(ConsoleEvent.QUEUE)
public record ConsoleEvent(String orderId) implements OutboxEvent {

    public static final String QUEUE = "it.refused.console";

    @Override
    public String aggregateType() {
        return "Order";
    }

    @Override
    public String aggregateId() {
        return orderId;
    }
}
