package dev.outbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
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

/**
 * Records written while no relay runs (here: by an application whose relay is switched off by
 * configuration) are sent once an application with a relay is deployed.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PendingBeforeDeploymentIT {

    static final String QUEUE = "it.pending";
    static final String PREFIX = "pending-before-deployment";

    @Deployment(name = "writer", order = 1)
    static WebArchive writer() {
        return Deployments.app(
                "pending-writer",
                "outbox.relay.enabled=false\noutbox.destination.default=" + QUEUE + "\n");
    }

    @Deployment(name = "relay", managed = false)
    static WebArchive relay() {
        return Deployments.app("pending-relay", "outbox.destination.default=" + QUEUE + "\n");
    }

    @ArquillianResource Deployer deployer;
    @Inject Orders orders;
    @Inject Probe probe;

    @Test
    @Order(1)
    @OperateOnDeployment("writer")
    void recordsStayPendingWhileNoRelayRuns() throws Exception {
        probe.deleteAll(PREFIX);
        orders.placeMany(PREFIX, 5);
        assertNull(probe.receive(QUEUE, PREFIX, 2000), "sent although the relay is off");
        List<?> pending =
                probe.records(PREFIX).stream()
                        .filter(r -> r.status() == RecordStatus.PENDING)
                        .toList();
        assertEquals(5, pending.size());
    }

    @Test
    @Order(2)
    @RunAsClient
    void deployAnApplicationWithARelay() {
        deployer.deploy("relay");
    }

    @Test
    @Order(3)
    @OperateOnDeployment("relay")
    void thePendingRecordsAreSentAfterDeployment() throws Exception {
        List<Received> got = probe.receiveAll(QUEUE, PREFIX, 5, 15_000);
        assertEquals(5, got.size(), "messages: " + got);
        Await.until(
                "the records are DISPATCHED",
                Duration.ofSeconds(10),
                () -> probe.allDispatched(PREFIX));
        assertTrue(probe.records(PREFIX).stream().allMatch(r -> r.dispatchedAt() != null));
    }

    @Test
    @Order(4)
    @RunAsClient
    void undeployTheRelay() {
        deployer.undeploy("relay");
    }
}
