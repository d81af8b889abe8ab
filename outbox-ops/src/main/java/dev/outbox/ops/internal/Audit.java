package dev.outbox.ops.internal;

import java.sql.Timestamp;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.outbox.cdi.internal.OutboxSettings;
import dev.outbox.jpa.internal.OutboxEntityManager;

/**
 * Writes an admin action to {@code outbox.admin.audit-table}, when configured, in the caller's
 * transaction: the action and its audit row commit together or not at all.
 */
@ApplicationScoped
public class Audit {

    @Inject OutboxSettings settings;
    @Inject OutboxEntityManager em;

    /**
     * @param at when
     * @param actor who
     * @param action what
     * @param target on which record or destination
     * @param outcome what happened
     */
    public void write(Instant at, String actor, String action, String target, String outcome) {
        if (settings.adminAuditTable().isEmpty()) {
            return;
        }
        em.get()
                .createNativeQuery(
                        "INSERT INTO "
                                + settings.adminAuditTable().get()
                                + " (acted_at, actor, action, target, outcome)"
                                + " VALUES (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, Timestamp.from(at))
                .setParameter(2, clip(actor, 255))
                .setParameter(3, clip(action, 32))
                .setParameter(4, clip(target, 512))
                .setParameter(5, clip(outcome, 512))
                .executeUpdate();
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
