package dev.outbox.jms.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.logging.Level;

import dev.outbox.cdi.internal.Durations;
import dev.outbox.cdi.internal.Msg;

/**
 * The relay's housekeeping: lifts the relay's pauses of refused destinations once they are older
 * than the maximum backoff ({@link RefusedDestinations}), purges dispatched records past their
 * retention and sweeps for rows with a status the outbox does not know. Its failures never pause
 * sending: a failed purge pauses the purge alone, with a backoff and messages of its own. Not
 * thread-safe: run by the relay's one runner ({@link DrainLoop}).
 */
final class Housekeeping {

    /** The most purge statements of one run. */
    static final int PURGE_ROUNDS = 10;

    private final RelayWork work;
    private final Clock clock;
    private final RelayLimits limits;
    private final RelayPause pause;
    private Instant nextSweep = Instant.MIN;
    private Instant nextLift = Instant.MIN;

    Housekeeping(RelayWork work, Clock clock, RelayLimits limits) {
        this.work = work;
        this.clock = clock;
        this.limits = limits;
        this.pause = new RelayPause(limits.interval(), limits.maxBackoff());
    }

    /**
     * Lifts expired pauses, purges and sweeps, unless sending pauses: then the database is likely
     * away too, and the housekeeping waits for sending to recover.
     *
     * @param sendingFails whether sending pauses after failures
     * @return whether it lifted a pause: there may be records to send
     */
    boolean run(boolean sendingFails) {
        if (sendingFails) {
            return false;
        }
        boolean lifted = liftRefusals();
        purge();
        sweep();
        return lifted;
    }

    /**
     * Lifts the relay's pauses of destinations the broker refused that are older than the maximum
     * backoff, whichever server took them: their records are tried again. A failure is logged and
     * the next try waits the maximum backoff; sending goes on.
     */
    private boolean liftRefusals() {
        Instant now = clock.instant();
        if (now.isBefore(nextLift)) {
            return false;
        }
        try {
            return work.liftRefusals(now.minus(limits.maxBackoff())) > 0;
        } catch (RuntimeException e) {
            nextLift = now.plus(limits.maxBackoff());
            Msg.RELAY_LIFT_FAILED.log(
                    String.join("', '", RefusedDestinations.RELAY_PAUSES),
                    Durations.format(limits.maxBackoff()),
                    e);
            return false;
        }
    }

    /**
     * Deletes dispatched records past their retention, in bounded statements. Its failures pause
     * the housekeeping only, with a backoff and messages of its own; sending goes on.
     */
    private void purge() {
        Instant now = clock.instant();
        if (limits.retention().isZero() || !pause.mayTry(now)) {
            return;
        }
        int total = 0;
        List<LocalDate> retired;
        try {
            retired = work.keepArchive();
            for (int i = 0; i < PURGE_ROUNDS; i++) {
                int n = work.purge();
                total += n;
                if (n < limits.purgeBatchSize()) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            failed(e);
            return;
        }
        pause.recovered(clock.instant(), Msg.RELAY_HOUSEKEEPING_RECOVERED);
        if (!retired.isEmpty()) {
            Msg.RELAY_RETIRED.log(
                    retired.size(), Durations.format(limits.retention()), retired.toString());
        }
        if (total > 0) {
            // routine work, every tick: not for the server log
            Msg.RELAY_PURGED.logAt(Level.FINE, total, Durations.format(limits.retention()));
        }
    }

    private void failed(RuntimeException e) {
        Instant now = clock.instant();
        RelayPause.Report report = pause.failed(now);
        if (report != RelayPause.Report.NOTHING) {
            Msg.RELAY_HOUSEKEEPING_FAILED.log(
                    e,
                    pause.failures(),
                    Durations.format(pause.failingFor(now)),
                    Durations.format(limits.maxBackoff()),
                    Failures.describe(e));
        }
    }

    /**
     * Quarantines rows whose status was changed by hand to one the outbox does not know: at the
     * first tick, then every {@code sweepEvery} intervals (a scan of the status index: not for
     * every tick).
     */
    private void sweep() {
        Instant now = clock.instant();
        if (now.isBefore(nextSweep)) {
            return;
        }
        Duration every = limits.interval().multipliedBy(limits.sweepEvery());
        nextSweep = now.plus(every);
        try {
            work.sweep();
        } catch (RuntimeException e) {
            // housekeeping: it never pauses the relay, whose own work shows any outage
            Msg.RELAY_SWEEP_FAILED.log(Durations.format(every), e);
        }
    }
}
