package dev.outbox.spi;

import java.util.Map;

import dev.outbox.OutboxEvent;

/**
 * Adds headers to every record when it is written, such as the trace context of the writing
 * transaction. Declare any number of CDI beans of this type; they run in the caller's transaction,
 * on its thread. An event's own {@code headers()} win over contributed ones of the same name.
 */
public interface HeaderContributor {

    /**
     * @param event the event being stored
     * @return headers to add, named as {@code OutboxEvent.headers()} requires; never {@code null}
     */
    Map<String, String> headers(OutboxEvent event);
}
