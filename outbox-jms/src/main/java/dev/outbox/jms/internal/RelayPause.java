package dev.outbox.jms.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.logging.Level;

import dev.outbox.cdi.internal.Durations;
import dev.outbox.cdi.internal.Msg;

/**
 * The whole relay's backoff while the broker or the database cannot be used: the pause doubles from
 * the relay interval up to a maximum, and the log gets one warning when it starts, a summary at
 * most every {@link #SUMMARY_EVERY}, and one line when it ends ({@link #recovered}). Also the
 * backoff of the housekeeping, and what the log says of a destination the broker refuses. Not
 * thread-safe: used by the relay's one runner ({@link DrainLoop}).
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

    /**
     * Notes a success and ends the pause; when it ends failures, logs the line that says so: the
     * message with the values given, then the failures and how long they lasted.
     *
     * @param now the time
     * @param message the recovery line, its last two values the failures and the duration
     * @param first the values before those
     */
    void recovered(Instant now, Msg message, Object... first) {
        recovered(now, null, message, first);
    }

    /**
     * As {@link #recovered(Instant, Msg, Object...)}, at a level of the caller's.
     *
     * @param level the level, or {@code null} for the message's own
     */
    void recovered(Instant now, Level level, Msg message, Object... first) {
        if (!failing()) {
            return;
        }
        Object[] values = Arrays.copyOf(first, first.length + 2);
        values[first.length] = failures;
        values[first.length + 1] = Durations.format(failingFor(now));
        succeeded();
        if (level == null) {
            message.log(values);
        } else {
            message.logAt(level, values);
        }
    }

    int failures() {
        return failures;
    }

    Duration failingFor(Instant now) {
        return since == null ? Duration.ZERO : Duration.between(since, now);
    }
}
