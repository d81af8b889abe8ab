package dev.outbox.spi;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import dev.outbox.OutboxRecord;

/**
 * Where records live: the outbox table in the application's database. The {@code outbox-jpa} module
 * provides the implementation; exactly one CDI bean of this type must exist.
 *
 * <p>Every method joins the caller's JTA transaction and requires one.
 */
public interface RecordStore {

    /**
     * Appends a record in the caller's transaction and gives it the next sequence number of its
     * key. Concurrent writers of one key are serialized until the first commits, so sequence
     * numbers follow commit order without gaps.
     *
     * @param record the record to store
     */
    void append(NewRecord record);

    /**
     * Claims up to {@code limit} records that are due to be sent, oldest first, locking them until
     * the current transaction ends and skipping records that another relay holds. Only the first
     * unsent record of each key is claimed.
     *
     * @param limit the maximum number of records
     * @param now the current time; records whose next attempt is later are not due
     * @return the claimed records, in the order to send them
     */
    List<OutboxRecord> claim(int limit, Instant now);

    /**
     * Marks claimed records as sent.
     *
     * @param ids the ids of the records sent
     * @param at when they were sent
     */
    void markDispatched(Collection<String> ids, Instant at);
}
