package dev.outbox.example;

import java.util.logging.Logger;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;

import dev.outbox.MessageProperties;
import dev.outbox.inbox.Deduplicated;

/**
 * A subscriber of the order events: logs each one. Its durable subscription to the topic {@code
 * orders.events} is {@value #SUBSCRIPTION}, and its inbox, of the same name, makes it process every
 * message once, however often the broker delivers it.
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
                    propertyValue = OrderEventsConsumer.SUBSCRIPTION)
        })
public class OrderEventsConsumer implements MessageListener {

    /** The subscription, and the inbox's consumer name. */
    static final String SUBSCRIPTION = "order-events-logger";

    private static final Logger LOG = Logger.getLogger("OrderEvents");

    @Override
    @Deduplicated(consumer = SUBSCRIPTION)
    public void onMessage(Message message) {
        try {
            LOG.info(
                    String.format(
                            "received %s #%d of %s %s: %s",
                            message.getStringProperty(MessageProperties.EVENT_TYPE),
                            message.getLongProperty(MessageProperties.SEQUENCE),
                            message.getStringProperty(MessageProperties.AGGREGATE_TYPE),
                            message.getStringProperty(MessageProperties.AGGREGATE_ID),
                            ((TextMessage) message).getText()));
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
