package dev.outbox.it;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.math.BigDecimal;
import java.util.UUID;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.outbox.it.app.Orders;
import dev.outbox.it.app.Probe;

/**
 * Records are relayed right after their transaction commits: with the timer's interval at an hour,
 * only the commit can have sent them.
 */
@ExtendWith(ArquillianExtension.class)
class ImmediateDispatchIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.app(
                "immediate-it",
                "outbox.relay.interval=1h\noutbox.destination.default=it.immediate\n");
    }

    @Inject Orders orders;
    @Inject Probe probe;

    @Test
    void aCommitIsRelayedWithoutWaitingForTheTimer() throws Exception {
        for (int i = 0; i < 3; i++) {
            String id = "immediate-" + UUID.randomUUID().toString().substring(0, 8);
            orders.place(id, "c", BigDecimal.ONE);
            assertNotNull(probe.receive("it.immediate", id, 5_000), "not sent on commit: " + id);
        }
    }
}
