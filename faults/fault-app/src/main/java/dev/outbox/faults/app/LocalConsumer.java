package dev.outbox.faults.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * The consumer on a datasource that is not XA: receives outside a JTA transaction, processes in a
 * transaction of the database alone, and is acknowledged after it commits. Bound to {@code
 * faultLocalSpec}, which reads the events' queue only in the local mode.
 */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(
                    propertyName = "destinationType",
                    propertyValue = "jakarta.jms.Queue")
        })
public class LocalConsumer implements MessageListener {

    @Inject Ledger ledger;
    @Inject Processor processor;

    @Override
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void onMessage(Message message) {
        try {
            ledger.delivered(message);
            processor.inOwnTransaction(message);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
