package dev.outbox.it.topic;

import dev.outbox.EventType;
import dev.outbox.Route;
import dev.outbox.it.app.OrderEvent;

/** An event for every subscriber of a topic. */
@EventType("Broadcast")
@Route(topic = Broadcast.TOPIC)
public record Broadcast(String orderId, int n) implements OrderEvent {

    /** The topic. */
    public static final String TOPIC = "it.topic.orders";
}
