package dev.outbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.outbox.InvalidEventException;
import dev.outbox.OutboxEvent;
import dev.outbox.admin.Outbox;
import dev.outbox.admin.RecordStatus;
import dev.outbox.it.app.BadEvents;
import dev.outbox.it.app.OrderPlaced;
import dev.outbox.it.app.Probe;
import dev.outbox.it.app.RawRecords;
import dev.outbox.it.app.Received;
import dev.outbox.it.app.Reminder;
import dev.outbox.jpa.OutboxRecordEntity;

/**
 * Bad input gets a clear error naming the event or record at fault, and nothing is half-written:
 * events the outbox refuses at {@code fire()} roll the business change back with them; records
 * damaged in the table are quarantined by the relay, never sent and never a crash loop. (Firing
 * without a transaction: {@link CaptureAndRelayIT}; a route to a destination the broker refuses:
 * {@link RelayFailuresIT}; invalid configuration: {@link InvalidConfigurationIT}.)
 */
@ExtendWith(ArquillianExtension.class)
class BadInputIT {

    static final String QUEUE = "it.bad-input";
    static final Duration WAIT = Duration.ofSeconds(30);

    @Deployment
    static WebArchive deployment() {
        return Deployments.app(
                "bad-input-it",
                """
                outbox.destination.default=it.bad-input
                outbox.payload.max-size=2KB
                """);
    }

    @Inject BadEvents bad;
    @Inject Probe probe;
    @Inject RawRecords raw;
    @Inject Outbox outbox;

