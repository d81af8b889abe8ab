package dev.outbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.outbox.admin.RecordStatus;
import dev.outbox.cdi.internal.RelayHandle;
import dev.outbox.it.app.Orders;
import dev.outbox.it.app.Probe;
import dev.outbox.it.app.Received;

/**
 * The broker stops mid-run: the relay pauses as a whole (one warning, no loop, no attempts charged
 * to records) and catches up when the broker is back.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrokerOutageIT {

    static final String QUEUE = "it.outage";
    static final String PREFIX = "outage";
    static long logMark;

    @Deployment
    static WebArchive deployment() {
        return Deployments.app(
                "outage-it",
                "outbox.destination.default=" + QUEUE + "\noutbox.relay.max-backoff=1s\n");
    }

    @Inject Orders orders;
    @Inject Probe probe;
    @Inject RelayHandle relay;

    @Test
    @Order(1)
    @RunAsClient
    void stopTheBroker() throws Exception {
        logMark = ServerLog.size();
        TestBroker.stop();
    }

    @Test
    @Order(2)
    void recordsWrittenDuringTheOutageStayPendingAndAreNotCharged() throws Exception {
        probe.deleteAll(PREFIX);
        orders.placeMany(PREFIX, 5);
        // rounds that claimed these records and failed to send them
        long rounds = relay.failedRounds();
        Await.until(
                "two more failed relay rounds",
                java.time.Duration.ofSeconds(30),
                () -> relay.failedRounds() >= rounds + 2);
        assertEquals(5, probe.records(PREFIX).size());
        assertTrue(
                probe.records(PREFIX).stream()
                        .allMatch(r -> r.status() == RecordStatus.PENDING && r.attempts() == 0),
                "an outage must not cost records their attempts: " + probe.records(PREFIX));
    }

    @Test
    @Order(3)
    @RunAsClient
    void theOutageIsLoggedOnceAndTheBrokerComesBack() throws Exception {
        Await.until(
                "OUTBOX0306W is logged",
                java.time.Duration.ofSeconds(30),
                () -> ServerLog.loggedSince(logMark, "OUTBOX0306W"));
        Await.sleep(3000); // more failed rounds, which must not log again
        String log = ServerLog.since(logMark);
        assertEquals(1, ServerLog.count(log, "OUTBOX0306W"), "one warning, not a flood:\n" + log);
        TestBroker.start();
    }

    @Test
    @Order(4)
    void theRelayCatchesUp() throws Exception {
        List<Received> got = probe.receiveAll(QUEUE, PREFIX, 5, 60_000);
        assertEquals(5, got.size());
        Await.until(
                "all DISPATCHED",
                java.time.Duration.ofSeconds(30),
                () -> probe.allDispatched(PREFIX));
    }

    @Test
    @Order(5)
    @RunAsClient
    void theRecoveryIsLogged() throws Exception {
        Await.until(
                "OUTBOX0304I is logged",
                java.time.Duration.ofSeconds(10),
                () -> ServerLog.loggedSince(logMark, "OUTBOX0304I"));
    }
}
