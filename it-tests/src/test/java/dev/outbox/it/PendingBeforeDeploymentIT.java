package dev.outbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Records written while no relay runs (here: by an application whose relay is switched off by
 * configuration) are sent once an application with a relay is deployed.
 */
@ExtendWith(ArquillianExtension.class)
class PendingBeforeDeploymentIT {

    static final String QUEUE = "it.pending";
    static final String PREFIX = "pending-before-deployment";

    @Deployment(name = "writer", order = 1, testable = false)
    static WebArchive writer() {
        return Deployments.app(
                "pending-writer",
                "outbox.relay.enabled=false\noutbox.destination.default=" + QUEUE + "\n");
    }

    @Deployment(name = "relay", managed = false, testable = false)
    static WebArchive relay() {
        return Deployments.app("pending-relay", "outbox.destination.default=" + QUEUE + "\n");
    }

    @ArquillianResource Deployer deployer;

    @Test
    @RunAsClient
    void recordsWrittenWhileNoRelayRunsAreSentOnceAnApplicationWithARelayIsDeployed() {
        Steps writer = Steps.of("pending-writer");
        writer.call("delete-all", "prefix", PREFIX);
        writer.call("place-many", "prefix", PREFIX, "count", 5);
        // no relay runs on the server: there are no rounds to count, only a bounded wait
        assertEquals(
                "",
                writer.call("receive", "queue", QUEUE, "prefix", PREFIX, "timeoutMillis", 2000),
                "sent although the relay is off");
        List<String> records = writer.records(PREFIX);
        assertEquals(5, records.size(), records.toString());
        assertTrue(records.stream().allMatch(r -> r.startsWith("PENDING ")), records.toString());

        deployer.deploy("relay");
        try {
            assertEquals(5, writer.receiveAll(QUEUE, PREFIX, 5, 15_000));
            writer.awaitDispatched(PREFIX, Duration.ofSeconds(10));
            assertTrue(
                    writer.records(PREFIX).stream().allMatch(r -> r.endsWith(" dispatched")),
                    "dispatched with a time");
        } finally {
            deployer.undeploy("relay");
        }
    }
}
