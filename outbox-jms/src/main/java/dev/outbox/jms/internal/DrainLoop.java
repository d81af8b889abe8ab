package dev.outbox.jms.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

import dev.outbox.cdi.internal.Durations;
import dev.outbox.cdi.internal.Msg;

/**
 * The relay's one runner: drains the outbox batch by batch, coalesces kicks, pauses while the
 * broker or the database cannot be used, and does the housekeeping (purge, sweep, lifting the
 * pauses of refused destinations).
 *
 * <p>Threading contract: {@link #kick()} and {@link #tick()} only note what is wanted and then try
 * to become the runner (a compare-and-set); the one thread that wins (the executor's for a kick,
 * the caller's for a tick) does all the wanted work, drains and housekeeping one after another,
 * until nothing is wanted, while every other caller returns at once. So drains, purges, sweeps and
 * the pause state ({@link RelayPause}, not thread-safe) are used by one thread at a time; a kick
 * that arrives while a drain runs makes the runner drain once more (many kicks, one more drain),
 * and none is lost. {@link #stop(Duration)} refuses new work, ends the runner after its current
 * batch and waits for it, bounded.
 */
final class DrainLoop {

    /** How long {@link #stop(Duration)} waits for a running batch by default. */
    static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private static final Logger LOG = Logger.getLogger(DrainLoop.class.getName());

    private final RelayWork work;
    private final Executor executor;
    private final Clock clock;
    private final RelayLimits limits;
    private final RelayPause pause;
    private final Housekeeping housekeeping;
    private final AtomicBoolean drainWanted = new AtomicBoolean();
    private final AtomicBoolean housekeepingWanted = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean warnedBrokerTimeout = new AtomicBoolean();
    private final AtomicLong failedRounds = new AtomicLong();
    private final Object idle = new Object();
    private volatile boolean stopped;
    private volatile boolean failing;
    private volatile Instant lastRun;

    /**
     * @param work the batches and housekeeping
     * @param executor runs a kicked drain, or {@code null} to drain on ticks only
     * @param clock the time
     * @param limits the settings
     */
    DrainLoop(RelayWork work, Executor executor, Clock clock, RelayLimits limits) {
        this.work = work;
        this.executor = executor;
        this.clock = clock;
        this.limits = limits;
        this.pause = new RelayPause(limits.interval(), limits.maxBackoff());
        this.housekeeping = new Housekeeping(work, clock, limits);
    }

    /**
     * Asks for a drain on the executor (after a commit that wrote records); returns at once. While
     * the runner works, it drains once more instead.
     */
    void kick() {
        if (stopped || executor == null) {
            return;
        }
        drainWanted.set(true);
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(this::runOnce);
        } catch (RejectedExecutionException e) {
            // the next tick drains
            release();
        }
    }

    /**
     * Asks for a drain and the housekeeping (the relay's timer). Runs them on the calling thread
     * unless the runner is busy elsewhere, which then does them next.
     */
    void tick() {
        if (stopped) {
            return;
        }
        drainWanted.set(true);
        housekeepingWanted.set(true);
        if (running.compareAndSet(false, true)) {
            runOnce();
        }
    }

    /**
     * Refuses new work and waits for the runner to end its current batch.
     *
     * @param wait the longest wait
     * @return whether the runner ended within the wait
     */
    boolean stop(Duration wait) {
        stopped = true;
        return await(wait, false);
    }

    /**
     * Waits until the runner has done all the work asked for (for tests).
     *
     * @param wait the longest wait
     * @return whether it has within the wait
     */
    boolean awaitIdle(Duration wait) {
        return await(wait, true);
    }

    private boolean await(Duration wait, boolean orWanted) {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (idle) {
            while (running.get() || orWanted && (drainWanted.get() || housekeepingWanted.get())) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    idle.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * @return whether the relay pauses because the broker or the database failed
     */
    boolean failing() {
        return failing;
    }

    /**
     * @return how many rounds failed because the broker or the database could not be used
     */
    long failedRounds() {
        return failedRounds.get();
    }

    /**
     * @return when the relay last looked for records, or {@code null}
     */
    Instant lastRun() {
        return lastRun;
    }

    /**
     * Notes a send the broker watch interrupted: the relay counts as failing at once.
     *
     * @return whether this is the first such send of the outage, to be warned about
     */
    boolean brokerTimedOut() {
        failing = true;
        return warnedBrokerTimeout.compareAndSet(false, true);
    }

    /** The runner: it holds {@link #running} on entry and releases it on exit. */
    private void runOnce() {
        do {
            try {
                while (!stopped) {
                    if (drainWanted.getAndSet(false)) {
                        drain();
                    } else if (housekeepingWanted.getAndSet(false)) {
                        if (housekeeping.run(pause.failing())) {
                            // a refused destination's pause was lifted: try its records now
                            drainWanted.set(true);
                        }
                    } else {
                        break;
                    }
                }
            } finally {
                release();
            }
            // a request that came after the last look and before the release: run it too
        } while (!stopped
                && (drainWanted.get() || housekeepingWanted.get())
                && running.compareAndSet(false, true));
    }

    private void release() {
        synchronized (idle) {
            running.set(false);
            idle.notifyAll();
        }
    }

    /** Sends batches until one comes back less than full, the relay must pause, or it stops. */
    private void drain() {
        lastRun = clock.instant();
        if (!pause.mayTry(lastRun)) {
            return;
        }
        int claimed;
        do {
            lastRun = clock.instant();
            try {
                claimed = work.batch();
            } catch (DispatchException | RuntimeException e) {
                if (Failures.lockConflict(e)) {
                    // another relay or a writer held the rows: the next run tries again
                    LOG.fine(() -> "Relay batch hit a lock conflict: " + Failures.describe(e));
                    return;
                }
                paused(e);
                return;
            }
            recovered();
        } while (claimed >= limits.batchSize() && !stopped);
    }

    private void paused(Exception e) {
        failedRounds.incrementAndGet();
        failing = true;
        Instant now = clock.instant();
        switch (pause.failed(now)) {
            case FIRST ->
                    Msg.RELAY_BROKER_UNREACHABLE.log(
                            e,
                            Durations.format(limits.maxBackoff()),
                            Durations.format(RelayPause.SUMMARY_EVERY),
                            Failures.describe(e));
            case SUMMARY ->
                    Msg.RELAY_STILL_UNREACHABLE.log(
                            pause.failures(),
                            Durations.format(pause.failingFor(now)),
                            Failures.describe(e));
            case NOTHING -> {}
        }
    }

    private void recovered() {
        failing = false;
        warnedBrokerTimeout.set(false);
        pause.recovered(clock.instant(), Msg.RELAY_RECOVERED);
    }
}
