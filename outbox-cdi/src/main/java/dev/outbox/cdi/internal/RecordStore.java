package dev.outbox.cdi.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.outbox.admin.BlockedKey;
import dev.outbox.admin.DestinationBacklog;
import dev.outbox.admin.OutboxRecord;
import dev.outbox.admin.RecordQuery;
import dev.outbox.admin.RecordStatus;

/**
 * Where records live: the outbox table in the application's database. The {@code outbox-jpa} module
 * provides the implementation; exactly one CDI bean of this type must exist.
 *
 * <p>Every method joins the caller's JTA transaction and requires one.
 */
public interface RecordStore {

    /**
     * Checks (and, if so configured, creates) the schema. Called before the relay starts; may be
     * called more than once. Defaults to nothing.
     *
     * @throws RuntimeException when the store cannot work, naming what is missing
     */
    default void prepare() {}

    /**
     * Checks whether the store's connections can take part in an XA transaction with the broker,
     * for {@code outbox.relay.transaction-mode=xa}. Defaults to a store that cannot.
     *
     * @return empty when they can; else why not, naming the datasource
     */
    default Optional<String> xaProblem() {
        return Optional.of("the record store " + getClass().getName() + " does not support XA");
    }

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
     * @param holdFailedHeads whether a {@code FAILED} or {@code QUARANTINED} record holds the later
     *     records of its key
     * @return the claimed records, in the order to send them
     */
    List<OutboxRecord> claim(int limit, Instant now, boolean holdFailedHeads);

    /**
     * Marks claimed records as sent.
     *
     * @param ids the ids of the records sent
     * @param at when they were sent
     * @param keep whether to keep them as {@code DISPATCHED} (else they are deleted)
     */
    void markDispatched(Collection<String> ids, Instant at, boolean keep);

    /**
     * Records a failed attempt to send a pending record, unless another relay changed the record
     * since it was read.
     *
     * @param id the record id
     * @param attemptsBefore the attempts the record had when it was claimed
     * @param status {@code PENDING} to try again, {@code FAILED} or {@code QUARANTINED} to stop
     * @param nextAttempt when to try again (ignored unless {@code PENDING})
     * @param error what went wrong
     * @return whether the record was updated
     */
    boolean markAttemptFailed(
            String id, int attemptsBefore, RecordStatus status, Instant nextAttempt, String error);

    /**
     * Deletes at most {@code limit} records dispatched before a time.
     *
     * @param dispatchedBefore the cut-off
     * @param limit the most records to delete
     * @return the number deleted
     */
    int purgeDispatched(Instant dispatchedBefore, int limit);

    /**
     * Where dispatched records go to an archive kept by the day: makes the days ahead, and retires
     * whole days dispatched before a time.
     *
     * @param now the current time
     * @param dispatchedBefore the cut-off: only days wholly before it are retired
     * @return the days retired; empty without an archive
     */
    default List<LocalDate> keepArchive(Instant now, Instant dispatchedBefore) {
        return List.of();
    }

    /**
     * Quarantines records whose status is none of {@link dev.outbox.admin.RecordStatus} (a row
     * changed by hand), so that they no longer hold their key without a word.
     *
     * @param limit the most records to quarantine
     * @return the quarantined records' ids, each with the status it had
     */
    default Map<String, String> quarantineUnknownStatus(int limit) {
        return Map.of();
    }

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
     * @param query which records; its position and limit do not count
     * @return how many records it selects
     */
    long count(RecordQuery query);

    /**
     * Makes a {@code FAILED} or {@code QUARANTINED} record pending again, attempts reset.
     *
     * @param id the record id
     * @param now when it becomes due
     * @return whether the record was a dead letter and is now pending
     */
    boolean retry(String id, Instant now);

    /**
     * {@link #retry(String, Instant)} for many records at once.
     *
     * @param ids the record ids
     * @param now when they become due
     * @return how many were dead letters and are now pending
     */
    int retry(Collection<String> ids, Instant now);

    /**
     * {@link #replay(String, Instant)} for many records at once.
     *
     * @param ids the record ids
     * @param now when they become due
     * @return how many were dispatched and are now pending
     */
    int replay(Collection<String> ids, Instant now);

    /**
     * {@link #delete(String)} for many records at once.
     *
     * @param ids the record ids
     * @return how many were deleted
     */
    int delete(Collection<String> ids);

    /**
     * Makes a dead letter that heads its key {@code SKIPPED} and gives the next record of its key
     * the {@code outboxFollows} header: the sequence sent before the skipped one.
     *
     * @param id the record id
     * @return whether it was skipped (see {@code Outbox.skip} for why not)
     */
    boolean skip(String id);

    /**
     * Makes a key's {@code DISPATCHED} records in a range of sequences pending again, as {@link
     * #replay(String, Instant)} does one.
     *
     * @param aggregateType the key's type
     * @param aggregateId the key's id
     * @param from the first sequence
     * @param to the last sequence
     * @param limit the most records, the lowest sequences first
     * @param now when they become due
     * @return how many are pending again
     */
    int replay(
            String aggregateType, String aggregateId, long from, long to, int limit, Instant now);

    /**
     * Deletes a record unless it is {@code PENDING}.
     *
     * @param id the record id
     * @return whether it was deleted
     */
    boolean delete(String id);

    /**
     * Makes a {@code DISPATCHED} record pending again, attempts reset; its dispatch time stays, to
     * tell the relay it sends a replay.
     *
     * @param id the record id
     * @param now when it becomes due
     * @return whether the record was dispatched and is now pending
     */
    boolean replay(String id, Instant now);

    /**
     * @return the backlog per destination, paused destinations included
     */
    List<DestinationBacklog> backlog();

    /**
     * @param destination only heads to this queue, or {@code null}
     * @param limit the most keys
     * @return the keys whose earliest unsent record is a dead letter, the oldest head first
     */
    List<BlockedKey> blockedKeys(String destination, int limit);

    /**
     * Pauses a destination, if it is not paused.
     *
     * @param destination the queue
     * @param at when
     * @param by who, or {@code null}
     */
    void pause(String destination, Instant at, String by);

    /**
     * @param destination the queue
     * @return whether it was paused
     */
    boolean resume(String destination);

    /**
     * Resumes the destinations one pauser paused before a time, and no other: the relay lifts its
     * own pauses of destinations the broker refused it, whichever server took them, and leaves the
     * operators' alone.
     *
     * @param by the pauser, as {@link #pause} was given it
     * @param olderThan the time the pauses were taken before
     * @return how many destinations were resumed
     */
    int resumeRelayPauses(String by, Instant olderThan);

    /**
     * Resumes one destination if one pauser paused it, whenever: the relay that took a pause lifts
     * it early, on a backoff of its own.
     *
     * @param destination the destination
     * @param by the pauser, as {@link #pause} was given it
     * @return whether it was paused by that pauser and is resumed
     */
    boolean resumeRelayPause(String destination, String by);

    /**
     * @return the paused destinations
     */
    Set<String> paused();
}
