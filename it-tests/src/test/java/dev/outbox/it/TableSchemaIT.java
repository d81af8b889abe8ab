package dev.outbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
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
import dev.outbox.admin.Outbox;
import dev.outbox.admin.OutboxRecord;
import dev.outbox.admin.RecordQuery;
import dev.outbox.admin.RecordStatus;
import dev.outbox.it.app.InboxCalls;
import dev.outbox.it.app.Orders;
import dev.outbox.it.app.Probe;
import dev.outbox.it.app.Received;

/**
 * {@code outbox.table.schema}: the tables are created in that schema, and capture, the relay, the
 * operations API and the inbox all work there; nothing touches the tables of the connection's own
 * schema, which the other applications of the pass use.
 */
@ExtendWith(ArquillianExtension.class)
class TableSchemaIT {

    /**
     * Not the database of the tests: on MariaDB a schema is a database (prepared by the script).
     */
    static final String SCHEMA = "outbox_schema_it";

    static final String QUEUE = "it.schema";

    @Deployment
    static WebArchive deployment() {
        return Deployments.app(
                "table-schema-it",
                "outbox.destination.default="
                        + QUEUE
                        + "\noutbox.table.schema="
                        + SCHEMA
                        + "\noutbox.schema.create=true\n");
    }

    @Inject Orders orders;
    @Inject Probe probe;
    @Inject Outbox outbox;
    @Inject InboxCalls inbox;

    @Test
    void everyPartOfTheOutboxWorksInTheConfiguredSchema() throws Exception {
        String id = "schema-" + UUID.randomUUID().toString().substring(0, 8);
        orders.place(id, "carol", new BigDecimal("3.00"));

        Received m = probe.receive(QUEUE, id, Duration.ofSeconds(15).toMillis());
        assertNotNull(m, "no message for " + id);
        assertEquals(1L, ((Number) m.property(MessageProperties.SEQUENCE)).longValue());

        String where = " WHERE aggregate_id = ?1";
        assertEquals(
                1, probe.count("SELECT COUNT(*) FROM " + SCHEMA + ".outbox_record" + where, id));
        assertEquals(0, probe.count("SELECT COUNT(*) FROM outbox_record" + where, id));
        assertEquals(1, probe.count("SELECT COUNT(*) FROM " + SCHEMA + ".outbox_key" + where, id));

        OutboxRecord r =
                Await.value(
                                "the record marked dispatched",
                                Duration.ofSeconds(15),
                                () -> outbox.find(RecordQuery.all().withKey("Order", id)),
                                found ->
                                        found.size() == 1
                                                && found.get(0).status() == RecordStatus.DISPATCHED)
                        .get(0);
        assertEquals(m.property(MessageProperties.RECORD_ID), r.id());
        assertEquals(r.id(), outbox.find(r.id()).orElseThrow().id());
        assertTrue(outbox.count(RecordStatus.DISPATCHED) >= 1);
        assertFalse(outbox.retry(r.id()), "only dead letters are retried");
        assertTrue(outbox.delete(r.id()));
        assertEquals(
                0, probe.count("SELECT COUNT(*) FROM " + SCHEMA + ".outbox_record" + where, id));

        outbox.pause(QUEUE, "table-schema-it");
        List<String> paused =
                outbox.backlog().stream()
                        .filter(b -> b.paused())
                        .map(b -> b.destination())
                        .toList();
        assertEquals(List.of(QUEUE), paused);
        assertTrue(outbox.resume(QUEUE));

        assertTrue(inbox.markProcessed("schema-consumer", id));
        assertFalse(inbox.markProcessed("schema-consumer", id));
        assertEquals(
                1,
                probe.count(
                        "SELECT COUNT(*) FROM "
                                + SCHEMA
                                + ".outbox_processed WHERE message_id = ?1",
                        id));
    }
}
