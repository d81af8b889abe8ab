package dev.outbox.jms.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * The whole relay's backoff while the broker or the database cannot be used: the pause doubles from
 * the relay interval up to a maximum, and the log gets one warning when it starts, a summary at
 * most every {@link #SUMMARY_EVERY}, and one line when it ends. Also the backoff of the
 * housekeeping and of a refused destination. Not thread-safe: used by the relay's one runner
 * ({@link DrainLoop}).
 */
final class RelayPause {

    static final Duration SUMMARY_EVERY = Duration.ofMinutes(5);

    /** What the caller should log after a failure. */
    enum Report {
        FIRST,
        SUMMARY,
        NOTHING
    }

    private final Duration initial;
    private final Duration max;
    private Duration current;
    private Instant until = Instant.MIN;
    private Instant since;
    private Instant lastReport;
    private int failures;

    RelayPause(Duration initial, Duration max) {
        this.initial = initial.compareTo(max) > 0 ? max : initial;
        this.max = max;
        this.current = this.initial;
    }

    /**
     * @return whether the relay may try now
     */
    boolean mayTry(Instant now) {
        return !now.isBefore(until);
    }

    /**
     * @return whether the relay is paused after failures
     */
    boolean failing() {
        return failures > 0;
    }

    /** Notes a failure; the relay pauses. */
    Report failed(Instant now) {
        failures++;
        until = now.plus(current);
        Duration doubled = current.multipliedBy(2);
        current = doubled.compareTo(max) > 0 ? max : doubled;
        if (failures == 1) {
            since = now;
            lastReport = now;
            return Report.FIRST;
        }
        if (Duration.between(lastReport, now).compareTo(SUMMARY_EVERY) >= 0) {
            lastReport = now;
            return Report.SUMMARY;
        }
        return Report.NOTHING;
    }

    /**
     * Notes a success and ends the pause.
     *
     * @return the failures that ended now, 0 if there were none
     */
    int succeeded() {
        int ended = failures;
        failures = 0;
        current = initial;
        until = Instant.MIN;
        return ended;
    }

    int failures() {
        return failures;
    }

    Duration failingFor(Instant now) {
        return since == null ? Duration.ZERO : Duration.between(since, now);
    }
}
