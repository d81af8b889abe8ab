package dev.outbox.it.app;

import dev.outbox.EventType;
import dev.outbox.Route;

/**
 * An event routed to a queue that holds one message and then refuses more until emptied: an address
 * that is full and fails senders.
 */
@EventType("ToFullQueue")
@Route(ToFullQueue.QUEUE)
public record ToFullQueue(String orderId) implements OrderEvent {

    public static final String QUEUE = "it.full.box";
}
