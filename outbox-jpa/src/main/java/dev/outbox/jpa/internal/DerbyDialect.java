package dev.outbox.jpa.internal;

import java.util.Map;

/**
 * Derby's statements. Derby has no {@code SKIP LOCKED}: candidates are read, then locked one by
 * one. Reads use {@code WITH UR} (read uncommitted): Derby's readers would wait for writers' new
 * rows; a row read this way is locked and checked again before it is used.
 */
final class DerbyDialect extends Dialect {

    static final String CANDIDATES_HOLD_UNSENT =
            """
            SELECT r.id FROM outbox_record r
            WHERE r.status = 'PENDING' AND r.next_attempt_at <= ?1
              AND NOT EXISTS (SELECT 1 FROM outbox_pause z WHERE z.destination = r.destination)
              AND NOT EXISTS (SELECT 1 FROM outbox_record p
                WHERE p.aggregate_type = r.aggregate_type AND p.aggregate_id = r.aggregate_id
                  AND p.seq < r.seq AND p.status NOT IN ('DISPATCHED', 'SKIPPED'))
            ORDER BY r.next_attempt_at FETCH FIRST ?2 ROWS ONLY WITH UR""";

    static final String CANDIDATES_HOLD_PENDING =
            """
            SELECT r.id FROM outbox_record r
            WHERE r.status = 'PENDING' AND r.next_attempt_at <= ?1
              AND NOT EXISTS (SELECT 1 FROM outbox_pause z WHERE z.destination = r.destination)
              AND NOT EXISTS (SELECT 1 FROM outbox_record p
                WHERE p.aggregate_type = r.aggregate_type AND p.aggregate_id = r.aggregate_id
                  AND p.seq < r.seq AND p.status = 'PENDING')
            ORDER BY r.next_attempt_at FETCH FIRST ?2 ROWS ONLY WITH UR""";

    /**
     * A {@code DELETE … WHERE id IN (SELECT …)} takes update locks on the rows it scans and
     * deadlocked with a claim's lock (found by the integration suite; Derby detects a deadlock only
     * after 20 s): the ids are read without locks, then each row is deleted by its key, only while
     * it is still dispatched ({@code PURGE_ONE}).
     */
    static final String PURGE_CANDIDATES =
            """
            SELECT id FROM outbox_record WHERE status = 'DISPATCHED' AND dispatched_at < ?1
            FETCH FIRST ?2 ROWS ONLY WITH UR""";

    static final String PROCESSED_PURGE =
            """
            DELETE FROM outbox_processed WHERE processed_at < ?1 AND processed_at IN
              (SELECT processed_at FROM outbox_processed WHERE processed_at < ?1
               FETCH FIRST ?2 ROWS ONLY)""";

    DerbyDialect() {
        super(
                "derby",
                "derby",
                Map.of(
                        Statement.CANDIDATES_HOLD_UNSENT, CANDIDATES_HOLD_UNSENT,
                        Statement.CANDIDATES_HOLD_PENDING, CANDIDATES_HOLD_PENDING,
                        Statement.PURGE_CANDIDATES, PURGE_CANDIDATES,
                        Statement.PROCESSED_PURGE, PROCESSED_PURGE));
    }

    @Override
    boolean qualifiedIndexNames() {
        return true;
    }

    @Override
    boolean zonedTimes() {
        return false;
    }
}
