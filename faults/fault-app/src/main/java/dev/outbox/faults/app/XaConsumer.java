package dev.outbox.faults.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * The consumer on an XA datasource: the delivery, the inbox row and the side effect commit in one
 * XA transaction. Bound to {@code faultXaSpec}, which reads the events' queue only in the XA mode.
 */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(
                    propertyName = "destinationType",
                    propertyValue = "jakarta.jms.Queue")
        })
public class XaConsumer implements MessageListener {

    @Inject Ledger ledger;
    @Inject Processor processor;

    @Override
    public void onMessage(Message message) {
        try {
            ledger.delivered(message);
            processor.inCallerTransaction(message);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
