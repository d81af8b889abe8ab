package dev.outbox.jms.internal;

import java.time.Instant;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.outbox.OutboxException;
import dev.outbox.cdi.internal.Msg;
import dev.outbox.cdi.internal.OutboxSettings;
import dev.outbox.cdi.internal.RelayHandle;

/** The relay as the modules built on it see it ({@link RelayHandle}). */
@ApplicationScoped
public class RelayAccess implements RelayHandle {

    /** How many batches one drain runs at most: a guard, never reached in practice. */
    private static final int MAX_ROUNDS = 1_000_000;

    @EJB Relay relay;
    @EJB RelayWorker worker;
    @Inject OutboxSettings settings;

    @Override
    public boolean running() {
        return relay.running();
    }

    @Override
    public boolean failing() {
        return relay.failing();
    }

    @Override
    public Instant lastRun() {
        return relay.lastRun();
    }

    @Override
    public long failedRounds() {
        return relay.failedRounds();
    }

    @Override
    public int drainDue() {
        Batches batches = Batches.of(worker, settings);
        try {
            // expired pauses of refused destinations, as the relay lifts them: without a relay
            // running, they would stay for ever
            worker.resumeRefused(Instant.now().minus(settings.maxBackoff()));
            for (int round = 0; round < MAX_ROUNDS && batches.next() > 0; round++) {
                // each batch sends what it claimed and commits
            }
        } catch (DispatchException e) {
            throw new OutboxException(
                    Msg.TESTKIT_DRAIN_FAILED.format(String.valueOf(e.getMessage())), e);
        } catch (RuntimeException e) {
            throw new OutboxException(Msg.TESTKIT_DRAIN_FAILED.format(String.valueOf(e)), e);
        }
        return (int) batches.sent();
    }

    @Override
    public NamedFactory connectionFactory() {
        RelayConnectionFactory cf = RelayConnectionFactory.find(settings);
        return new NamedFactory(cf.name(), cf.factory());
    }
}
