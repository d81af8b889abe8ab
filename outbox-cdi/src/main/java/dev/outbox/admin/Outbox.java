package dev.outbox.admin;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Operations on the stored records, for operators and tests: inject it with {@code @Inject Outbox}.
 * Each method runs in its own transaction (or joins the caller's).
 *
 * <p>Dead letters are records in status {@link RecordStatus#FAILED} (retries exhausted) and {@link
 * RecordStatus#QUARANTINED} (could never be sent as they are). They stay in the table until an
 * operator {@linkplain #retry(String) retries} or {@linkplain #delete(String) deletes} them.
 */
public interface Outbox {

    /**
     * @param query which records
     * @return the matching records, oldest first
     */
    List<OutboxRecord> find(RecordQuery query);

    /**
     * @param id a record id
     * @return the record, if it exists
     */
    Optional<OutboxRecord> find(String id);

    /**
     * @param limit the most records to return, 1 to 10000
     * @return {@code FAILED} and {@code QUARANTINED} records, oldest first
     */
    List<OutboxRecord> deadLetters(int limit);

    /**
     * @param status a status
     * @return the number of records in it
     */
    long count(RecordStatus status);

    /**
     * @param query which records; its position and limit do not count
     * @return how many records it selects: the dry run of a bulk action
     */
    long count(RecordQuery query);

    /**
     * Retries the dead letters the query selects, oldest first, up to its limit (at most {@value
     * RecordQuery#MAX_LIMIT} per call); records in another status are left alone.
     *
     * @param query which records
     * @return how many are pending again
     */
    int retry(RecordQuery query);

    /**
     * Sends again the {@code DISPATCHED} records the query selects, up to its limit.
     *
     * @param query which records
     * @return how many are pending again
     */
    int replay(RecordQuery query);

    /**
     * Deletes the records the query selects that are not {@code PENDING}, up to its limit.
     *
     * @param query which records
     * @return how many were deleted
     */
    int delete(RecordQuery query);

    /**
     * Sends a dead letter again: it becomes {@code PENDING} with its attempts reset, due now.
     *
     * @param id a record id
     * @return {@code true} if the record was {@code FAILED} or {@code QUARANTINED} and is now
     *     pending; {@code false} if it does not exist or is in another status
     */
    boolean retry(String id);

    /**
     * Deletes a record that will not be sent: a dead letter, or a record already sent.
     *
     * @param id a record id
     * @return {@code true} if it was deleted; {@code false} if it does not exist or is {@code
     *     PENDING}, which the relay may be sending right now
     */
    boolean delete(String id);

    /**
     * Passes over the dead letter that blocks its key, so that the records held behind it flow, in
     * order: it becomes {@code SKIPPED}, kept and never sent, and the next record of its key
     * carries {@code outboxFollows}, which tells a consumer's order check not to wait for it.
     *
     * @param id a record id
     * @return {@code true} if it was skipped; {@code false} if it does not exist, is not {@code
     *     FAILED} or {@code QUARANTINED}, an earlier record of its key is unsent, or no unsent
     *     record of its key follows it (then nothing waits: retry or delete it)
     */
    boolean skip(String id);

    /**
     * Sends a {@code DISPATCHED} record (one kept by {@code outbox.retention}) once more. The copy
     * carries the same record id, so a consumer's inbox that processed it skips it; it gets a new
     * broker duplicate id, so the broker does not drop it.
     *
     * @param id a record id
     * @return {@code true} if the record was {@code DISPATCHED} and is now pending
     */
    boolean replay(String id);

    /**
     * Sends a key's history once more, in order: its {@code DISPATCHED} records (those kept by
     * {@code outbox.retention}) from one sequence to another become pending, due now, and go out in
     * sequence order, behind any unsent record of the key before them. Each copy is a {@link
     * #replay(String) replay}: a consumer's inbox that still remembers a message skips its copy.
     *
     * @param aggregateType the key's type
     * @param aggregateId the key's id
     * @param fromSequence the first sequence to send, from 1
     * @param toSequence the last, not below {@code fromSequence}
     * @return how many are pending again, at most 10,000 (the lowest sequences): call again from
     *     the next one for more
     * @throws IllegalArgumentException if the key is missing or the range is empty
     */
    int replay(String aggregateType, String aggregateId, long fromSequence, long toSequence);

    /**
     * @return per destination, the records that wait and the age of the oldest, including paused
     *     destinations with nothing waiting
     */
    List<DestinationBacklog> backlog();

    /**
     * The keys a dead letter blocks: each key whose earliest unsent record is {@code FAILED} or
     * {@code QUARANTINED}, with the number of records held behind it. Empty with {@code
     * outbox.ordering.failed-head=skip}, where dead letters hold nothing back.
     *
     * @param destination only the keys whose head goes to this queue, or {@code null} for all
     * @param limit the most keys to return, 1 to 10000
     * @return the blocked keys, the oldest head first
     */
    List<BlockedKey> blockedKeys(String destination, int limit);

    /**
     * Holds back the records of a destination on every server until {@link #resume}; records of the
     * same keys bound elsewhere wait behind them, so per-key order holds.
     *
     * @param destination the queue
     * @param by who paused it, for the record (may be {@code null})
     */
    void pause(String destination, String by);

    /**
     * Lets the relay send the records of a paused destination again. A destination the relay paused
     * itself, because the broker refused to let it send there, may be resumed too: if the broker
     * still refuses, the relay pauses it again.
     *
     * @param destination the queue
     * @return whether it was paused
     */
    boolean resume(String destination);

    /**
     * @return the paused destinations: the operators' and those the relay paused itself because the
     *     broker refused to let it send there (paused by {@code outbox-relay: broker refused
     *     (security)} or {@code outbox-relay: broker refused (address full)}, lifted by the relay
     *     after {@code outbox.relay.max-backoff})
     */
    Set<String> paused();
}
