package dev.outbox.faults;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds. */
final class Waits {

    private Waits() {}

    /**
     * @param what what is waited for, for the message of a timeout
     * @param timeout how long to wait at most
     * @param condition the condition
     * @throws IllegalStateException when it does not hold in time
     */
    static void until(String what, Duration timeout, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(200);
        }
    }
}