    private static String unique(String what) {
        return what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Fires the event after saving an order; asserts the refusal and that nothing remains. */
    private InvalidEventException refused(String orderId, OutboxEvent event, String... parts) {
        InvalidEventException e =
                assertThrows(InvalidEventException.class, () -> bad.placeAndFire(orderId, event));
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), e.getMessage());
        }
        assertEquals(0, probe.orders(orderId), "the business change was rolled back with it");
        assertEquals(List.of(), probe.records(orderId), "no record");
        return e;
    }

    @Test
    void aPayloadThatCannotBeSerializedIsRefusedNamingTheEventType() {
        String id = unique("unserializable");
        refused(
                id,
                new BadEvents.Unserializable(id),
                "OUTBOX0104E: Event Unserializable (",
                "cannot be serialized");
    }

    @Test
    void aDeliveryTimeBeyondTheMaximumIsRefusedNamingTheEventAndTheProperty() {
        String id = unique("far");
        refused(
                id,
                new Reminder(id, Instant.now().plus(Duration.ofDays(400))),
                "OUTBOX0107E: Event Reminder (",
                "about 399d from now",
                "outbox.delivery.max-delay=366d");
    }

    @Test
    void aMissingOrBlankKeyIsRefusedNamingTheEventType() {
        String id = unique("nokey");
        refused(id, new BadEvents.Keyed(null), "OUTBOX0102E: Event Keyed (", "aggregate id");
        refused(id, new BadEvents.Keyed("  "), "OUTBOX0102E: Event Keyed (", "is blank");
    }

    @Test
    void aPayloadAboveTheMaximumSizeIsRefusedNamingTypeAndSizes() throws Exception {
        String id = unique("large");
        refused(
                id,
                new OrderPlaced(id, "x".repeat(3000), BigDecimal.ONE),
                "OUTBOX0106E: Event OrderPlaced (",
                "above outbox.payload.max-size=2048");
        // just below the limit is stored and sent
        bad.placeAndFire(id, new OrderPlaced(id, "x".repeat(1900), BigDecimal.ONE));
        assertTrue(
                probe.receive(QUEUE, id, WAIT.toMillis()) != null, "the payload below the limit");
    }

    @Test
    void aRecordWhoseStatusWasChangedByHandIsQuarantinedAndItsKeyWaitsForAnOperator()
            throws Exception {
        String key = unique("tampered");
        List<OutboxRecordEntity> records = held(key, 2);
        String first = records.get(0).id();
        probe.execute("UPDATE outbox_record SET status = 'SENDING' WHERE id = '" + first + "'");
        outbox.resume(QUEUE);

        Await.value(
                "the record with an unknown status is QUARANTINED",
                WAIT,
                () -> probe.status(first),
                "QUARANTINED"::equals);
        OutboxRecordEntity quarantined = probe.records(key).get(0);
        assertTrue(
                quarantined.lastError().contains("unknown status 'SENDING'"),
                quarantined.lastError());
        assertEquals(null, probe.receive(QUEUE, key, 1000), "its key waits: nothing sent");

        assertTrue(outbox.delete(first), "an operator deletes it");
        Received next = probe.receive(QUEUE, key, WAIT.toMillis());
        assertTrue(next != null && next.body().contains(key + "-2"), "then the key flows: " + next);
    }

    @Test
    void aRecordWithUnreadableHeadersIsQuarantinedAtOnceAndTheOthersFlow() throws Exception {
        String key = unique("garbled");
        List<OutboxRecordEntity> records = held(key, 1);
        String damaged = records.get(0).id();
        String goodKey = unique("intact");
        raw.append("Note", 1, goodKey, QUEUE, "{\"n\":\"" + goodKey + "\"}");
        probe.execute(
                "UPDATE outbox_record SET headers = '{not json' WHERE id = '" + damaged + "'");
        outbox.resume(QUEUE);

        assertTrue(probe.receive(QUEUE, goodKey, WAIT.toMillis()) != null, "the other record");
        OutboxRecordEntity quarantined =
                Await.value(
                        "the damaged record is QUARANTINED",
                        WAIT,
                        () -> probe.records(key).get(0),
                        r -> r.status() == RecordStatus.QUARANTINED);
        assertEquals(1, quarantined.attempts(), "at once, without burning retries");
        assertTrue(quarantined.lastError().contains("headers"), quarantined.lastError());
        assertEquals(null, probe.receive(QUEUE, key, 500), "never sent");
        assertTrue(outbox.delete(damaged));
    }

    @Test
    void aStoredHeaderWithAReservedNameIsQuarantinedNotSentWithAForgedDuplicateId()
            throws Exception {
        String key = unique("forged");
        String forged = held(key, 1).get(0).id();
        probe.execute(
                "UPDATE outbox_record SET headers = '{\"_AMQ_DUPL_ID\":\"forged\"}' WHERE id = '"
                        + forged
                        + "'");
        outbox.resume(QUEUE);

        OutboxRecordEntity quarantined =
                Await.value(
                        "the record with a forged header is QUARANTINED",
                        WAIT,
                        () -> probe.records(key).get(0),
                        r -> r.status() != RecordStatus.PENDING);
        assertEquals(RecordStatus.QUARANTINED, quarantined.status(), "never sent");
        assertTrue(quarantined.lastError().contains("'_AMQ_DUPL_ID'"), quarantined.lastError());
        assertTrue(quarantined.lastError().contains("reserved"), quarantined.lastError());
        assertTrue(outbox.delete(forged));
    }

    @Test
    void aStoredFollowsHeaderThatIsNoEarlierSequenceIsQuarantined() throws Exception {
        String key = unique("follows");
        String forged = held(key, 1).get(0).id();
        probe.execute(
                "UPDATE outbox_record SET headers = '{\"outboxFollows\":\"5\"}' WHERE id = '"
                        + forged
                        + "'");
        outbox.resume(QUEUE);

        OutboxRecordEntity quarantined =
                Await.value(
                        "the record with a follows header ahead of it is QUARANTINED",
                        WAIT,
                        () -> probe.records(key).get(0),
                        r -> r.status() != RecordStatus.PENDING);
        assertEquals(RecordStatus.QUARANTINED, quarantined.status(), "never sent");
        assertTrue(
                quarantined.lastError().contains("'outboxFollows' is '5'"),
                quarantined.lastError());
        assertTrue(outbox.delete(forged));
    }

    /** Pauses the queue and stores records of one key, so that they can be damaged unsent. */
    private List<OutboxRecordEntity> held(String key, int count) {
        outbox.pause(QUEUE, "BadInputIT");
        for (int i = 1; i <= count; i++) {
            raw.append("Note", 1, key, QUEUE, "{\"n\":\"" + key + "-" + i + "\"}");
        }
        List<OutboxRecordEntity> records = probe.records(key);
        assertEquals(count, records.size());
        return records;
    }
}
