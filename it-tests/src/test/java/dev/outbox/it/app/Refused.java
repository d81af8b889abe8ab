package dev.outbox.it.app;

import dev.outbox.EventType;
import dev.outbox.Route;

/** An event routed to a queue the test broker refuses to create: it can never be sent. */
@EventType("Refused")
@Route("it.refused.never")
public record Refused(String orderId) implements OrderEvent {}
