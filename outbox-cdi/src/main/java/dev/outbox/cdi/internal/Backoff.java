package dev.outbox.cdi.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * The retry schedule of a record whose send failed: exponential delays with jitter, up to a maximum
 * number of attempts.
 *
 * @param initialDelay the delay after the first failed attempt
 * @param multiplier the factor by which each further delay grows
 * @param maxDelay the longest delay
 * @param jitter the random spread of each delay, a fraction from 0 to 1
 * @param maxAttempts the failed attempts after which a record becomes FAILED
 */
public record Backoff(
        Duration initialDelay,
        double multiplier,
        Duration maxDelay,
        double jitter,
        int maxAttempts) {

    /**
     * The delay after a given number of failed attempts, before jitter.
     *
     * @param failedAttempts the failed attempts so far, at least 1
     * @return the nominal delay
     */
    public Duration nominalDelay(int failedAttempts) {
        double millis =
                initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, failedAttempts - 1));
        return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis(Math.round(millis));
    }

    /**
     * When to try again after a failed attempt.
     *
     * @param failedAttempts the failed attempts so far, this one included
     * @param now the time of the failure
     * @param random the source of jitter
     * @return the time of the next attempt, or {@code null} when the attempts are exhausted
     */
    public Instant nextAttempt(int failedAttempts, Instant now, RandomGenerator random) {
        if (failedAttempts >= maxAttempts) {
            return null;
        }
        long nominal = nominalDelay(failedAttempts).toMillis();
        double spread = jitter == 0 ? 0 : (random.nextDouble() * 2 - 1) * jitter;
        return now.plusMillis(Math.max(0, Math.round(nominal * (1 + spread))));
    }
}
