package dev.outbox.jms.internal;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import dev.outbox.OutboxEvent;
import dev.outbox.cdi.internal.RecordsDue;

/** Wakes the relay when a transaction that wrote records (or made them due) has committed. */
@ApplicationScoped
public class RelayTrigger {

    @EJB Relay relay;

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxEvent event) {
        relay.kick();
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) RecordsDue due) {
        relay.kick();
    }
}
