package dev.outbox.faults.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import dev.outbox.MessageProperties;

/**
 * The consumer's two ledgers. Every delivery is filed in a transaction of its own before the inbox
 * sees the message, so that it stays filed whatever becomes of the processing (the broker's
 * ledger); a processed message is filed in the consumer's transaction, as its side effect.
 */
@ApplicationScoped
public class Ledger {

    /** This server's name, from the system property {@code fault.server}. */
    static final String SERVER = System.getProperty("fault.server", "unknown");

    /** Time spent between the side effect and the commit, from {@code fault.consumer.pause}. */
    private static final long PAUSE_MILLIS = Long.getLong("fault.consumer.pause-ms", 2);

    @PersistenceContext EntityManager em;

    /**
     * Files a delivery, committed at once.
     *
     * @param message the message as delivered
     */
    @Transactional(TxType.REQUIRES_NEW)
    public void delivered(Message message) throws JMSException {
        em.createNativeQuery(
                        "INSERT INTO fault_delivery (record_id, run, server, delivery_count,"
                                + " delivered_at) VALUES (?, ?, ?, ?, now())")
                .setParameter(1, message.getStringProperty(MessageProperties.RECORD_ID))
                .setParameter(2, message.getStringProperty(FaultEvent.RUN))
                .setParameter(3, SERVER)
                .setParameter(4, message.getIntProperty("JMSXDeliveryCount"))
                .executeUpdate();
    }

    /**
     * The side effect of processing a message, in the caller's transaction, followed by a short
     * pause so that a crash often lands between the effect and the commit.
     *
     * @param message the message
     */
    void processed(Message message) throws JMSException {
        em.createNativeQuery(
                        "INSERT INTO fault_processed (record_id, run, order_id, aggregate_id, seq,"
                                + " server, processed_at) VALUES (?, ?, ?, ?, ?, ?, now())")
                .setParameter(1, message.getStringProperty(MessageProperties.RECORD_ID))
                .setParameter(2, message.getStringProperty(FaultEvent.RUN))
                .setParameter(3, message.getStringProperty(FaultEvent.ORDER))
                .setParameter(4, message.getStringProperty(MessageProperties.AGGREGATE_ID))
                .setParameter(5, message.getLongProperty(MessageProperties.SEQUENCE))
                .setParameter(6, SERVER)
                .executeUpdate();
        if (PAUSE_MILLIS > 0) {
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
