package dev.outbox.it.ops;

import dev.outbox.EventType;
import dev.outbox.Route;
import dev.outbox.it.app.OrderEvent;

/**
 * An event for a queue that does not exist yet, where the broker may not create it: quarantined
 * until the test creates the queue and an operator retries it.
 */
@EventType("ConsoleEvent")
@Route(ConsoleEvent.QUEUE)
public record ConsoleEvent(String orderId) implements OrderEvent {

    public static final String QUEUE = "it.refused.console";
}
