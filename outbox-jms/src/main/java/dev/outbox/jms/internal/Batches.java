package dev.outbox.jms.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.outbox.admin.OutboxRecord;
import dev.outbox.cdi.internal.OutboxSettings;

/**
 * Runs the relay's batches one after another, as the relay and the test kit both do: a record's own
 * failure is recorded against it and the rest go on; a batch the broker refuses at commit is halved
 * until the record at fault is found ({@link Isolation}); a destination the broker refuses for
 * security is paused on every server, and the claims leave it out ({@link RefusedDestinations}).
 * Not thread-safe.
 */
public final class Batches {

    private final RelayWorker worker;
    private final int batchSize;
    private final Isolation isolation;
    private final RefusedDestinations destinations;
    private final Clock clock;
    private long sent;

    /**
     * @param worker the relay's transactional worker
     * @param settings the batch size, and the pause of a destination the broker refuses
     * @return batches as the relay runs them
     */
    public static Batches of(RelayWorker worker, OutboxSettings settings) {
        return new Batches(
                worker,
                settings.batchSize(),
                settings.relayInterval(),
                settings.maxBackoff(),
                Clock.systemUTC());
    }

    /**
     * @param worker the relay's transactional worker
     * @param batchSize the most records in a batch
     * @param firstFullPause how long a destination whose address is full first stays paused
     * @param refusedPause how long a destination the broker refuses stays paused
     * @param clock the time
     */
    Batches(
            RelayWorker worker,
            int batchSize,
            Duration firstFullPause,
            Duration refusedPause,
            Clock clock) {
        this.worker = worker;
        this.batchSize = batchSize;
        this.isolation = new Isolation(batchSize);
        this.destinations = new RefusedDestinations(worker, firstFullPause, refusedPause);
        this.clock = clock;
    }

    /**
     * Relays one batch.
     *
     * @return the records claimed, or the batch size while more is known to be due: a caller drains
     *     while the answer is the batch size
     * @throws DispatchException when the relay as a whole must pause (broker or database), also
     *     when the send of one record failed for a reason that is not the record's (the connection
     *     lost or timed out): that record is charged nothing
     * @throws RuntimeException when the database fails
     */
    public int next() throws DispatchException {
        List<OutboxRecord> sending = new ArrayList<>();
        Instant now = clock.instant();
        try {
            int found = worker.relayBatch(isolation.limit(), isolation::trim, sending);
            isolation.sent(sending);
            destinations.accepted(sending, now);
            sent += sending.size();
            return isolation.active() || found > sending.size() ? batchSize : found;
        } catch (DispatchException e) {
            if (e.kind() == DispatchException.Kind.REFUSED && e.record() != null) {
                isolation.excuse(e.record());
                destinations.refused(e.record().destination(), e, now);
                return batchSize;
            }
            if (e.record() != null && e.kind() != DispatchException.Kind.RELAY) {
                worker.recordFailure(e);
                return batchSize;
            }
            if (!e.atCommit()) {
                throw e;
            }
            return refusedAtCommit(sending, e);
        } catch (RuntimeException e) {
            // an XA commit that failed, or the database
            if (sending.isEmpty()) {
                throw e;
            }
            return refusedAtCommit(sending, e);
        }
    }

    /**
     * Lifts this instance's pauses of full addresses whose backoff has passed.
     *
     * @return how many destinations it resumed: their records may be sent now
     * @throws RuntimeException when the database fails
     */
    public int liftFull() {
        return destinations.liftDue(clock.instant());
    }

    /**
     * @return the records sent by this instance so far
     */
    public long sent() {
        return sent;
    }

    private int refusedAtCommit(List<OutboxRecord> refused, Exception e) throws DispatchException {
        DispatchException.Kind kind = Failures.classifySend(e);
        if (kind == DispatchException.Kind.RELAY) {
            throw Failures.relay("the broker refused the batch", e);
        }
        Set<String> to =
                refused.stream().map(OutboxRecord::destination).collect(Collectors.toSet());
        if (kind == DispatchException.Kind.REFUSED && to.size() == 1) {
            // the one destination of the batch is refused: no record is at fault
            destinations.refused(to.iterator().next(), e, clock.instant());
            return batchSize;
        }
        if (isolation.refused(refused, Failures.duplicateRefused(e))) {
            worker.recordFailure(refused.get(0), kind, Failures.describe(e));
        }
        return batchSize;
    }
}
