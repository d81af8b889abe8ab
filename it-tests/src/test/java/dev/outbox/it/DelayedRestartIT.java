package dev.outbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A delayed record outlives the application that wrote it: written by an application whose relay is
 * off (the server that stopped), it is held by an application started later until its time, then
 * sent once. The delay is a column of the record, not a timer of the server.
 */
@ExtendWith(ArquillianExtension.class)
class DelayedRestartIT {

    static final String QUEUE = "it.delayed.restart";

    /** Long enough for the relay's application to be deployed before the record is due. */
    static final Duration DELAY = Duration.ofSeconds(12);

    @Deployment(name = "writer", order = 1, testable = false)
    static WebArchive writer() {
        return Deployments.app(
                "delayed-writer",
                "outbox.relay.enabled=false\noutbox.destination.default=" + QUEUE + "\n");
    }

    @Deployment(name = "relay", managed = false, testable = false)
    static WebArchive relay() {
        return Deployments.app("delayed-relay", "outbox.destination.default=" + QUEUE + "\n");
    }

    @ArquillianResource Deployer deployer;

    @Test
    @RunAsClient
    void aDelayedRecordWrittenBeforeARestartIsHeldUntilItsTimeThenSentOnce() {
        Steps writer = Steps.of("delayed-writer");
        String id = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        Instant at = Instant.now().plus(DELAY).truncatedTo(ChronoUnit.MILLIS);
        writer.call("remind", "id", id, "at", at.toString());
        List<String> records = writer.records(id);
        assertEquals(1, records.size(), records.toString());
        assertTrue(records.get(0).startsWith("PENDING "), records.toString());

        deployer.deploy("relay");
        try {
            Instant started = Instant.now();
            assertTrue(
                    started.isBefore(at),
                    "the relay's application took longer than " + DELAY + " to deploy: raise it");
            String message =
                    writer.call(
                            "receive",
                            "queue",
                            QUEUE,
                            "prefix",
                            id,
                            "timeoutMillis",
                            DELAY.plusSeconds(30).toMillis());
            assertFalse(message.isBlank(), "not sent by the application started later");
            assertEquals(0, writer.receiveAll(QUEUE, id, 0, 3_000), "sent once");
            writer.awaitDispatched(id, Duration.ofSeconds(10));
            List<String> times = List.of(writer.call("dispatch-times", "prefix", id).split("\n"));
            Instant dispatched = Instant.parse(times.get(0).substring("Reminder ".length()));
            assertFalse(dispatched.isBefore(at), "sent before " + at + ": " + times);
        } finally {
            deployer.undeploy("relay");
        }
    }
}
