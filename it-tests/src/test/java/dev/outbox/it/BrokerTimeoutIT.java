package dev.outbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import jakarta.ejb.EJB;
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
import dev.outbox.it.app.Orders;
import dev.outbox.it.app.Probe;
import dev.outbox.it.app.Received;
import dev.outbox.jms.internal.Relay;

/**
 * A connection factory that retries for ever (WildFly's default for a remote broker; set on Liberty
 * by hand) would hold the relay's thread while the broker is away, without a word: the relay
 * interrupts a wait longer than {@code outbox.relay.broker-timeout}, warns once naming the settings
 * (OUTBOX0317W), pauses as for an outage, and catches up when the broker returns. Needs the test
 * broker, which the suite stops: every Liberty pass, and WildFly's remote-broker pass.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrokerTimeoutIT {

    static final String QUEUE = "it.timeout";
    static final String PREFIX = "timeout";
    static long logMark;

    @Deployment
    static WebArchive deployment() {
        return Deployments.app(
                "timeout-it",
                """
                outbox.destination.default=it.timeout
                outbox.relay.connection-factory=jms/foreverConnectionFactory
                outbox.relay.broker-timeout=2s
                outbox.relay.max-backoff=1s
                """);
    }

    @Inject Orders orders;
    @Inject Probe probe;
    @EJB Relay relay;

    @Test
    @Order(1)
    @RunAsClient
    void stopTheBroker() throws Exception {
        logMark = ServerLog.size();
        TestBroker.stop();
    }

    @Test
    @Order(2)
    void theRelayDoesNotHangButCountsAsFailingAndChargesNoRecord() throws Exception {
        probe.deleteAll(PREFIX);
        orders.placeMany(PREFIX, 3);
        Await.until("the relay counts as failing", Duration.ofSeconds(30), relay::failing);
        assertEquals(3, probe.records(PREFIX).size());
        assertTrue(
                probe.records(PREFIX).stream()
                        .allMatch(r -> r.status() == RecordStatus.PENDING && r.attempts() == 0),
                "a broker that does not answer must not cost records their attempts: "
                        + probe.records(PREFIX));
    }

    @Test
    @Order(3)
    @RunAsClient
    void theWaitIsReportedOnceNamingTheSettingsAndTheBrokerComesBack() throws Exception {
        Await.until(
                "OUTBOX0317W is logged",
                Duration.ofSeconds(30),
                () ->
                        ServerLog.loggedSince(logMark, "OUTBOX0317W")
                                && ServerLog.loggedSince(logMark, "OUTBOX0306W"));
        Await.sleep(5000); // more interrupted rounds, which must not warn again
        String log = ServerLog.since(logMark);
        assertEquals(1, ServerLog.count(log, "OUTBOX0317W"), "one warning, not a flood:\n" + log);
        assertTrue(log.contains("jms/foreverConnectionFactory"), "names the factory");
        assertTrue(
                log.contains("reconnect-attempts=0") && log.contains("ReconnectAttempts=\"0\""),
                "names the settings of both servers");
        TestBroker.start();
    }

    @Test
    @Order(4)
    void theRelayCatchesUp() throws Exception {
        List<Received> got = probe.receiveAll(QUEUE, PREFIX, 3, 60_000);
        assertEquals(3, got.size());
        Await.until("all DISPATCHED", Duration.ofSeconds(30), () -> probe.allDispatched(PREFIX));
        assertFalse(relay.failing());
    }

    @Test
    @Order(5)
    @RunAsClient
    void theRecoveryIsLogged() throws Exception {
        Await.until(
                "OUTBOX0304I is logged",
                Duration.ofSeconds(10),
                () -> ServerLog.loggedSince(logMark, "OUTBOX0304I"));
    }
}
