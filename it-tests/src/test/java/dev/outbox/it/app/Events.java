package dev.outbox.it.app;

import java.util.List;

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

    /** Fires the event, then keeps the transaction open for a while before committing. */
    @Transactional
    public void fireAndHold(OutboxEvent event, long holdMillis) {
        events.fire(event);
        try {
            Thread.sleep(holdMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
