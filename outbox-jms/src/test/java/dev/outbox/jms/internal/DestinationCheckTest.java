package dev.outbox.jms.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.activemq.artemis.jms.client.ActiveMQQueue;
import org.junit.jupiter.api.Test;

/** The check asks the broker about the address the send will use, not the name the route gives. */
class DestinationCheckTest {

    @Test
    void aPrefixingConnectionFactorysQueueIsAskedForByItsAddress() {
        // what WildFly's factories create for the JMS queue "orders" (enable-amq1-prefix)
        ActiveMQQueue prefixed = new ActiveMQQueue("jms.queue.orders");
        assertEquals("jms.queue.orders", DestinationCheck.address(prefixed));
        assertEquals("orders", DestinationCheck.address(new ActiveMQQueue("orders")));
    }

    @Test
    void anyOtherQueueIsAskedForByItsJmsName() {
        jakarta.jms.Queue plain = () -> "orders.events";
        assertEquals("orders.events", DestinationCheck.address(plain));
    }
}
