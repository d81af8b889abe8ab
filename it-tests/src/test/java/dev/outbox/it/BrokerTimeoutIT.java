package dev.outbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A connection factory that retries for ever (WildFly's default for a remote broker; set on Liberty
 * by hand) would hold the relay's thread while the broker is away, without a word: the relay
 * interrupts a wait longer than {@code outbox.relay.broker-timeout}, warns once naming the settings
 * (OUTBOX0317W), pauses as for an outage, and catches up when the broker returns. Needs the test
 * broker, which the suite stops: every Liberty pass, and WildFly's remote-broker pass.
 */
@ExtendWith(ArquillianExtension.class)
class BrokerTimeoutIT {

    static final String APP = "timeout-it";
    static final String QUEUE = "it.timeout";
    static final String PREFIX = "timeout";
    static final Duration WAIT = Duration.ofSeconds(30);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.app(
                APP,
                """
                outbox.destination.default=it.timeout
                outbox.relay.connection-factory=jms/foreverConnectionFactory
                outbox.relay.broker-timeout=2s
                outbox.relay.max-backoff=1s
                """);
    }

    @Test
    @RunAsClient
    void aBrokerThatDoesNotAnswerIsWaitedForBoundedlyWarnedOfOnceAndCaughtUpWith()
            throws Exception {
        Steps app = Steps.of(APP);
        app.call("delete-all", "prefix", PREFIX);
        long mark = ServerLog.size();
        TestBroker.stop();
        try {
            app.call("place-many", "prefix", PREFIX, "count", 3);
            Await.until("the relay counts as failing", WAIT, () -> app.flag("failing"));
            List<String> records = app.records(PREFIX);
            assertEquals(3, records.size(), records.toString());
            assertTrue(
                    records.stream().allMatch(r -> r.startsWith("PENDING 0 ")),
                    "a broker that does not answer must not cost records their attempts: "
                            + records);
            Await.until(
                    "OUTBOX0317W and OUTBOX0306W are logged",
                    WAIT,
                    () ->
                            ServerLog.loggedSince(mark, "OUTBOX0317W")
                                    && ServerLog.loggedSince(mark, "OUTBOX0306W"));
            app.awaitFailedRounds(2); // more interrupted rounds, which must not warn again
            String log = ServerLog.since(mark);
            assertEquals(
                    1, ServerLog.count(log, "OUTBOX0317W"), "one warning, not a flood:\n" + log);
            assertTrue(log.contains("jms/foreverConnectionFactory"), "names the factory");
            assertTrue(
                    log.contains("reconnect-attempts=0") && log.contains("ReconnectAttempts=\"0\""),
                    "names the settings of both servers");
        } finally {
            TestBroker.start();
        }
        assertEquals(3, app.receiveAll(QUEUE, PREFIX, 3, 60_000));
        app.awaitDispatched(PREFIX, WAIT);
        Await.until(
                "OUTBOX0304I is logged", WAIT, () -> ServerLog.loggedSince(mark, "OUTBOX0304I"));
        assertFalse(app.flag("failing"));
    }
}
