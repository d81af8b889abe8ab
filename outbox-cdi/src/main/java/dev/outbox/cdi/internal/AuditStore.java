package dev.outbox.cdi.internal;

import java.time.Instant;

/**
 * Where outbox-ops writes its audit rows: a table of the outbox's database, in the caller's
 * transaction. outbox-jpa provides the one bean.
 */
public interface AuditStore {

    /**
     * Inserts one row into {@code table} ({@code acted_at, actor, action, target, outcome}).
     *
     * @param table the table, as configured ({@code outbox.admin.audit-table})
     * @param at when
     * @param actor who
     * @param action what
     * @param target on which record, destination or filter
     * @param outcome what happened
     */
    void write(
            String table, Instant at, String actor, String action, String target, String outcome);
}
