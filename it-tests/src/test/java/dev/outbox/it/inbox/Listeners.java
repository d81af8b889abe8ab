package dev.outbox.it.inbox;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.persistence.EntityManager;

import dev.outbox.it.app.Effect;

/** What the test listeners do with a message, chosen by its {@code mode} property. */
final class Listeners {

    /** Messages that already failed once. */
    static final Set<String> FAILED_ONCE = ConcurrentHashMap.newKeySet();

    private Listeners() {}

    static void handle(String consumer, Message m, EntityManager em) throws JMSException {
        String id = m.getStringProperty("outboxRecordId");
        if (id == null) {
            id = m.getStringProperty("testId");
        }
        String mode = m.getStringProperty("mode");
        if ("fail-once".equals(mode) && FAILED_ONCE.add(id)) {
            throw new IllegalStateException("first delivery of " + id + " fails on purpose");
        }
        if ("slow".equals(mode)) {
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        long seq = m.propertyExists("outboxSequence") ? m.getLongProperty("outboxSequence") : 0;
        em.persist(new Effect(consumer, id, seq, m.getIntProperty("JMSXDeliveryCount")));
    }
}
