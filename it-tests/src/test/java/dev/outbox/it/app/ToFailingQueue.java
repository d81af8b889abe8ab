package dev.outbox.it.app;

import dev.outbox.EventType;
import dev.outbox.Route;

/**
 * An event routed to a queue whose sends the test broker refuses, with an error of no particular
 * kind, while the queue holds a message: a record that keeps failing until the queue is emptied.
 */
@EventType("ToFailingQueue")
@Route(ToFailingQueue.QUEUE)
public record ToFailingQueue(String orderId) implements OrderEvent {

    public static final String QUEUE = "it.failing.box";
}
