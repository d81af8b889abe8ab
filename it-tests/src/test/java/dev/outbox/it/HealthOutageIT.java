package dev.outbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.outbox.it.ops.Http;
import dev.outbox.it.ops.ReadinessServlet;

/**
 * A broker outage, the thing the outbox exists to absorb, leaves readiness UP: writes keep
 * committing, the backlog grows in the health data and the metrics, the conditions are logged once
 * when they appear and when they clear, and readiness never goes DOWN. Needs the test broker, which
 * the suite stops: every Liberty pass, and WildFly's remote-broker pass.
 */
@ExtendWith(ArquillianExtension.class)
class HealthOutageIT {

    static final String APP = "health-outage-it";
    static final String QUEUE = "it.health";
    static final String PREFIX = "health-a";
    static final String MORE = "health-b";
    static final Duration WAIT = Duration.ofSeconds(30);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.opsApp(
                        APP,
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
                .addClasses(Http.class, ReadinessServlet.class);
    }

    @Test
    @RunAsClient
    void readinessStaysUpThroughAnOutageWhileTheDataTheMetricsAndTheLogShowIt() throws Exception {
        Steps app = Steps.of(APP);
        app.call("delete-unsent"); // records other suites left behind
        long mark = ServerLog.size();
        TestBroker.stop();
        try {
            app.call("place-many", "prefix", PREFIX, "count", 5);
            Map<String, String> check =
                    Await.value(
                            "readiness reports the outage and the waiting records",
                            WAIT,
                            () -> readiness(app),
                            c -> "broker-unreachable,records-waiting".equals(c.get("conditions")));
            assertEquals("UP", check.get("status"), check.toString());
            assertEquals("200", check.get("code"), check.toString());
            assertEquals("failing", check.get("relay"), check.toString());
            assertEquals("5", check.get("pending"), check.toString());
            assertTrue(Long.parseLong(check.get("oldestPendingAgeSeconds")) >= 2, check.toString());
            assertFalse(check.get("json").contains("Exception"), "no exception text: " + check);

            app.call("place-many", "prefix", MORE, "count", 2); // the application keeps working
            Await.value(
                    "the data shows the new records",
                    WAIT,
                    () -> readiness(app),
                    c -> "7".equals(c.get("pending")));

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
                        String log = since(mark);
                        return failing.matcher(log).find() && pending.matcher(log).find();
                    });
            String log = since(mark);
            assertEquals(
                    1,
                    ServerLog.count(log, "OUTBOX0613W: Outbox condition broker-unreachable"),
                    log);
            assertEquals(
                    1, ServerLog.count(log, "OUTBOX0613W: Outbox condition records-waiting"), log);
            assertTrue(log.contains("Readiness stays UP (outbox.health.readiness=server)"), log);
            assertEquals(0, ServerLog.count(log, "OUTBOX0606W"), "readiness never went DOWN");
        } finally {
            TestBroker.start();
        }

        assertEquals(5, app.receiveAll(QUEUE, PREFIX, 5, 60_000));
        assertEquals(2, app.receiveAll(QUEUE, MORE, 2, 30_000));
        Await.value(
                "readiness has no condition",
                WAIT,
                () -> readiness(app),
                c -> "UP".equals(c.get("status")) && "".equals(c.get("conditions")));
        Await.until(
                "the clearing is logged",
                WAIT,
                () ->
                        ServerLog.loggedSince(
                                        mark,
                                        "OUTBOX0614I: Outbox condition broker-unreachable has"
                                                + " cleared")
                                && ServerLog.loggedSince(
                                        mark,
                                        "OUTBOX0614I: Outbox condition records-waiting has"
                                                + " cleared"));
    }

    /**
     * @return the outbox's readiness check, from {@link ReadinessServlet}; empty when it has none
     */
    private static Map<String, String> readiness(Steps app) {
        Map<String, String> check = new HashMap<>();
        for (String line : app.post("it-ready", "ready").split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                check.put(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        }
        return check;
    }

    private static String since(long mark) {
        try {
            return ServerLog.since(mark);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
