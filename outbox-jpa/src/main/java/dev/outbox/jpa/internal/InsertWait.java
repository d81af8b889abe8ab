package dev.outbox.jpa.internal;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The pauses of an insert that waits for another transaction's row with the same key: 5 ms,
 * doubling up to 250 ms, and none past the bound ({@code outbox.store.insert-wait}). The wait runs
 * inside the caller's transaction, whose remaining time no portable API tells, hence a bound of its
 * own.
 */
final class InsertWait {

    static final long FIRST_MILLIS = 5;
    static final long LONGEST_MILLIS = 250;

    private final LongSupplier nanoClock;
    private final long deadline;
    private long next = FIRST_MILLIS;

    /**
     * @param bound the longest wait in all
     * @param nanoClock the clock, as {@link System#nanoTime}
     */
    InsertWait(Duration bound, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.deadline = nanoClock.getAsLong() + bound.toNanos();
    }

    /**
     * @return the next pause in milliseconds, shortened to what is left of the bound; or {@code 0}
     *     when the bound is reached and the insert should give up
     */
    long nextPause() {
        long left = (deadline - nanoClock.getAsLong()) / 1_000_000;
        if (left <= 0) {
            return 0;
        }
        long pause = Math.min(next, left);
        next = Math.min(next * 2, LONGEST_MILLIS);
        return pause;
    }
}
