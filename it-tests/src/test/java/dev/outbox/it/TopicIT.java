package dev.outbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.outbox.MessageProperties;
import dev.outbox.admin.RecordStatus;
import dev.outbox.it.app.Events;
import dev.outbox.it.app.Probe;
import dev.outbox.it.app.Received;
import dev.outbox.it.topic.Broadcast;
import dev.outbox.it.topic.ToAQueueAsTopic;
import dev.outbox.it.topic.TopicSubscribers;
import dev.outbox.it.topic.Unheard;
import dev.outbox.jpa.OutboxRecordEntity;

/**
 * Events routed to a topic, on a real broker: every durable shared subscription gets every message
 * of a key in order, each subscriber's inbox processes each once, and a record for a topic with no
 * subscription is quarantined instead of dropped by the broker.
 */
@ExtendWith(ArquillianExtension.class)
class TopicIT {

    static final Duration WAIT = Duration.ofSeconds(20);

    @Deployment
    static WebArchive deployment() {
        return Deployments.app("topic-it", "").addPackage(Broadcast.class.getPackage());
    }

    @Inject Events events;
    @Inject Probe probe;
    @Inject TopicSubscribers subscribers;

    private static String unique(String what) {
        return what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void everySubscriptionGetsAKeysMessagesInOrderAndEachInboxProcessesThemOnce() throws Exception {
        String key = unique("topic");
        String billing = unique("billing");
        String shipping = unique("shipping");
        probe.subscribe(Broadcast.TOPIC, billing);
        probe.subscribe(Broadcast.TOPIC, shipping);
        try {
            for (int n = 1; n <= 3; n++) {
                events.fire(new Broadcast(key, n));
            }
            // each message is handed to its subscriber twice, as a redelivery would
            List<Received> toBilling =
                    probe.receiveAll(
                            Broadcast.TOPIC,
                            billing,
                            key,
                            3,
                            WAIT.toMillis(),
                            m -> {
                                subscribers.billing(m);
                                subscribers.billing(m);
                            });
            List<Received> toShipping =
                    probe.receiveAll(
                            Broadcast.TOPIC,
                            shipping,
                            key,
                            3,
                            WAIT.toMillis(),
                            m -> {
                                subscribers.shipping(m);
                                subscribers.shipping(m);
                            });
            for (List<Received> got : List.of(toBilling, toShipping)) {
                assertEquals(
                        List.of(1L, 2L, 3L),
                        got.stream().map(m -> m.property(MessageProperties.SEQUENCE)).toList(),
                        "every message of the key, in order");
            }
            assertEquals(List.of(1L, 2L, 3L), subscribers.processed("it-topic-billing", key));
            assertEquals(List.of(1L, 2L, 3L), subscribers.processed("it-topic-shipping", key));
            assertTrue(probe.allDispatched(key), "sent once, for both");
        } finally {
            probe.unsubscribe(billing);
            probe.unsubscribe(shipping);
        }
    }

    /** Waits until the key's record is no longer pending, and checks it was quarantined. */
    private OutboxRecordEntity quarantined(String key) {
        OutboxRecordEntity r =
                Await.value(
                        "the record is QUARANTINED",
                        WAIT,
                        () -> probe.records(key).get(0),
                        x -> x.status() != RecordStatus.PENDING);
        assertEquals(RecordStatus.QUARANTINED, r.status());
        return r;
    }

    @Test
    void aRecordForATopicWhoseAddressIsAQueuesIsQuarantined() throws Exception {
        probe.sendPlain(ToAQueueAsTopic.ADDRESS, "makes the address a queue's"); // anycast
        String key = unique("anycast");
        events.fire(new ToAQueueAsTopic(key));
        OutboxRecordEntity r = quarantined(key);
        // WildFly's factories name the queue jms.queue.X and the topic jms.topic.X: two addresses
        String expected =
                r.lastError().contains("(address jms.topic.")
                        ? "has no subscription"
                        : "is an anycast address";
        assertTrue(r.lastError().contains(expected), r.lastError());
    }

    @Test
    void aRecordForATopicWithNoSubscriptionIsQuarantinedNotDropped() {
        String key = unique("unheard");
        events.fire(new Unheard(key));
        OutboxRecordEntity r = quarantined(key);
        assertTrue(r.lastError().contains("has no subscription"), r.lastError());
        assertEquals("topic://it.topic.nobody", r.destination());
    }
}
