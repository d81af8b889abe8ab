package dev.outbox.admin;

import java.time.Instant;
import java.util.Map;

/** A read-only view of a stored outbox record. */
public interface OutboxRecord {

    /**
     * @return the record id, a UUID string; sent as the message's deduplication id
     */
    String id();

    /**
     * @return the aggregate type, first half of the key
     */
    String aggregateType();

    /**
     * @return the aggregate id, second half of the key
     */
    String aggregateId();

    /**
     * @return the logical event type
     */
    String eventType();

    /**
     * @return the payload version
     */
    int eventVersion();

    /**
     * @return the queue the record is sent to
     */
    String destination();

    /**
     * @return the media type of the payload, such as {@code application/json}
     */
    String contentType();

    /**
     * @return the serialized payload, the message body
     */
    String payload();

    /**
     * @return the headers sent as message properties
     */
    Map<String, String> headers();

    /**
     * @return the position of the record within its key, from 1, without gaps
     */
    long sequence();

    /**
     * @return the current status
     */
    RecordStatus status();

    /**
     * @return the number of failed send attempts so far
     */
    int attempts();

    /**
     * @return when the record was written, in the writing transaction
     */
    Instant writtenAt();

    /**
     * @return when the record may be delivered, as its event asked ({@code OutboxEvent#deliverAt}),
     *     or {@code null} when at once
     */
    default Instant deliverAt() {
        return null;
    }

    /**
     * @return when the record became or becomes due: its delivery time, or when it was written
     */
    default Instant dueAt() {
        Instant at = deliverAt();
        return at == null ? writtenAt() : at;
    }

    /**
     * @return when the record was sent, or {@code null} while it is not
     */
    Instant dispatchedAt();

    /**
     * @return the earliest time of the next send attempt, or {@code null}
     */
    Instant nextAttemptAt();

    /**
     * @return the text of the last send error, or {@code null}
     */
    String lastError();
}
