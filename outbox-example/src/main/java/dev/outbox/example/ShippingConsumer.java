package dev.outbox.example;

import java.util.logging.Logger;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

import dev.outbox.MessageProperties;
import dev.outbox.inbox.Deduplicated;

/**
 * The second subscriber of the order events: would ship each order. Its own durable subscription
 * ({@value #SUBSCRIPTION}) gets every message, whatever {@link OrderEventsConsumer} does with its
 * copy, and its own inbox checks the order of each order's events (a gap is reported).
 */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(
                    propertyName = "destinationType",
                    propertyValue = "jakarta.jms.Topic"),
            @ActivationConfigProperty(
                    propertyName = "subscriptionDurability",
                    propertyValue = "Durable"),
            @ActivationConfigProperty(
                    propertyName = "subscriptionName",
                    propertyValue = ShippingConsumer.SUBSCRIPTION)
        })
public class ShippingConsumer implements MessageListener {

    /** The subscription, and the inbox's consumer name. */
    static final String SUBSCRIPTION = "shipping";

    private static final Logger LOG = Logger.getLogger("Shipping");

    @Override
    @Deduplicated(consumer = SUBSCRIPTION, ordering = Deduplicated.Ordering.CHECK)
    public void onMessage(Message message) {
        try {
            LOG.info(
                    String.format(
                            "shipping %s %s (event #%d)",
                            message.getStringProperty(MessageProperties.AGGREGATE_TYPE),
                            message.getStringProperty(MessageProperties.AGGREGATE_ID),
                            message.getLongProperty(MessageProperties.SEQUENCE)));
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
