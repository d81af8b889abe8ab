package dev.outbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.outbox.it.app.Orders;
import dev.outbox.it.app.Probe;
import dev.outbox.it.ops.Http;

/**
 * A broker outage, the thing the outbox exists to absorb, leaves readiness UP: writes keep
 * committing, the backlog grows in the health data and the metrics, the conditions are logged once
 * when they appear and when they clear, and readiness never goes DOWN. Needs the test broker, which
 * the suite stops: every Liberty pass, and WildFly's remote-broker pass.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HealthOutageIT {

    static final String QUEUE = "it.health";
    static final String PREFIX = "health-a";
    static final String MORE = "health-b";
    static final Duration WAIT = Duration.ofSeconds(30);
    static long logMark;

    @Deployment
    static WebArchive deployment() {
        return Deployments.opsApp(
                        "health-outage-it",
                        """
                        outbox.destination.default=it.health
                        outbox.relay.max-backoff=1s
                        outbox.health.max-pending-age=2s
                        outbox.health.backlog-cache=1s
                        otel.sdk.disabled=false
                        otel.service.name=health-outage-it
                        otel.traces.exporter=none
                        otel.logs.exporter=none
                        otel.metrics.exporter=logging
                        otel.metric.export.interval=1000
                        """)
                .addClass(Http.class);
    }

    @Inject Orders orders;
    @Inject Probe probe;

    @Test
    @Order(1)
    @RunAsClient
    void stopTheBroker() throws Exception {
        logMark = ServerLog.size();
        TestBroker.stop();
    }

    @Test
    @Order(2)
    void writesCommitAndReadinessStaysUpWithTheBacklogInItsData() throws Exception {
        probe.deleteUnsent(); // records other suites left behind
        orders.placeMany(PREFIX, 5);
        JsonObject check =
                Await.value(
                        "readiness reports the outage and the waiting records",
                        WAIT,
                        () -> Http.outboxCheck("/health/ready"),
                        c ->
                                c != null
                                        && c.getJsonObject("data")
                                                .getString("conditions")
                                                .equals("broker-unreachable,records-waiting"));
        assertTrue(Http.isUp(check), check.toString());
        JsonObject data = check.getJsonObject("data");
        assertEquals("failing", data.getString("relay"));
        assertEquals(5, data.getJsonNumber("pending").longValue(), data.toString());
        assertTrue(data.getJsonNumber("oldestPendingAgeSeconds").longValue() >= 2);
        assertEquals(200, Http.get("/health/ready").statusCode());
        assertTrue(!check.toString().contains("Exception"), "no exception text: " + check);

        orders.placeMany(MORE, 2); // the application keeps working
        Await.value(
                "the data shows the new records",
                WAIT,
                () -> Http.outboxCheck("/health/ready"),
                c ->
                        c != null
                                && c.getJsonObject("data").getJsonNumber("pending").longValue()
                                        == 7);
    }

    @Test
    @Order(3)
    @RunAsClient
    void theMetricsShowItTheLogSaysItOnceAndTheBrokerComesBack() throws Exception {
        // the logging exporter writes each export (every second here) to the server log
        Pattern failing = Pattern.compile("name=outbox\\.relay\\.failing,.*?value=1[,}]");
        Pattern pending =
                Pattern.compile(
                        "name=outbox\\.backlog\\.pending,.*?destination=\\\""
                                + Pattern.quote(QUEUE)
                                + "\\\"\\}, value=7[,}]");
        Await.until(
                "the metrics show the failing relay and the backlog",
                WAIT,
                () -> {
                    String log = since();
                    return failing.matcher(log).find() && pending.matcher(log).find();
                });
        String log = since();
        assertEquals(
                1, ServerLog.count(log, "OUTBOX0613W: Outbox condition broker-unreachable"), log);
        assertEquals(1, ServerLog.count(log, "OUTBOX0613W: Outbox condition records-waiting"), log);
        assertTrue(log.contains("Readiness stays UP (outbox.health.readiness=server)"), log);
        assertEquals(0, ServerLog.count(log, "OUTBOX0606W"), "readiness never went DOWN");
        TestBroker.start();
    }

    @Test
    @Order(4)
    void theRecordsGoOutAndTheConditionsClear() throws Exception {
        assertEquals(5, probe.receiveAll(QUEUE, PREFIX, 5, 60_000).size());
        assertEquals(2, probe.receiveAll(QUEUE, MORE, 2, 30_000).size());
        Await.value(
                "readiness has no condition",
                WAIT,
                () -> Http.outboxCheck("/health/ready"),
                c -> Http.isUp(c) && c.getJsonObject("data").getString("conditions").isEmpty());
    }

    @Test
    @Order(5)
    @RunAsClient
    void theClearingIsLogged() throws Exception {
        String log = since();
        assertTrue(log.contains("OUTBOX0614I: Outbox condition broker-unreachable has cleared"));
        assertTrue(log.contains("OUTBOX0614I: Outbox condition records-waiting has cleared"));
    }

    private static String since() {
        try {
            return ServerLog.since(logMark);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
