package dev.outbox.it.topic;

import dev.outbox.EventType;
import dev.outbox.Route;
import dev.outbox.it.app.OrderEvent;

/** An event for a topic nobody subscribes to. */
@EventType("Unheard")
@Route(topic = "it.topic.nobody")
public record Unheard(String orderId) implements OrderEvent {}
