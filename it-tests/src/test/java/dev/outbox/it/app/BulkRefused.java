package dev.outbox.it.app;

import dev.outbox.EventType;
import dev.outbox.Route;

/** An event routed to a queue of its own that the test broker refuses: dead letters in bulk. */
@EventType("BulkRefused")
@Route("it.refused.bulk")
public record BulkRefused(String orderId) implements OrderEvent {}
