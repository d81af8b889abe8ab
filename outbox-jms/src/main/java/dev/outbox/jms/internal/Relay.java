package dev.outbox.jms.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;

import dev.outbox.cdi.internal.Durations;
import dev.outbox.cdi.internal.Msg;
import dev.outbox.cdi.internal.OutboxSettings;
import dev.outbox.cdi.internal.RecordStore;

/**
 * Runs the relay on this server. Two things make it drain the outbox:
 *
 * <ul>
 *   <li>a programmatic, non-persistent interval timer (its interval comes from configuration, which
 *       {@code @Schedule} cannot read): the safety net for anything left behind;
 *   <li>a commit of a transaction that wrote records ({@link #kick()}), which drains at once on a
 *       managed executor thread.
 * </ul>
 *
 * One drain runs at a time per server; a kick during a drain makes it go round once more. Servers
 * coordinate through row locks in the database only, never through memory.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Relay {

    private static final String EXECUTOR = "java:comp/DefaultManagedExecutorService";

    private static final String TIMER = "dev.outbox.relay";

    /** The second timer: interrupts sends that wait for the broker too long (BrokerWatch). */
    private static final String WATCH_TIMER = "dev.outbox.relay.watch";

    /** Relay intervals between two looks for rows with a status the outbox does not know. */
    private static final int SWEEP_EVERY = 60;

    private static final java.util.logging.Logger LOG =
            java.util.logging.Logger.getLogger(Relay.class.getName());

    @Resource TimerService timers;
    @EJB RelayWorker worker;
    @Inject OutboxSettings settings;
    @Inject RecordStore store;
    @Inject JmsDispatcher dispatcher;

    private final Clock clock = Clock.systemUTC();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private ManagedExecutorService executor;
    private RelayPause pause;
    private Batches batches;
    private Instant nextSweep = Instant.MIN;
    private volatile boolean started;
    private volatile Instant lastRun;
    private volatile boolean failing;
    private volatile boolean warnedBrokerTimeout;

    @PostConstruct
    void start() {
        store.prepare();
        if (!settings.relayEnabled()) {
            Msg.RELAY_DISABLED.log();
            return;
        }
        if (settings.xa()) {
            store.xaProblem()
                    .ifPresent(
                            why -> {
                                throw new IllegalStateException(
                                        Msg.RELAY_MODE_XA_WITHOUT_XA_DATASOURCE.format(why));
                            });
        }
        checkDuplicateWindow();
        pause = new RelayPause(settings.relayInterval(), settings.maxBackoff());
        batches = new Batches(worker, settings.batchSize());
        if (settings.immediate()) {
            executor = lookupExecutor();
        }
        long interval = settings.relayInterval().toMillis();
        timers.createIntervalTimer(interval, interval, new TimerConfig(TIMER, false));
        long watch = Math.max(100, Math.min(5000, settings.brokerTimeout().toMillis() / 5));
        timers.createIntervalTimer(watch, watch, new TimerConfig(WATCH_TIMER, false));
        started = true;
        Msg.RELAY_STARTED.log(
                Durations.format(settings.relayInterval()),
                settings.batchSize(),
                dispatcher.connectionFactoryName(),
                describeMode());
    }

    @PreDestroy
    void stop() {
        started = false;
        if (timers != null) {
            for (Timer t : timers.getTimers()) {
                t.cancel();
            }
        }
        if (settings.relayEnabled()) {
            Msg.RELAY_STOPPED.log();
        }
    }

    /**
     * @return whether this server runs the relay
     */
    public boolean running() {
        return started;
    }

    /**
     * @return when the relay last looked for records (timer or commit), or {@code null}
     */
    public Instant lastRun() {
        return lastRun;
    }

    /**
     * @return whether the relay is paused because the broker or the database failed
     */
    public boolean failing() {
        return failing;
    }

    /**
     * Drains at once on a managed thread, or makes a running drain go round once more. Called after
     * every commit that wrote records: without a transaction of its own (the default, REQUIRED,
     * would begin and commit an empty one each time).
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public void kick() {
        if (!started || executor == null) {
            return;
        }
        again.set(true);
        if (draining.get()) {
            return;
        }
        try {
            executor.execute(this::drainWhileKicked);
        } catch (RejectedExecutionException e) {
            // the timer will drain
        }
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void tick(Timer timer) {
        if (!started) {
            return;
        }
        if (WATCH_TIMER.equals(timer.getInfo())) {
            watchSends();
            return;
        }
        again.set(true);
        drainWhileKicked();
        purge();
        sweep();
    }

    /**
     * Runs on its own timer, so that it runs while the relay's thread waits for the broker: a send
     * that outlived {@code outbox.relay.broker-timeout} is interrupted, the relay counts as failing
     * at once, and the first time in an outage a warning names the settings that cause such waits.
     */
    private void watchSends() {
        if (dispatcher.interruptOverdueSends() > 0) {
            failing = true;
            if (!warnedBrokerTimeout) {
                warnedBrokerTimeout = true;
                Msg.RELAY_BROKER_TIMEOUT.log(
                        Durations.format(settings.brokerTimeout()),
                        dispatcher.connectionFactoryName());
            }
        }
    }

    /**
     * Quarantines rows whose status was changed by hand to one the outbox does not know: at the
     * first tick, then every 60 intervals (a scan of the status index: not for every tick).
     */
    private void sweep() {
        Instant now = clock.instant();
        if (now.isBefore(nextSweep) || pause.failing()) {
            return;
        }
        nextSweep = now.plus(settings.relayInterval().multipliedBy(SWEEP_EVERY));
        try {
            worker.quarantineUnknownStatus();
        } catch (RuntimeException e) {
            // housekeeping: it never pauses the relay, whose own work shows any outage
            Msg.RELAY_SWEEP_FAILED.log(
                    Durations.format(settings.relayInterval().multipliedBy(SWEEP_EVERY)), e);
        }
    }

    private void drainWhileKicked() {
        while (again.get() && draining.compareAndSet(false, true)) {
            try {
                again.set(false);
                drain();
            } finally {
                draining.set(false);
            }
        }
    }

    /** Sends batches until one comes back less than full, or the relay must pause. */
    private void drain() {
        lastRun = clock.instant();
        if (!pause.mayTry(lastRun)) {
            return;
        }
        int sent;
        do {
            lastRun = clock.instant();
            try {
                sent = batches.next();
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
        } while (sent >= settings.batchSize());
    }

    private void paused(Exception e) {
        failing = true;
        Instant now = clock.instant();
        switch (pause.failed(now)) {
            case FIRST ->
                    Msg.RELAY_BROKER_UNREACHABLE.log(
                            e,
                            Durations.format(settings.maxBackoff()),
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
        warnedBrokerTimeout = false;
        if (pause.failing()) {
            Instant now = clock.instant();
            String duration = Durations.format(pause.failingFor(now));
            int failures = pause.succeeded();
            Msg.RELAY_RECOVERED.log(failures, duration);
        }
    }

    private void purge() {
        if (settings.retention().isZero() || pause.failing()) {
            return;
        }
        try {
            int total = 0;
            for (int i = 0; i < 10; i++) {
                int n = worker.purge();
                total += n;
                if (n < settings.purgeBatchSize()) {
                    break;
                }
            }
            if (total > 0) {
                // routine work, every tick: not for the server log
                Msg.RELAY_PURGED.logAt(
                        java.util.logging.Level.FINE,
                        total,
                        Durations.format(settings.retention()));
            }
        } catch (RuntimeException e) {
            paused(e);
        }
    }

    /**
     * A send the broker accepted without our knowing (a timeout, a crash before the mark) is sent
     * again at the record's next attempt, at most a retry delay later, or when a paused relay
     * resumes. The broker drops that copy only while its id is still among the last ids it
     * remembers for the address: warn when a modest load would push it out first.
     */
    private void checkDuplicateWindow() {
        Duration retry =
                Duration.ofMillis(
                        Math.round(
                                settings.retry().maxDelay().toMillis()
                                        * (1 + settings.retry().jitter())));
        Duration window =
                retry.compareTo(settings.maxBackoff()) > 0 ? retry : settings.maxBackoff();
        double rate = settings.duplicateIdCacheSize() * 1000.0 / Math.max(1, window.toMillis());
        if (rate < 100) {
            Msg.RELAY_DUPLICATE_WINDOW.log(
                    Durations.format(window), settings.duplicateIdCacheSize(), rate);
        }
    }

    private String describeMode() {
        String mode =
                settings.xa()
                        ? "transaction mode xa (sends and marks commit together)"
                        : "transaction mode local (sends commit on a local JMS transaction, then the"
                                + " marks; a resend after a crash is dropped by _AMQ_DUPL_ID)";
        return mode
                + (executor != null
                        ? ", immediate dispatch on commit"
                        : ", no immediate dispatch (timer only)");
    }

    private static ManagedExecutorService lookupExecutor() {
        try {
            return (ManagedExecutorService) new InitialContext().lookup(EXECUTOR);
        } catch (NamingException | ClassCastException | NoClassDefFoundError e) {
            return null;
        }
    }
}
