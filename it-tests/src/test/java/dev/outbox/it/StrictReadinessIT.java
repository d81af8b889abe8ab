package dev.outbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.outbox.admin.Outbox;
import dev.outbox.admin.OutboxRecord;
import dev.outbox.admin.RecordStatus;
import dev.outbox.it.app.Events;
import dev.outbox.it.app.Note;
import dev.outbox.it.app.Probe;
import dev.outbox.it.app.Refused;
import dev.outbox.it.ops.Http;
import dev.outbox.testkit.OutboxTestKit;

/**
 * The opt-in of {@code outbox.health.readiness=outbox}: a record waiting longer than the limit
 * makes readiness DOWN (503) with a stable reason code, and UP again once it is gone.
 */
@ExtendWith(ArquillianExtension.class)
class StrictReadinessIT {

    static final Duration WAIT = Duration.ofSeconds(20);

    @Deployment
    static WebArchive deployment() {
        return Deployments.opsApp(
                        "strict-readiness-it",
                        """
                        outbox.route.Note=it.strict
                        outbox.health.readiness=outbox
                        outbox.health.max-pending-age=2s
                        outbox.health.backlog-cache=0s
                        """)
                .addClass(Http.class);
    }

    @Inject Events events;
    @Inject Probe probe;
    @Inject Outbox outbox;
    @Inject OutboxTestKit testKit;

    @Test
    void aRecordWaitingTooLongMakesReadinessDownAndItsRemovalUpAgain() throws Exception {
        probe.deleteUnsent(); // records other suites left behind
        Await.value("readiness is UP", WAIT, () -> Http.outboxCheck("/health/ready"), Http::isUp);

        String id = "strict-" + UUID.randomUUID().toString().substring(0, 8);
        events.fire(new Refused(id));
        OutboxRecord bad =
                Await.value(
                        "the head is QUARANTINED",
                        WAIT,
                        () -> testKit.records("Refused", id).get(0),
                        r -> r.status() == RecordStatus.QUARANTINED);
        events.fire(new Note(id, "held")); // held behind its key's dead letter
        JsonObject down =
                Await.value(
                        "readiness is DOWN",
                        WAIT,
                        () -> Http.outboxCheck("/health/ready"),
                        c -> c != null && !Http.isUp(c));
        JsonObject data = down.getJsonObject("data");
        assertEquals("records-waiting", data.getString("reason"), down.toString());
        assertEquals("it.strict", data.getString("stalledDestinations"));
        assertEquals(503, Http.get("/health/ready").statusCode());

        assertTrue(outbox.delete(bad.id()));
        Await.value(
                "readiness is UP again", WAIT, () -> Http.outboxCheck("/health/ready"), Http::isUp);
    }
}
