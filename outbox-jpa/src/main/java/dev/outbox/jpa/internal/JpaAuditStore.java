package dev.outbox.jpa.internal;

import java.sql.Timestamp;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.outbox.cdi.internal.AuditStore;

/** Writes outbox-ops' audit rows through the outbox's entity manager ({@link AuditStore}). */
@ApplicationScoped
public class JpaAuditStore implements AuditStore {

    @Inject OutboxEntityManager em;

    @Override
    public void write(
            String table, Instant at, String actor, String action, String target, String outcome) {
        em.get()
                .createNativeQuery(
                        "INSERT INTO "
                                + table
                                + " (acted_at, actor, action, target, outcome)"
                                + " VALUES (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, Timestamp.from(at))
                .setParameter(2, actor)
                .setParameter(3, action)
                .setParameter(4, target)
                .setParameter(5, outcome)
                .executeUpdate();
    }
}
