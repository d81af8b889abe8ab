package dev.outbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.outbox.it.app.Orders;
import dev.outbox.it.app.Probe;

/** Dispatched records are kept for the retention, then purged in bounded statements. */
@ExtendWith(ArquillianExtension.class)
class RetentionIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.app(
                "retention-it",
                """
                outbox.destination.default=it.retention
                outbox.retention=5s
                outbox.retention.purge-batch-size=500
                """);
    }

    @Inject Orders orders;
    @Inject Probe probe;

    @Test
    void dispatchedRecordsArePurgedAfterTheRetention() throws Exception {
        String prefix = "retention-" + UUID.randomUUID().toString().substring(0, 8);
        orders.placeMany(prefix, 5);
        assertEquals(5, probe.receiveAll("it.retention", prefix, 5, 15_000).size());
        Await.until("all DISPATCHED", Duration.ofSeconds(10), () -> probe.allDispatched(prefix));
        assertEquals(5, probe.records(prefix).size(), "kept while younger than the retention");
        Await.until("purged", Duration.ofSeconds(15), () -> probe.records(prefix).isEmpty());
        assertTrue(probe.orders(prefix) == 5, "the business rows are untouched");
    }
}
