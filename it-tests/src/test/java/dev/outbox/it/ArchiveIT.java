package dev.outbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.outbox.MessageProperties;
import dev.outbox.admin.Outbox;
import dev.outbox.admin.OutboxRecord;
import dev.outbox.admin.RecordQuery;
import dev.outbox.admin.RecordStatus;
import dev.outbox.it.app.Events;
import dev.outbox.it.app.LogLines;
import dev.outbox.it.app.Note;
import dev.outbox.it.app.Probe;
import dev.outbox.it.app.Received;

/**
 * {@code outbox.retention.archive=daily} on PostgreSQL: sent records move to {@code
 * outbox_archive}, whose days are made ahead and retired whole; the operator's reads, replays and
 * deletes find them there.
 */
@ExtendWith(ArquillianExtension.class)
// disabled on the client for another database; inside the server, where the property is not set,
// an enabling condition would abort the tests the client chose to run
@DisabledIfSystemProperty(
        named = "outbox.it.db",
        matches = "(?!postgres).*",
        disabledReason = "the archive partitioned by day is PostgreSQL's")
class ArchiveIT {

    private static final String QUEUE = "it.archive";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Deployment
    static WebArchive deployment() {
        return Deployments.app(
                "archive-it",
                """
                outbox.route.Note=it.archive
                outbox.retention=2d
                outbox.retention.archive=daily
                """);
    }

    @Inject Events events;
    @Inject Probe probe;
    @Inject Outbox outbox;

    private long rows(String table, String aggregateId) {
        return probe.count(
                "SELECT COUNT(*) FROM " + table + " WHERE aggregate_id = ?1", aggregateId);
    }

    @Test
    void sentRecordsLeaveTheQueueTableForTheArchiveWhereReplaysAndDeletesFindThem()
            throws Exception {
        String id = "archive-" + UUID.randomUUID().toString().substring(0, 8);
        for (int n = 1; n <= 3; n++) {
            events.fire(new Note(id, "archived " + n));
        }
        assertEquals(3, probe.receiveAll(QUEUE, id, 3, 3000).size(), "first delivery");
        Await.until("three archived", WAIT, () -> rows("outbox_archive", id) == 3);
        assertEquals(0, rows("outbox_record", id), "the queue table keeps no history");
        assertEquals(
                3,
                probe.count(
                        "SELECT COUNT(*) FROM outbox_archive_"
                                + DateTimeFormatter.BASIC_ISO_DATE.format(
                                        LocalDate.now(ZoneOffset.UTC))
                                + " WHERE aggregate_id = ?1",
                        id),
                "in today's partition");

        List<OutboxRecord> history = outbox.find(RecordQuery.all().withKey("Order", id));
        assertEquals(3, history.size(), "the operator's search reads the archive");
        assertTrue(history.stream().allMatch(r -> r.status() == RecordStatus.DISPATCHED));
        assertEquals(3, outbox.count(RecordQuery.all().withKey("Order", id)));
        assertEquals(
                0, outbox.count(RecordQuery.status(RecordStatus.PENDING).withKey("Order", id)));
        assertEquals("archived 1", payloadText(outbox.find(history.get(0).id()).orElseThrow()));

        assertEquals(2, outbox.replay("Order", id, 2, 3), "the key's replay reads the archive");
        List<Received> again = probe.receiveAll(QUEUE, id, 2, 3000);
        assertEquals(
                List.of(2L, 3L),
                again.stream().map(m -> m.property(MessageProperties.SEQUENCE)).toList(),
                "moved back, sent again in order");
        Await.until("archived again", WAIT, () -> rows("outbox_archive", id) == 3);
        assertEquals(0, rows("outbox_record", id));

        assertTrue(outbox.delete(history.get(0).id()), "deleted in the archive");
        assertEquals(2, rows("outbox_archive", id));
    }

    private static String payloadText(OutboxRecord r) {
        return r.payload().replaceAll(".*\"text\":\"([^\"]*)\".*", "$1");
    }

    @Test
    void daysAreMadeAheadAndRetiredWholeOnceOlderThanTheRetention() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (int i = 0; i <= 2; i++) {
            String day =
                    "outbox_archive_" + DateTimeFormatter.BASIC_ISO_DATE.format(today.plusDays(i));
            assertEquals(1, partitions(day), day + " made ahead");
        }
        try (LogLines log = LogLines.capture("dev.outbox")) {
            probe.execute(
                    "CREATE TABLE outbox_archive_20200101 PARTITION OF outbox_archive FOR VALUES"
                            + " FROM ('2020-01-01 00:00:00+00') TO ('2020-01-02 00:00:00+00')");
            String old = "old-" + UUID.randomUUID().toString().substring(0, 8);
            archive(old + "-day", "2020-01-01 12:00:00+00");
            archive(old + "-default", "2020-01-02 12:00:00+00");
            Await.until(
                    "the old day retired", WAIT, () -> partitions("outbox_archive_20200101") == 0);
            Await.until(
                    "the default partition purged",
                    WAIT,
                    () -> rows("outbox_archive", old + "-default") == 0);
            Await.until("logged", WAIT, () -> log.contains("OUTBOX0326I: Retired 1 day(s)"));
        }
        assertEquals(
                0,
                probe.count(
                        "SELECT COUNT(*) FROM pg_class WHERE relname = ?1",
                        "outbox_archive_20200101"),
                "dropped, not only detached");
    }

    private long partitions(String name) {
        return probe.count(
                "SELECT COUNT(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                        + " WHERE i.inhparent = CAST('outbox_archive' AS regclass)"
                        + " AND c.relname = ?1",
                name);
    }

    private void archive(String aggregateId, String dispatchedAt) {
        probe.execute(
                "INSERT INTO outbox_archive (id, aggregate_type, aggregate_id, seq, event_type,"
                        + " event_version, destination, content_type, payload, status, attempts,"
                        + " written_at, next_attempt_at, dispatched_at) VALUES (?1, 'Order', ?2,"
                        + " 1, 'Note', 1, 'it.archive', 'application/json', '{}', 'DISPATCHED', 1,"
                        + " CAST(?3 AS TIMESTAMPTZ), CAST(?3 AS TIMESTAMPTZ),"
                        + " CAST(?3 AS TIMESTAMPTZ))",
                UUID.randomUUID().toString(),
                aggregateId,
                dispatchedAt);
    }
}
