package dev.outbox.cdi.internal;

import java.time.Instant;

/**
 * Where a consumer's inbox lives: the processed-message tables in the consumer's database. The
 * {@code outbox-jpa} module provides the implementation. Every method joins the caller's JTA
 * transaction.
 */
public interface InboxStore {

    /**
     * Inserts (consumer, message id) unless it exists. If another transaction inserted it and has
     * not ended, waits for that transaction.
     *
     * @param consumer the consumer name
     * @param messageId the message id
     * @param processedAt when it is processed
     * @return whether the row was inserted (the message is new)
     */
    boolean insertIfAbsent(String consumer, String messageId, Instant processedAt);

    /**
     * Reads the last sequence number the consumer processed for a key, locking it until the
     * transaction ends, so that two messages of one key are checked one after the other.
     *
     * @param consumer the consumer name
     * @param aggregateType the key's type
     * @param aggregateId the key's id
     * @return the last processed sequence number, or 0 when none was
     */
    long lockLastSequence(String consumer, String aggregateType, String aggregateId);

    /**
     * Sets the last sequence number the consumer processed for a key.
     *
     * @param consumer the consumer name
     * @param aggregateType the key's type
     * @param aggregateId the key's id
     * @param sequence the sequence number
     * @param at when
     */
    void saveLastSequence(
            String consumer, String aggregateType, String aggregateId, long sequence, Instant at);

    /**
     * Deletes at most {@code limit} processed-message rows older than a time.
     *
     * @param before the cut-off
     * @param limit the most rows to delete
     * @return the number deleted
     */
    int purge(Instant before, int limit);
}
