package dev.outbox.faults.app;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** Commits a business row and its event in one transaction. */
@ApplicationScoped
public class Writer {

    /**
     * Bytes of filler in an oversized payload: above the broker's limit of 64 KiB (faults/broker).
     */
    static final int OVERSIZED_BYTES = 80 * 1024;

    private static final String FILLER = "x".repeat(OVERSIZED_BYTES);

    @PersistenceContext EntityManager em;
    @Inject Event<FaultEvent> events;

    /**
     * @param run the scenario run
     * @param key the aggregate id
     * @param kind good or poison
     */
    @Transactional
    public void write(String run, String key, Kind kind) {
        String id = UUID.randomUUID().toString();
        em.persist(new FaultOrder(id, run, key, kind, Instant.now()));
        events.fire(new FaultEvent(id, run, key, kind, kind == Kind.OVERSIZED ? FILLER : ""));
    }
}
