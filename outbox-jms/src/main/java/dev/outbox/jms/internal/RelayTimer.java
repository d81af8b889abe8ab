package dev.outbox.jms.internal;

import java.util.concurrent.atomic.AtomicBoolean;

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
import jakarta.inject.Inject;

import dev.outbox.cdi.internal.Durations;
import dev.outbox.cdi.internal.Msg;
import dev.outbox.cdi.internal.OutboxSettings;

/**
 * Drives the relay: a programmatic, non-persistent interval timer (its interval comes from
 * configuration, which {@code @Schedule} cannot read). Every server runs one; servers coordinate
 * through row locks in the database only. A tick drains full batches until the backlog is gone; a
 * tick that finds the previous one still running returns at once.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RelayTimer {

    @Resource TimerService timers;
    @EJB RelayWorker worker;
    @Inject OutboxSettings settings;

    private final AtomicBoolean running = new AtomicBoolean();
    private volatile int failedBatches;

    @PostConstruct
    void start() {
        if (!settings.relayEnabled()) {
            Msg.RELAY_DISABLED.log();
            return;
        }
        long interval = settings.relayInterval().toMillis();
        timers.createIntervalTimer(interval, interval, new TimerConfig("dev.outbox.relay", false));
        Msg.RELAY_STARTED.log(
                Durations.format(settings.relayInterval()),
                settings.batchSize(),
                settings.connectionFactory(),
                "sends and marks in one XA transaction");
    }

    @PreDestroy
    void stop() {
        for (Timer t : timers.getTimers()) {
            t.cancel();
        }
        Msg.RELAY_STOPPED.log();
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void tick(Timer timer) {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            drain();
        } finally {
            running.set(false);
        }
    }

    /** Sends batches until one comes back less than full. */
    private void drain() {
        int sent;
        do {
            try {
                sent = worker.relayBatch();
            } catch (Exception e) {
                if (failedBatches++ == 0) {
                    Msg.RELAY_BATCH_FAILED.log(e, e);
                }
                return;
            }
            if (failedBatches > 0) {
                Msg.RELAY_RECOVERED.log(failedBatches);
                failedBatches = 0;
            }
        } while (sent == settings.batchSize());
    }
}
