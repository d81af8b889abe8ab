package dev.outbox.jms.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

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
 * Both only ask the relay's one runner ({@link DrainLoop}) for work, which it does on one thread at
 * a time: a kick during a drain makes it go round once more, and a tick during a drain leaves the
 * drain and the housekeeping (purge, sweep) to it. Servers coordinate through row locks in the
 * database only, never through memory.
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

    @Resource TimerService timers;
    @EJB RelayWorker worker;
    @Inject OutboxSettings settings;
    @Inject RecordStore store;
    @Inject JmsDispatcher dispatcher;

    private volatile DrainLoop loop;

    @PostConstruct
    void start() {
        store.prepare();
        if (!settings.relayEnabled()) {
            Msg.RELAY_DISABLED.log();
            return;
        }
        RelayChecks.atStart(settings, store);
        ManagedExecutorService executor = settings.immediate() ? lookupExecutor() : null;
        Batches batches = Batches.of(worker, settings);
        RelayWork work =
                new RelayWork() {
                    @Override
                    public int batch() throws DispatchException {
                        return batches.next();
                    }

                    @Override
                    public int purge() {
                        return worker.purge();
                    }

                    @Override
                    public List<LocalDate> keepArchive() {
                        return worker.keepArchive();
                    }

                    @Override
                    public void sweep() {
                        worker.quarantineUnknownStatus();
                    }

                    @Override
                    public int liftRefusals(Instant olderThan) {
                        return batches.liftFull() + worker.resumeRefused(olderThan);
                    }
                };
        loop =
                new DrainLoop(
                        work,
                        executor,
                        Clock.systemUTC(),
                        new RelayLimits(
                                settings.batchSize(),
                                settings.relayInterval(),
                                settings.maxBackoff(),
                                settings.retention(),
                                settings.purgeBatchSize(),
                                SWEEP_EVERY));
        warmUp(executor != null ? executor : lookupExecutor());
        long interval = settings.relayInterval().toMillis();
        timers.createIntervalTimer(interval, interval, new TimerConfig(TIMER, false));
        long watch = Math.max(100, Math.min(5000, settings.brokerTimeout().toMillis() / 5));
        timers.createIntervalTimer(watch, watch, new TimerConfig(WATCH_TIMER, false));
        Msg.RELAY_STARTED.log(
                Durations.format(settings.relayInterval()),
                settings.batchSize(),
                dispatcher.connectionFactoryName(),
                RelayChecks.describeMode(settings.xa(), executor != null));
    }

    @PreDestroy
    void stop() {
        if (timers != null) {
            for (Timer t : timers.getTimers()) {
                t.cancel();
            }
        }
        DrainLoop running = loop;
        if (running != null) {
            loop = null;
            running.stop(DrainLoop.STOP_WAIT);
            Msg.RELAY_STOPPED.log();
        }
    }

    /**
     * @return whether this server runs the relay
     */
    public boolean running() {
        return loop != null;
    }

    /**
     * @return when the relay last looked for records (timer or commit), or {@code null}
     */
    public Instant lastRun() {
        DrainLoop l = loop;
        return l == null ? null : l.lastRun();
    }

    /**
     * @return how many rounds failed because the broker or the database could not be used
     */
    public long failedRounds() {
        DrainLoop l = loop;
        return l == null ? 0 : l.failedRounds();
    }

    /**
     * @return whether the relay is paused because the broker or the database failed
     */
    public boolean failing() {
        DrainLoop l = loop;
        return l != null && l.failing();
    }

    /**
     * Drains at once on a managed thread, or makes a running drain go round once more. Called after
     * every commit that wrote records: without a transaction of its own (the default, REQUIRED,
     * would begin and commit an empty one each time).
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public void kick() {
        DrainLoop l = loop;
        if (l != null) {
            l.kick();
        }
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void tick(Timer timer) {
        DrainLoop l = loop;
        if (l == null) {
            return;
        }
        if (WATCH_TIMER.equals(timer.getInfo())) {
            watchSends(l);
        } else {
            l.tick();
        }
    }

    /**
     * Runs on its own timer, so that it runs while the relay's thread waits for the broker: a send
     * that outlived {@code outbox.relay.broker-timeout} is interrupted, the relay counts as failing
     * at once, and the first time in an outage a warning names the settings that cause such waits.
     */
    private void watchSends(DrainLoop l) {
        if (dispatcher.interruptOverdueSends() > 0 && l.brokerTimedOut()) {
            Msg.RELAY_BROKER_TIMEOUT.log(
                    Durations.format(settings.brokerTimeout()), dispatcher.connectionFactoryName());
        }
    }

    /**
     * Connects to the broker ahead of the first batch, on a managed thread: the deployment does not
     * wait for the broker, and a broker that is away is the first batch's to report.
     */
    private void warmUp(ManagedExecutorService executor) {
        if (executor == null) {
            return;
        }
        try {
            executor.execute(
                    () -> {
                        try {
                            dispatcher.warmUp();
                        } catch (RuntimeException e) {
                            // the application stopped first
                        }
                    });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the first batch connects
        }
    }

    private static ManagedExecutorService lookupExecutor() {
        try {
            return (ManagedExecutorService) new InitialContext().lookup(EXECUTOR);
        } catch (NamingException | ClassCastException | NoClassDefFoundError e) {
            return null;
        }
    }
}
