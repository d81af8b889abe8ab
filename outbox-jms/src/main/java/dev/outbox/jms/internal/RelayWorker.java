package dev.outbox.jms.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import dev.outbox.admin.OutboxRecord;
import dev.outbox.admin.RecordStatus;
import dev.outbox.cdi.internal.Backoff;
import dev.outbox.cdi.internal.Counters;
import dev.outbox.cdi.internal.Msg;
import dev.outbox.cdi.internal.OutboxSettings;
import dev.outbox.cdi.internal.RecordStore;

/**
 * Relays one batch in its own container-managed transaction: claim due records, send them, mark
 * them. The claim's row locks keep other relays off these records until the transaction ends.
 */
@Stateless
public class RelayWorker {

    @Inject RecordStore store;
    @Inject JmsDispatcher dispatcher;
    @EJB LocalSender localSender;
    @Inject OutboxSettings settings;
    @Inject Counters counters;
    @Resource TransactionSynchronizationRegistry transactions;

    private final Clock clock = Clock.systemUTC();

    /**
     * @param limit the most records to claim
     * @param trim picks the records to send of those claimed, in order, at least one; the others
     *     stay pending, untouched
     * @param sending receives the records sent, so that the caller knows them even when the
     *     transaction fails to commit
     * @return the number of records claimed
     * @throws DispatchException when a send failed: the transaction rolls back, nothing of the
     *     batch is marked, and the exception says whose failure it was
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int relayBatch(
            int limit, UnaryOperator<List<OutboxRecord>> trim, List<OutboxRecord> sending)
            throws DispatchException {
        List<OutboxRecord> claimed;
        try {
            claimed = store.claim(limit, clock.instant(), settings.holdFailedHeads());
        } catch (RuntimeException e) {
            throw Failures.relay("cannot claim records from the database", e);
        }
        if (claimed.isEmpty()) {
            return 0;
        }
        List<OutboxRecord> batch = trim.apply(claimed);
        sending.addAll(batch);
        if (settings.xa()) {
            dispatcher.sendEnlisted(batch);
        } else {
            localSender.send(batch);
        }
        Instant sent = clock.instant();
        try {
            store.markDispatched(
                    batch.stream().map(OutboxRecord::id).toList(),
                    sent,
                    !settings.retention().isZero());
        } catch (RuntimeException e) {
            throw Failures.relay("cannot mark sent records in the database", e);
        }
        countOnCommit(batch, sent);
        return claimed.size();
    }

    /**
     * Counts the batch as dispatched once its transaction has committed: a batch whose commit fails
     * is sent again, and would be counted twice.
     */
    private void countOnCommit(List<OutboxRecord> batch, Instant sent) {
        List<Duration> latencies =
                batch.stream().map(r -> Duration.between(r.dueAt(), sent)).toList();
        transactions.registerInterposedSynchronization(
                new Synchronization() {
                    @Override
                    public void beforeCompletion() {}

                    @Override
                    public void afterCompletion(int status) {
                        if (status == Status.STATUS_COMMITTED) {
                            latencies.forEach(counters::countDispatched);
                        }
                    }
                });
    }

    /**
     * Records a failed attempt of one record in a transaction of its own: schedules a retry, makes
     * it FAILED when its attempts are exhausted, or quarantines it.
     *
     * @param failure the failure, naming the record
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordFailure(DispatchException failure) {
        recordFailure(failure.record(), failure.kind(), failure.getMessage());
    }

    /**
     * Records a failed attempt of one record in a transaction of its own.
     *
     * @param r the record
     * @param kind {@code PERMANENT} quarantines it, {@code RETRYABLE} schedules a retry
     * @param error what went wrong
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordFailure(OutboxRecord r, DispatchException.Kind kind, String error) {
        Instant now = clock.instant();
        int attempts = r.attempts() + 1;
        Object[] who = {
            r.id(), r.eventType(), r.aggregateType(), r.aggregateId(), r.sequence(), r.destination()
        };
        if (kind == DispatchException.Kind.PERMANENT) {
            if (store.markAttemptFailed(
                    r.id(), r.attempts(), RecordStatus.QUARANTINED, null, error)) {
                counters.countQuarantined();
                Msg.RELAY_RECORD_QUARANTINED.log(concat(who, error));
            }
            return;
        }
        Backoff retry = settings.retry();
        Instant next = retry.nextAttempt(attempts, now, ThreadLocalRandom.current());
        if (next == null) {
            if (store.markAttemptFailed(r.id(), r.attempts(), RecordStatus.FAILED, null, error)) {
                counters.countFailed();
                Msg.RELAY_RECORD_FAILED.log(concat(who, attempts, error));
            }
        } else if (store.markAttemptFailed(
                r.id(), r.attempts(), RecordStatus.PENDING, next, error)) {
            counters.countAttemptFailed();
            Msg.RELAY_RETRY_SCHEDULED.log(concat(who, attempts, retry.maxAttempts(), next, error));
        }
    }

    /**
     * Pauses a destination the broker refuses the relay (security, a full address), on every
     * server, unless it is paused already (by an operator, or by another relay: that pause stays as
     * it is).
     *
     * @param destination the destination
     * @param by the pause's {@code paused_by}: one of {@link RefusedDestinations#RELAY_PAUSES}
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void pauseRefused(String destination, String by) {
        store.pause(destination, clock.instant(), by);
    }

    /**
     * Resumes the destinations the relay paused because the broker refused them, whichever server
     * paused them, once their pause is old enough; never a pause an operator took.
     *
     * @param olderThan the time the pauses were taken before
     * @return how many destinations were resumed
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int resumeRefused(Instant olderThan) {
        int resumed = 0;
        for (String by : RefusedDestinations.RELAY_PAUSES) {
            resumed += store.resumeRelayPauses(by, olderThan);
        }
        return resumed;
    }

    /**
     * Resumes a destination this relay paused because its address was full, when the relay's own
     * backoff for it has passed; never a pause an operator took.
     *
     * @param destination the destination
     * @return whether it was paused so and is resumed
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean resumeFull(String destination) {
        return store.resumeRelayPause(destination, RefusedDestinations.PAUSED_BY_FULL);
    }

    /**
     * Deletes dispatched records older than the retention, in bounded statements.
     *
     * @return the number of records deleted
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int purge() {
        return store.purgeDispatched(
                clock.instant().minus(settings.retention()), settings.purgeBatchSize());
    }

    /**
     * Makes the archive's days ahead and retires its days older than the retention, where
     * dispatched records go to an archive.
     *
     * @return the days retired
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<LocalDate> keepArchive() {
        Instant now = clock.instant();
        return store.keepArchive(now, now.minus(settings.retention()));
    }

    /**
     * Quarantines records with a status the outbox does not know, logging each.
     *
     * @return how many were quarantined
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int quarantineUnknownStatus() {
        Map<String, String> found = store.quarantineUnknownStatus(settings.batchSize());
        found.forEach(
                (id, status) -> {
                    counters.countQuarantined();
                    Msg.RELAY_UNKNOWN_STATUS.log(id, status);
                });
        return found.size();
    }

    private static Object[] concat(Object[] head, Object... tail) {
        Object[] all = new Object[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
