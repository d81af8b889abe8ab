package dev.outbox.it.inbox;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import dev.outbox.inbox.Deduplicated;

/** A consumer protected by the inbox (order check: CHECK). */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(
                    propertyName = "destinationType",
                    propertyValue = "jakarta.jms.Queue")
        })
public class CheckListener implements MessageListener {

    @PersistenceContext EntityManager em;

    @Override
    @Observed
    @Deduplicated(consumer = "it-check", ordering = Deduplicated.Ordering.CHECK)
    public void onMessage(Message message) {
        try {
            Listeners.handle("it-check", message, em);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
