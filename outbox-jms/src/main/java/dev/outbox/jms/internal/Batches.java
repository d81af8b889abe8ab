package dev.outbox.jms.internal;

import java.util.ArrayList;
import java.util.List;

import dev.outbox.admin.OutboxRecord;

/**
 * Runs the relay's batches one after another, as the relay and the test kit both do: a record's own
 * failure is recorded against it and the rest go on; a batch the broker refuses at commit is halved
 * until the record at fault is found ({@link Isolation}). Not thread-safe.
 */
public final class Batches {

    private final RelayWorker worker;
    private final int batchSize;
    private final Isolation isolation;
    private long sent;

    /**
     * @param worker the relay's transactional worker
     * @param batchSize the most records in a batch
     */
    public Batches(RelayWorker worker, int batchSize) {
        this.worker = worker;
        this.batchSize = batchSize;
        this.isolation = new Isolation(batchSize);
    }

    /**
     * Relays one batch.
     *
     * @return the records claimed, or the batch size while more is known to be due: a caller drains
     *     while the answer is the batch size
     * @throws DispatchException when the relay as a whole must pause (broker or database)
     * @throws RuntimeException when the database fails
     */
    public int next() throws DispatchException {
        List<OutboxRecord> sending = new ArrayList<>();
        try {
            int found = worker.relayBatch(isolation.limit(), isolation::trim, sending);
            isolation.sent(sending);
            sent += sending.size();
            return isolation.active() || found > sending.size() ? batchSize : found;
        } catch (DispatchException e) {
            if (e.record() != null) {
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
        if (isolation.refused(refused, Failures.duplicateRefused(e))) {
            worker.recordFailure(refused.get(0), kind, Failures.describe(e));
        }
        return batchSize;
    }
}
