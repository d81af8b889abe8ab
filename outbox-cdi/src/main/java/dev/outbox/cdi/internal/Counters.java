package dev.outbox.cdi.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongConsumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import dev.outbox.OutboxEvent;

/**
 * What this server's outbox has done since it started: the figures that metrics export. Cheap
 * enough to update on every record.
 */
@ApplicationScoped
public class Counters {

    /** Upper bounds, in milliseconds, of the commit-to-dispatch latency histogram's buckets. */
    public static final long[] LATENCY_BOUNDS_MS = {
        1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 30_000, 60_000
    };

    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dispatched = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong quarantined = new AtomicLong();
    private final AtomicLong duplicatesSkipped = new AtomicLong();
    private final AtomicLong gaps = new AtomicLong();
    private final AtomicLongArray latency = new AtomicLongArray(LATENCY_BOUNDS_MS.length + 1);
    private final AtomicLong latencySumMillis = new AtomicLong();
    private final List<LongConsumer> latencyListeners = new CopyOnWriteArrayList<>();

    void written(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxEvent event) {
        written.incrementAndGet();
    }

    /**
     * @param writtenToSent the time from the record's write to its dispatch
     */
    public void countDispatched(Duration writtenToSent) {
        dispatched.incrementAndGet();
        long ms = Math.max(0, writtenToSent.toMillis());
        latencySumMillis.addAndGet(ms);
        int bucket = 0;
        while (bucket < LATENCY_BOUNDS_MS.length && ms > LATENCY_BOUNDS_MS[bucket]) {
            bucket++;
        }
        latency.incrementAndGet(bucket);
        for (LongConsumer l : latencyListeners) {
            l.accept(ms);
        }
    }

    /**
     * Adds a listener told each commit-to-dispatch latency as it is counted, for exporters that
     * need every observation (a histogram). Listeners must be quick and must not throw.
     *
     * @param listener receives the latency in milliseconds, on the relay's thread
     */
    public void onDispatched(LongConsumer listener) {
        latencyListeners.add(listener);
    }

    /**
     * @param listener a listener added by {@link #onDispatched}
     */
    public void removeDispatchedListener(LongConsumer listener) {
        latencyListeners.remove(listener);
    }

    /** Counts an attempt that failed and will be retried. */
    public void countAttemptFailed() {
        failedAttempts.incrementAndGet();
    }

    /** Counts a record that became FAILED. */
    public void countFailed() {
        failed.incrementAndGet();
    }

    /** Counts a record that was quarantined. */
    public void countQuarantined() {
        quarantined.incrementAndGet();
    }

    /** Counts a copy the inbox recognised and skipped. */
    public void countDuplicateSkipped() {
        duplicatesSkipped.incrementAndGet();
    }

    /** Counts a gap the inbox saw in a key's sequence. */
    public void countGap() {
        gaps.incrementAndGet();
    }

    /**
     * @return records committed
     */
    public long written() {
        return written.get();
    }

    /**
     * @return records sent
     */
    public long dispatched() {
        return dispatched.get();
    }

    /**
     * @return send attempts that failed and were rescheduled
     */
    public long failedAttempts() {
        return failedAttempts.get();
    }

    /**
     * @return records that became FAILED
     */
    public long failed() {
        return failed.get();
    }

    /**
     * @return records quarantined
     */
    public long quarantined() {
        return quarantined.get();
    }

    /**
     * @return copies skipped by the inbox
     */
    public long duplicatesSkipped() {
        return duplicatesSkipped.get();
    }

    /**
     * @return gaps seen by the inbox
     */
    public long gaps() {
        return gaps.get();
    }

    /**
     * @return the count per bucket of {@link #LATENCY_BOUNDS_MS}, plus a last bucket for longer
     */
    public long[] latencyBuckets() {
        long[] copy = new long[latency.length()];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = latency.get(i);
        }
        return copy;
    }

    /**
     * @return the sum of all commit-to-dispatch latencies, in milliseconds
     */
    public long latencySumMillis() {
        return latencySumMillis.get();
    }
}
