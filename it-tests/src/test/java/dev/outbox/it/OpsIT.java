package dev.outbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.outbox.admin.Outbox;
import dev.outbox.admin.OutboxRecord;
import dev.outbox.admin.RecordQuery;
import dev.outbox.admin.RecordStatus;
import dev.outbox.it.app.Events;
import dev.outbox.it.app.LogLines;
import dev.outbox.it.app.Note;
import dev.outbox.it.app.Orders;
import dev.outbox.it.app.Probe;
import dev.outbox.it.app.Received;
import dev.outbox.it.app.Refused;
import dev.outbox.it.ops.Http;
import dev.outbox.it.ops.TracedListener;
import dev.outbox.ops.internal.BacklogReader;
import dev.outbox.testkit.OutboxTestKit;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;

/**
 * outbox-ops on a server with mpHealth and mpTelemetry (SDK enabled for this application): the
 * trace context goes from the writing transaction to the message and on into the consumer's span,
 * the health checks report their figures and go DOWN when a record waits too long, the metrics
 * reach OpenTelemetry's exporter, and the admin API stays off unless enabled.
 */
@ExtendWith(ArquillianExtension.class)
class OpsIT {

    static final String QUEUE = "it.ops";
    static final String TRACED = "it.ops.traced";
    static final Duration WAIT = Duration.ofSeconds(20);

    @Deployment
    static WebArchive deployment() {
        return Deployments.withMessageDrivenBeans(
                Deployments.opsApp(
                                "ops-it",
                                """
                        outbox.destination.default=it.ops
                        outbox.route.Note=it.ops.traced
                        outbox.health.max-pending-age=2s
                        otel.sdk.disabled=false
                        otel.service.name=outbox-ops-it
                        otel.traces.exporter=none
                        otel.logs.exporter=none
                        otel.metrics.exporter=logging
                        otel.metric.export.interval=1000
                        """)
                        .addClasses(TracedListener.class, Http.class),
                "it/ops");
    }

    @Inject Orders orders;
    @Inject Events events;
    @Inject Probe probe;
    @Inject Outbox outbox;
    @Inject OutboxTestKit testKit;
    @Inject Tracer tracer;
    @Inject BacklogReader backlogReader;

