package dev.outbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.outbox.MessageProperties;
import dev.outbox.NoTransactionException;
import dev.outbox.admin.Outbox;
import dev.outbox.admin.RecordStatus;
import dev.outbox.it.app.OrderBean;
import dev.outbox.it.app.OrderPlaced;
import dev.outbox.it.app.Orders;
import dev.outbox.it.app.Probe;
import dev.outbox.it.app.Received;
import dev.outbox.jpa.OutboxRecordEntity;

/**
 * The foundation end to end: capture in the caller's transaction, relay by the timer, on Liberty.
 */
@ExtendWith(ArquillianExtension.class)
class CaptureAndRelayIT {

    static final String QUEUE = "it.capture";
    static final Duration DELIVERY = Duration.ofSeconds(15);

    @Deployment
    static WebArchive deployment() {
        return Deployments.app("capture-it", "outbox.destination.default=" + QUEUE + "\n");
    }

    @Inject Orders orders;
    @Inject Probe probe;
    @Inject Outbox outbox;
    @EJB OrderBean orderBean;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    private static String unique(String what) {
        return what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void commitSendsExactlyOneMessageWithBodyAndEveryProperty() throws Exception {
        String id = unique("commit");
        orders.place(
                new OrderPlaced(id, "alice", new BigDecimal("12.50"), Map.of("tenant", "acme")));

        Received m = probe.receive(QUEUE, id, DELIVERY.toMillis());
        assertNotNull(m, "no message for " + id);
        List<OutboxRecordEntity> records = probe.records(id);
        assertEquals(1, records.size());
        OutboxRecordEntity r = records.get(0);

        assertTrue(m.body().contains("\"orderId\":\"" + id + "\""), m.body());
        assertTrue(m.body().contains("\"customer\":\"alice\""), m.body());
        assertTrue(m.body().contains("\"total\":12.50"), m.body());
        assertEquals(r.id(), m.property(MessageProperties.DUPLICATE_ID).toString());
        assertEquals(r.id(), m.property(MessageProperties.RECORD_ID));
        assertEquals("OrderPlaced", m.property(MessageProperties.EVENT_TYPE));
        assertEquals("OrderPlaced", m.jmsType());
        assertEquals(3, m.property(MessageProperties.EVENT_VERSION));
        assertEquals("Order", m.property(MessageProperties.AGGREGATE_TYPE));
        assertEquals(id, m.property(MessageProperties.AGGREGATE_ID));
        assertEquals(id, m.property("JMSXGroupID"));
        assertEquals(1L, m.property(MessageProperties.SEQUENCE));
        assertEquals(r.writtenAt().toEpochMilli(), m.property(MessageProperties.WRITTEN_AT));
        assertEquals("application/json", m.property(MessageProperties.CONTENT_TYPE));
        assertEquals("acme", m.property("tenant"));

        assertNull(probe.receive(QUEUE, id, 1500), "a second message arrived for " + id);

        OutboxRecordEntity sent =
                Await.value(
                        "record " + r.id() + " is DISPATCHED",
                        DELIVERY,
                        () -> probe.records(id).get(0),
                        x -> x.status() == RecordStatus.DISPATCHED);
        assertNotNull(sent.dispatchedAt());
        assertFalse(sent.dispatchedAt().isBefore(sent.writtenAt()));
        assertEquals("Order", sent.aggregateType());
        assertEquals("OrderPlaced", sent.eventType());
        assertEquals(3, sent.eventVersion());
        assertEquals(QUEUE, sent.destination());
        assertEquals(Map.of("tenant", "acme"), outbox.find(sent.id()).orElseThrow().headers());
        assertEquals(0, sent.attempts());
        assertEquals(1, probe.orders(id));
    }

    @Test
    void rollbackLeavesNoRecordAndSendsNothing() throws Exception {
        String id = unique("rollback");
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> orders.placeAndFail(id));
        assertTrue(e.getMessage().contains(id));
        assertEquals(0, probe.records(id).size());
        assertEquals(0, probe.orders(id));
        // several relay intervals (200 ms each)
        assertNull(probe.receive(QUEUE, id, 2500), "a rolled-back event was sent");
        assertEquals(0, probe.records(id).size());
    }

    @Test
    void firingWithoutTransactionIsRefusedAndWritesNothing() {
        String id = unique("notx");
        NoTransactionException e =
                assertThrows(
                        NoTransactionException.class, () -> orders.placeWithoutTransaction(id));
        assertTrue(e.getMessage().startsWith("OUTBOX0101E: Event OrderPlaced ("), e.getMessage());
        assertTrue(e.getMessage().contains("without an active JTA transaction"), e.getMessage());
        assertEquals(0, probe.records(id).size());
    }

    @Test
    void anEjbWithContainerManagedTransactionsWorksTheSame() throws Exception {
        String id = unique("ejb");
        orderBean.place(id);
        Received m = probe.receive(QUEUE, id, DELIVERY.toMillis());
        assertNotNull(m, "no message for " + id);
        assertTrue(m.body().contains("\"customer\":\"ejb\""), m.body());
    }

    @Test
    void severalEventsInOneTransactionAreEachDeliveredOnce() throws Exception {
        String prefix = unique("many");
        orders.placeMany(prefix, 5);
        List<Received> got = probe.receiveAll(QUEUE, prefix, 5, DELIVERY.toMillis());
        assertEquals(5, got.size(), "messages: " + got);
        assertEquals(5, distinct(got, MessageProperties.RECORD_ID));
        assertEquals(5, distinct(got, MessageProperties.AGGREGATE_ID));
    }

    @Test
    void concurrentTransactionsAreEachDeliveredOnce() throws Exception {
        String prefix = unique("conc");
        int threads = 8;
        int perThread = 10;
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String threadPrefix = prefix + "-t" + t;
            done.add(
                    executor.submit(
                            () -> {
                                for (int i = 0; i < perThread; i++) {
                                    orders.place(threadPrefix + "-" + i, "c", BigDecimal.ONE);
                                }
                            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        int expected = threads * perThread;
        List<Received> got = probe.receiveAll(QUEUE, prefix, expected, DELIVERY.toMillis());
        assertEquals(expected, got.size());
        assertEquals(expected, distinct(got, MessageProperties.RECORD_ID));
        Await.until(
                "all records are DISPATCHED",
                DELIVERY,
                () ->
                        probe.records(prefix).stream()
                                        .filter(r -> r.status() == RecordStatus.DISPATCHED)
                                        .count()
                                == expected);
    }

    private static int distinct(List<Received> messages, String property) {
        Set<Object> values = new HashSet<>();
        messages.forEach(m -> values.add(m.property(property)));
        return values.size();
    }
}
