package dev.outbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.UUID;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.outbox.admin.Outbox;
import dev.outbox.admin.RecordStatus;
import dev.outbox.it.app.Events;
import dev.outbox.it.app.Note;
import dev.outbox.it.app.Probe;
import dev.outbox.it.app.Received;
import dev.outbox.it.app.Refused;

/** With {@code outbox.ordering.failed-head=skip} a dead letter does not hold its key. */
@ExtendWith(ArquillianExtension.class)
class SkipFailedHeadIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.app(
                "skip-it", "outbox.route.Note=it.skip\noutbox.ordering.failed-head=skip\n");
    }

    @Inject Events events;
    @Inject Probe probe;
    @Inject Outbox outbox;

    @Test
    void laterRecordsOfTheKeyAreSentPastTheDeadLetter() throws Exception {
        String key = "skip-" + UUID.randomUUID().toString().substring(0, 8);
        events.fire(new Refused(key));
        events.fire(new Note(key, "after the dead letter"));
        Received m = probe.receive("it.skip", key, 20_000);
        assertNotNull(m);
        assertEquals(2L, m.property("outboxSequence"));
        String head = probe.records(key).get(0).id();
        assertEquals(RecordStatus.QUARANTINED, outbox.find(head).orElseThrow().status());
        outbox.delete(head);
    }
}
