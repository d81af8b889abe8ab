package dev.outbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.outbox.admin.OutboxRecord;
import dev.outbox.admin.RecordStatus;
import dev.outbox.it.app.Orders;
import dev.outbox.testkit.OutboxTestKit;
import dev.outbox.testkit.QueuedMessage;

/**
 * The test kit as users would use it: the relay's timer is an hour away and immediate dispatch is
 * off, so nothing is sent until the test drains the outbox.
 */
@ExtendWith(ArquillianExtension.class)
class OutboxTestKitIT {

    static final String QUEUE = "it.testkit";

    @Deployment
    static WebArchive deployment() {
        return Deployments.opsApp(
                "testkit-it",
                """
                outbox.destination.default=it.testkit
                outbox.relay.immediate=false
                outbox.relay.interval=1h
                """);
    }

    @Inject Orders orders;
    @Inject OutboxTestKit testKit;

    private static String unique(String what) {
        return what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void awaitWrittenThenDrainThenReadTheQueue() {
        String id = unique("kit");
        orders.place(id, "bob", BigDecimal.ONE);

        OutboxRecord written = testKit.awaitWritten("OrderPlaced", id);
        assertEquals(RecordStatus.PENDING, written.status(), "nothing sends it but the test");

        assertTrue(testKit.drain() >= 1);
        OutboxRecord sent = testKit.awaitDispatched("OrderPlaced", id, Duration.ofSeconds(5));
        assertEquals(written.id(), sent.id());

        List<QueuedMessage> browsed = testKit.browse(QUEUE);
        assertTrue(
                browsed.stream().anyMatch(m -> id.equals(m.aggregateId())), "browse: " + browsed);
        List<QueuedMessage> received =
                testKit.receive(QUEUE, browsed.size(), Duration.ofSeconds(5));
        QueuedMessage m =
                received.stream().filter(x -> id.equals(x.aggregateId())).findFirst().orElseThrow();
        assertEquals(written.id(), m.recordId());
        assertEquals("OrderPlaced", m.eventType());
        assertTrue(m.body().contains("\"customer\":\"bob\""), m.body());
    }

    @Test
    void aWaitThatTimesOutSaysWhatItWaitedFor() {
        AssertionError e =
                assertThrows(
                        AssertionError.class,
                        () -> testKit.awaitWritten("OrderPlaced", "never", Duration.ofMillis(200)));
        assertTrue(e.getMessage().startsWith("OUTBOX0620E: Timed out after 200ms"), e.getMessage());
        assertTrue(e.getMessage().contains("OrderPlaced of never is written"), e.getMessage());
    }
}
