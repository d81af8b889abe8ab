package dev.outbox.testkit;

import java.util.Map;

import dev.outbox.MessageProperties;

/**
 * A message read from a queue, copied while its session was open.
 *
 * @param body the text body, or {@code null} for a message that is not a text message
 * @param properties every property of the message
 */
public record QueuedMessage(String body, Map<String, Object> properties) {

    /**
     * @param name a property name
     * @return its value, or {@code null} when absent
     */
    public Object property(String name) {
        return properties.get(name);
    }

    /**
     * @return the outbox record id ({@code outboxRecordId}), or {@code null}
     */
    public String recordId() {
        return (String) properties.get(MessageProperties.RECORD_ID);
    }

    /**
     * @return the event type ({@code outboxEventType}), or {@code null}
     */
    public String eventType() {
        return (String) properties.get(MessageProperties.EVENT_TYPE);
    }

    /**
     * @return the aggregate id ({@code outboxAggregateId}), or {@code null}
     */
    public String aggregateId() {
        return (String) properties.get(MessageProperties.AGGREGATE_ID);
    }
}
