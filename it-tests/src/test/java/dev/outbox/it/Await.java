package dev.outbox.it;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes. */
public final class Await {

    private Await() {}

    /**
     * @param what a description for the failure message
     * @param timeout how long to wait
     * @param condition the condition
     * @throws AssertionError when the condition does not hold in time
     */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting until " + what);
            }
            sleep(50);
        }
    }

    /** Like {@link #until} but reports the last value seen. */
    public static <T> T value(
            String what, Duration timeout, Supplier<T> value, java.util.function.Predicate<T> ok) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = value.get();
        while (!ok.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "Timed out after "
                                + timeout
                                + " waiting until "
                                + what
                                + "; last: "
                                + last);
            }
            sleep(50);
            last = value.get();
        }
        return last;
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
