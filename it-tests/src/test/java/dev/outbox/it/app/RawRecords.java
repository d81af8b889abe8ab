package dev.outbox.it.app;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.outbox.cdi.internal.NewRecord;
import dev.outbox.cdi.internal.RecordStore;

/** Stores records directly, such as one whose event class no longer exists anywhere. */
@ApplicationScoped
public class RawRecords {

    @Inject RecordStore store;

    @Transactional
    public void append(
            String eventType, int version, String aggregateId, String queue, String payload) {
        store.append(
                new NewRecord(
                        UUID.randomUUID().toString(),
                        "Order",
                        aggregateId,
                        eventType,
                        version,
                        queue,
                        payload,
                        "application/json",
                        Map.of(),
                        Instant.now(),
                        null));
    }
}
