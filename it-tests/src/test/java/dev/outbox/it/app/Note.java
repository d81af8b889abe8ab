package dev.outbox.it.app;

import dev.outbox.EventType;

/** A small event on an order, routed by configuration ({@code outbox.route.Note}). */
@EventType("Note")
public record Note(String orderId, String text) implements OrderEvent {}
