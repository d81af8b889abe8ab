/**
 * The outbox's public API: mark events with {@link dev.outbox.OutboxEvent}, name and route them
 * with {@link dev.outbox.EventType} and {@link dev.outbox.Route}, and read the message properties
 * from {@link dev.outbox.MessageProperties}. Nothing here returns {@code null} unless its Javadoc
 * says so.
 */
package dev.outbox;
