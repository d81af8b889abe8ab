package dev.outbox.it.ops;

import dev.outbox.EventType;
import dev.outbox.Route;
import dev.outbox.it.app.OrderEvent;

/**
 * An event for a queue the test broker never creates: each record of a key is quarantined in turn
 * when it becomes the key's head, and holds the later ones back until then.
 */
@EventType("HeldEvent")
@Route("it.refused.held")
public record HeldEvent(String orderId, int n) implements OrderEvent {}
