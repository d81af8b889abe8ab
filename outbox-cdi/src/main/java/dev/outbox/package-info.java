/**
 * The producer's contract: mark events with {@link dev.outbox.OutboxEvent}, name and route them
 * with {@link dev.outbox.EventType} and {@link dev.outbox.Route}, and read the message properties
 * the relay sets from {@link dev.outbox.MessageProperties}. Operators read and act on the stored
 * records through {@code dev.outbox.admin}; consumers drop duplicates with {@code
 * dev.outbox.inbox}. Nothing here returns {@code null} unless its Javadoc says so.
 */
package dev.outbox;
