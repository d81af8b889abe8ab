package dev.outbox.it;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.math.BigDecimal;
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

/** With the default retention (0s) a record is deleted as it is sent. */
@ExtendWith(ArquillianExtension.class)
class DeleteOnDispatchIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.app(
                "delete-it", "outbox.destination.default=it.delete\noutbox.retention=0s\n");
    }

    @Inject Orders orders;
    @Inject Probe probe;

    @Test
    void aSentRecordLeavesNoRow() throws Exception {
        String id = "delete-" + UUID.randomUUID().toString().substring(0, 8);
        orders.place(id, "c", BigDecimal.ONE);
        assertNotNull(probe.receive("it.delete", id, 15_000));
        Await.until(
                "the record is deleted", Duration.ofSeconds(10), () -> probe.records(id).isEmpty());
    }
}
