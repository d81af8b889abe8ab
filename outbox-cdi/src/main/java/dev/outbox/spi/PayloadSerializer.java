package dev.outbox.spi;

/**
 * Turns an event's payload into the text stored in the record and sent as the message body.
 *
 * <p>The default serializes to JSON with JSON-B. To replace it, declare a CDI bean of this type as
 * an enabled alternative ({@code @Alternative @Priority(...)}); it must be thread-safe. The relay
 * never deserializes: it sends the stored text as it is, so consumers read what this wrote.
 */
public interface PayloadSerializer {

    /**
     * Serializes one payload.
     *
     * @param payload the object returned by {@code OutboxEvent.payload()}; never {@code null}
     * @return the text to store and send; never {@code null}
     * @throws RuntimeException when the payload cannot be serialized; the outbox reports it naming
     *     the event type and marks the caller's transaction for rollback
     */
    String serialize(Object payload);

    /**
     * The media type of what {@link #serialize} returns, sent as the {@code outboxContentType}
     * message property. Defaults to {@code application/json}.
     *
     * @return a media type
     */
    default String contentType() {
        return "application/json";
    }
}
