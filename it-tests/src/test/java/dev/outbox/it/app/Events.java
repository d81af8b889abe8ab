package dev.outbox.it.app;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.outbox.OutboxEvent;

/** Fires arbitrary events in transactions, for tests that need precise control. */
@ApplicationScoped
public class Events {

    @Inject Event<OutboxEvent> events;

    /** Fires the events in one transaction. */
    @Transactional
    public void fire(OutboxEvent... toFire) {
        for (OutboxEvent e : toFire) {
            events.fire(e);
        }
    }

    /** Fires the events in one transaction. */
    @Transactional
    public void fireAll(List<? extends OutboxEvent> toFire) {
        toFire.forEach(events::fire);
    }

    /**
     * Fires the event, says so, then keeps the transaction open until released (at most 30 s)
     * before committing.
     */
    @Transactional
    public void fireAndHold(OutboxEvent event, CountDownLatch fired, CountDownLatch release) {
        events.fire(event);
        fired.countDown();
        try {
            if (!release.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
