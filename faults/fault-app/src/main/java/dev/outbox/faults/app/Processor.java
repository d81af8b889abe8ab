package dev.outbox.faults.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import dev.outbox.inbox.Deduplicated;

/**
 * Processes a message once, behind the inbox: in the message-driven bean's XA transaction, or in a
 * transaction of the database alone (the two patterns of docs/inbox.md). The inbox's strict order
 * check rolls back a message that comes after a gap in its key, so that it is redelivered after its
 * predecessor: a predecessor whose processing failed (database down) is redelivered after the
 * broker's redelivery delay, and its successors would otherwise overtake it.
 */
@ApplicationScoped
public class Processor {

    /** The inbox's consumer name. */
    static final String CONSUMER = "fault-consumer";

    @Inject Ledger ledger;

    /**
     * @param message the message, processed in the caller's (XA) transaction
     */
    @Transactional(TxType.MANDATORY)
    @Deduplicated(consumer = CONSUMER, ordering = Deduplicated.Ordering.STRICT)
    public void inCallerTransaction(Message message) throws JMSException {
        ledger.processed(message);
    }

    /**
     * @param message the message, processed in a transaction of the database alone
     */
    @Transactional(TxType.REQUIRED)
    @Deduplicated(consumer = CONSUMER, ordering = Deduplicated.Ordering.STRICT)
    public void inOwnTransaction(Message message) throws JMSException {
        ledger.processed(message);
    }
}
