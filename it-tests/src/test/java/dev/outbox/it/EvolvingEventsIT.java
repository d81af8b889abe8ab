package dev.outbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.UUID;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.outbox.it.app.Probe;
import dev.outbox.it.app.RawRecords;
import dev.outbox.it.app.Received;

/**
 * A record stays sendable when its Java event class is renamed or removed: the relay sends the
 * stored logical type, version and text, and never loads a class.
 */
@ExtendWith(ArquillianExtension.class)
class EvolvingEventsIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.app("evolving-it", "");
    }

    @Inject RawRecords raw;
    @Inject Probe probe;

    @Test
    void aRecordWhoseEventClassNoLongerExistsIsSent() throws Exception {
        String type = "LegacyOrderPlaced";
        assertThrows(ClassNotFoundException.class, () -> Class.forName(type));
        String id = "legacy-" + UUID.randomUUID().toString().substring(0, 8);
        raw.append(type, 2, id, "it.legacy", "{\"orderId\":\"" + id + "\",\"oldField\":1}");
        Received m = probe.receive("it.legacy", id, 15_000);
        assertNotNull(m, "the legacy record was not sent");
        assertEquals(type, m.property("outboxEventType"));
        assertEquals(2, m.property("outboxEventVersion"));
        assertEquals("{\"orderId\":\"" + id + "\",\"oldField\":1}", m.body());
    }
}
