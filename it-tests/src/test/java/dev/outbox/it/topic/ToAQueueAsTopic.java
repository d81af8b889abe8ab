package dev.outbox.it.topic;

import dev.outbox.EventType;
import dev.outbox.Route;
import dev.outbox.it.app.OrderEvent;

/** An event routed as to a topic whose address is a queue's. */
@EventType("ToAQueueAsTopic")
@Route(topic = ToAQueueAsTopic.ADDRESS)
public record ToAQueueAsTopic(String orderId) implements OrderEvent {

    /** The address, made a queue's (anycast) by the test. */
    public static final String ADDRESS = "it.topic.anycast";
}