    private static String unique(String what) {
        return what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String traceparent(SpanContext c) {
        return "00-" + c.getTraceId() + "-" + c.getSpanId() + "-" + c.getTraceFlags().asHex();
    }

    @Test
    void theWritingTransactionsTraceparentIsStoredAndSentAsAMessageProperty() throws Exception {
        String id = unique("traced");
        Span span = tracer.spanBuilder("place order").startSpan();
        String expected;
        try (Scope s = span.makeCurrent()) {
            expected = traceparent(span.getSpanContext());
            orders.place(id, "alice", BigDecimal.TEN);
        } finally {
            span.end();
        }
        assertTrue(span.getSpanContext().isValid(), "the SDK is enabled for this application");

        OutboxRecord r = testKit.awaitWritten("OrderPlaced", id);
        assertEquals(expected, r.headers().get("traceparent"), "stored with the record");
        Received m = probe.receive(QUEUE, id, WAIT.toMillis());
        assertNotNull(m, "no message for " + id);
        assertEquals(expected, m.property("traceparent"), "sent as a message property");
        assertEquals(r.id(), m.property("outboxRecordId"));
    }

    @Test
    void theInboxContinuesTheTraceInTheConsumer() {
        String id = unique("consumer");
        Span span = tracer.spanBuilder("write note").startSpan();
        try (Scope s = span.makeCurrent()) {
            events.fire(new Note(id, "traced"));
        } finally {
            span.end();
        }
        String recordId = testKit.awaitWritten("Note", id).id();
        String consumerTrace =
                Await.value(
                        "the consumer of " + recordId + " ran",
                        WAIT,
                        () -> TracedListener.TRACES.get(recordId),
                        t -> t != null);
        assertEquals(span.getSpanContext().getTraceId(), consumerTrace);
    }

    @Test
    void readinessReportsItsFiguresAndStaysUpWhileARecordWaitsTooLong() throws Exception {
        probe.deleteUnsent(); // records other suites left behind
        JsonObject up =
                Await.value(
                        "readiness is UP without conditions",
                        WAIT,
                        () -> Http.outboxCheck("/health/ready"),
                        c ->
                                Http.isUp(c)
                                        && c.getJsonObject("data")
                                                .getString("conditions")
                                                .isEmpty());
        JsonObject data = up.getJsonObject("data");
        assertEquals("running", data.getString("relay"));
        assertEquals("ok", data.getString("database"));
        assertEquals(2, data.getJsonNumber("maxPendingAgeSeconds").longValue());
        assertTrue(data.containsKey("pending") && data.containsKey("oldestPendingAgeSeconds"));

        // a quarantined head holds the next record of its key, which then waits too long: the
        // outbox doing its job, so readiness stays UP and the data says what waits
        String id = unique("stalled");
        events.fire(new Refused(id));
        OutboxRecord bad =
                Await.value(
                        "the head is QUARANTINED",
                        WAIT,
                        () -> testKit.records("Refused", id).get(0),
                        r -> r.status() == RecordStatus.QUARANTINED);
        events.fire(new Note(id, "held"));
        JsonObject waiting =
                Await.value(
                        "readiness reports records waiting",
                        WAIT,
                        () -> Http.outboxCheck("/health/ready"),
                        c -> c != null && c.toString().contains("records-waiting"));
        assertTrue(Http.isUp(waiting), waiting.toString());
        assertEquals(TRACED, waiting.getJsonObject("data").getString("stalledDestinations"));
        assertEquals(200, Http.get("/health/ready").statusCode());

        assertTrue(outbox.delete(bad.id()));
        Await.value(
                "the condition clears",
                WAIT,
                () -> Http.outboxCheck("/health/ready"),
                c -> c != null && c.getJsonObject("data").getString("conditions").isEmpty());
    }

    @Test
    void livenessReportsWhenTheRelayLastRan() throws Exception {
        JsonObject live = Http.outboxCheck("/health/live");
        assertTrue(Http.isUp(live), live.toString());
        JsonObject data = live.getJsonObject("data");
        assertEquals("running", data.getString("relay"));
        assertTrue(data.getJsonNumber("lastRunMillisAgo").longValue() < 30_000, data.toString());
        assertEquals(30_000, data.getJsonNumber("stallLimitMillis").longValue());
    }

    @Test
    void theAdminApiIsOffUnlessEnabled() throws Exception {
        HttpResponse<String> r =
                Http.call("GET", "/ops-it/outbox-admin/backlog", "admin", "admin-pw", false);
        assertEquals(404, r.statusCode());
    }

    @Test
    void aDeadLetterGivesTheBacklogGaugesAFigure() {
        String id = unique("gauge");
        events.fire(new Refused(id));
        Await.value(
                "the record is QUARANTINED",
                WAIT,
                () -> testKit.records("Refused", id).get(0),
                r -> r.status() == RecordStatus.QUARANTINED);
        // the gauges read the backlog on the exporter's thread, which has no application context
        // (no JNDI): a plain thread stands in for it, and must see the new figure without any
        // health probe reading it first
        long quarantined =
                outbox.count(
                        RecordQuery.status(RecordStatus.QUARANTINED)
                                .withDestination("it.refused.never"));
        java.util.concurrent.atomic.AtomicLong seen = new java.util.concurrent.atomic.AtomicLong();
        Thread exporter =
                new Thread(
                        () -> {
                            long deadline = System.nanoTime() + WAIT.toNanos();
                            while (System.nanoTime() < deadline) {
                                long n =
                                        backlogReader.latest().stream()
                                                .filter(
                                                        b ->
                                                                b.destination()
                                                                        .equals("it.refused.never"))
                                                .mapToLong(b -> b.quarantined())
                                                .sum();
                                seen.set(n);
                                if (n == quarantined) {
                                    return;
                                }
                                LockSupport.parkNanos(100_000_000L);
                            }
                        });
        exporter.start();
        try {
            exporter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertEquals(quarantined, seen.get(), "the gauges' reading, on a thread without context");
    }

    @Test
    void theFiguresReachOpenTelemetry() {
        // the logging exporter writes each export (every second here) to the server's log; this
        // test makes its own figures: a record sent and a dead letter
        try (LogLines log = LogLines.capture("")) {
            String id = unique("figures");
            events.fire(new Note(id, "counted"));
            events.fire(new Refused(id));
            for (String metric :
                    new String[] {
                        "outbox.records.written",
                        "outbox.records.dispatched",
                        "outbox.records.quarantined",
                        "outbox.dispatch.latency",
                        "outbox.backlog.pending",
                        "outbox.backlog.oldest_age",
                        "outbox.backlog.dead_letters"
                    }) {
                Await.until(
                        metric + " is exported", WAIT, () -> log.contains("name=" + metric + ","));
            }
        }
    }
}
