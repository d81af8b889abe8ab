package dev.outbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * The broker stops mid-run: the relay pauses as a whole (one warning, no loop, no attempts charged
 * to records) and catches up when the broker is back. One scenario, driven from the test JVM where
 * the broker runs.
 */
@ExtendWith(ArquillianExtension.class)
class BrokerOutageIT {

    static final String APP = "outage-it";
    static final String QUEUE = "it.outage";
    static final String PREFIX = "outage";
    static final Duration WAIT = Duration.ofSeconds(30);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.app(
                APP, "outbox.destination.default=" + QUEUE + "\noutbox.relay.max-backoff=1s\n");
    }

    @Test
    @RunAsClient
    void theRelayPausesAsAWholeWithOneWarningAndCatchesUpWhenTheBrokerIsBack() throws Exception {
        Steps app = Steps.of(APP);
        app.call("delete-all", "prefix", PREFIX);
        long mark = ServerLog.size();
        TestBroker.stop();
        try {
            app.call("place-many", "prefix", PREFIX, "count", 5);
            // rounds that claimed these records and failed to send them
            app.awaitFailedRounds(2);
            List<String> records = app.records(PREFIX);
            assertEquals(5, records.size(), records.toString());
            assertTrue(
                    records.stream().allMatch(r -> r.startsWith("PENDING 0 ")),
                    "an outage must not cost records their attempts: " + records);
            Await.until(
                    "OUTBOX0306W is logged",
                    WAIT,
                    () -> ServerLog.loggedSince(mark, "OUTBOX0306W"));
            app.awaitFailedRounds(3); // which must not log again
            String log = ServerLog.since(mark);
            assertEquals(
                    1, ServerLog.count(log, "OUTBOX0306W"), "one warning, not a flood:\n" + log);
        } finally {
            TestBroker.start();
        }
        assertEquals(5, app.receiveAll(QUEUE, PREFIX, 5, 60_000));
        app.awaitDispatched(PREFIX, WAIT);
        Await.until(
                "OUTBOX0304I is logged", WAIT, () -> ServerLog.loggedSince(mark, "OUTBOX0304I"));
    }
}
