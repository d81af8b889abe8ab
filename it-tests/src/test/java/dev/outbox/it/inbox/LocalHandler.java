package dev.outbox.it.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import dev.outbox.inbox.Deduplicated;

/**
 * The consumer's work in a transaction of the database alone: the pattern for a datasource that is
 * not XA, where the message's delivery cannot share a transaction with the database.
 */
@ApplicationScoped
public class LocalHandler {

    @PersistenceContext EntityManager em;

    @Transactional
    @Observed
    @Deduplicated(consumer = "it-local")
    public void handle(Message message) throws JMSException {
        Listeners.handle("it-local", message, em);
    }

    @Transactional
    @Observed
    @Deduplicated(consumer = "it-local-strict", ordering = Deduplicated.Ordering.STRICT)
    public void handleStrict(Message message) throws JMSException {
        Listeners.handle("it-local-strict", message, em);
    }
}
