package dev.outbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.outbox.MessageProperties;
import dev.outbox.admin.Outbox;
import dev.outbox.admin.OutboxRecord;
import dev.outbox.admin.RecordStatus;
import dev.outbox.it.app.Orders;
import dev.outbox.it.app.Probe;
import dev.outbox.it.app.Received;
import dev.outbox.it.app.Reminder;
import dev.outbox.jpa.OutboxRecordEntity;

/**
 * Delayed delivery ({@code OutboxEvent.deliverAt}): the relay holds a record until its time, the
 * later records of its key wait behind it, and the delay lives in the database, so that a broker
 * outage at its time costs it nothing. A delay beyond the maximum: {@link BadInputIT}.
 */
@ExtendWith(ArquillianExtension.class)
class DelayedDeliveryIT {

    static final String QUEUE = "it.delayed";
    static final Duration WAIT = Duration.ofSeconds(30);

    /** How far ahead the records are due. */
    static final Duration DELAY = Duration.ofSeconds(4);

    @Deployment
    static WebArchive deployment() {
        return Deployments.app(
                "delayed-it",
                "outbox.destination.default=" + QUEUE + "\noutbox.relay.max-backoff=1s\n");
    }

    @Inject Orders orders;
    @Inject Probe probe;
    @Inject Outbox outbox;

    private static String unique(String what) {
        return what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The database keeps microseconds at most: a time it stores and gives back unchanged. */
    private static Instant inAWhile() {
        return Instant.now().plus(DELAY).truncatedTo(ChronoUnit.MILLIS);
    }

    @Test
    void aDelayedRecordIsSentAtItsTimeAndTheLaterRecordsOfItsKeyWaitBehindIt() throws Exception {
        String id = unique("delayed");
        String other = unique("prompt");
        Instant at = inAWhile();
        orders.remind(new Reminder(id, at));
        orders.place(id, "c", BigDecimal.ONE); // the same key, written after it
        orders.place(other, "c", BigDecimal.ONE);

        // the relay has sent what was due: the other key's record
        assertNotNull(probe.receive(QUEUE, other, WAIT.toMillis()), "no message for " + other);
        probe.awaitTwoRelayRuns();
        List<OutboxRecordEntity> held = probe.records(id);
        assertEquals(2, held.size(), held.toString());
        if (Instant.now().isBefore(at)) { // else a slow machine: the dispatch times below tell
            assertTrue(
                    held.stream().allMatch(r -> r.status() == RecordStatus.PENDING),
                    "sent before its time, or not held behind it: " + held);
        }
        OutboxRecord reminder = outbox.find(held.get(0).id()).orElseThrow();
        assertEquals(at, reminder.deliverAt(), "the admin API shows the delivery time");
        assertEquals(at, reminder.nextAttemptAt());
        assertEquals(at, reminder.dueAt());
        assertNull(outbox.find(held.get(1).id()).orElseThrow().deliverAt());

        Received first = probe.receive(QUEUE, id, WAIT.toMillis() + DELAY.toMillis());
        assertNotNull(first, "the delayed record was never sent");
        assertEquals("Reminder", first.property(MessageProperties.EVENT_TYPE));
        Received second = probe.receive(QUEUE, id, WAIT.toMillis());
        assertNotNull(second, "the record held behind it was never sent");
        assertEquals("OrderPlaced", second.property(MessageProperties.EVENT_TYPE));
        assertEquals(2L, second.property(MessageProperties.SEQUENCE));

        List<OutboxRecordEntity> sent =
                Await.value(
                        "the records of " + id + " are DISPATCHED",
                        WAIT,
                        () -> probe.records(id),
                        rs -> rs.stream().allMatch(r -> r.status() == RecordStatus.DISPATCHED));
        assertFalse(sent.get(0).dispatchedAt().isBefore(at), "sent before " + at + ": " + sent);
        assertFalse(
                sent.get(1).dispatchedAt().isBefore(at),
                "the record behind it was sent before " + at + ": " + sent);
        assertEquals(0, sent.get(0).attempts());
    }

    @Test
    @RunAsClient
    void aDelayedRecordOutlivesABrokerOutage() throws Exception {
        Steps relay = Steps.of("delayed-it");
        String id = unique("outlives");
        Instant at = inAWhile();
        relay.call("remind", "id", id, "at", at.toString());
        relay.call("place", "id", id);
        // the relay of the test broker can be stopped; WildFly's embedded broker cannot
        boolean ourBroker =
                !("wildfly".equals(System.getProperty("outbox.it.server"))
                        && "embedded".equals(System.getProperty("outbox.it.broker")));
        if (ourBroker) {
            TestBroker.stop();
        }
        try {
            if (ourBroker) {
                Await.until(
                        "the delivery time " + at + " has passed",
                        WAIT.plus(DELAY),
                        () -> Instant.now().isAfter(at));
                relay.awaitFailedRounds(2); // rounds that claimed the due record, broker away
                List<String> records = relay.records(id);
                assertTrue(
                        records.stream().allMatch(r -> r.startsWith("PENDING 0 ")),
                        "an outage costs no attempt: " + records);
                TestBroker.start();
            }
            assertEquals(2, relay.receiveAll(QUEUE, id, 2, 15_000));
            relay.awaitDispatched(id, WAIT);
            List<String> times = List.of(relay.call("dispatch-times", "prefix", id).split("\n"));
            assertEquals(2, times.size(), times.toString());
            assertTrue(times.get(0).startsWith("Reminder "), times.toString());
            Instant dispatched = Instant.parse(times.get(0).substring("Reminder ".length()));
            assertFalse(dispatched.isBefore(at), "sent before " + at + ": " + times);
        } finally {
            if (ourBroker) {
                TestBroker.start();
            }
        }
    }
}
