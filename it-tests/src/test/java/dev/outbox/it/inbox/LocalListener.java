package dev.outbox.it.inbox;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Receives outside a JTA transaction and hands the message to {@link LocalHandler}; a message held
 * back by the strict order check comes back as an exception, which must leave {@code onMessage}.
 */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(
                    propertyName = "destinationType",
                    propertyValue = "jakarta.jms.Queue")
        })
public class LocalListener implements MessageListener {

    @Inject LocalHandler handler;

    @Override
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void onMessage(Message message) {
        try {
            if ("strict".equals(message.getStringProperty("mode"))) {
                handler.handleStrict(message);
            } else {
                handler.handle(message);
            }
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
