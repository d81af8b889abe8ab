package dev.outbox.jpa.internal;

import java.util.Map;

/**
 * Oracle's statements: parsed in a unit test only, never run against Oracle, so used only when
 * {@code outbox.database=oracle} says so. The claim has no row limit in its text: the store's
 * {@code setMaxRows} bounds it.
 */
final class OracleDialect extends Dialect {

    static final String INCREMENT_SEQUENCE =
            """
            MERGE INTO outbox_key k USING (SELECT ?1 t, ?2 i FROM dual) s
            ON (k.aggregate_type = s.t AND k.aggregate_id = s.i)
            WHEN MATCHED THEN UPDATE SET k.last_seq = k.last_seq + 1
            WHEN NOT MATCHED THEN INSERT (aggregate_type, aggregate_id, last_seq)
              VALUES (s.t, s.i, 1)""";

    static final String CLAIM_HOLD_UNSENT =
            """
            SELECT %s FROM outbox_record r
            WHERE r.status = 'PENDING' AND r.next_attempt_at <= ?1
              AND NOT EXISTS (SELECT 1 FROM outbox_pause z WHERE z.destination = r.destination)
              AND NOT EXISTS (SELECT 1 FROM outbox_record p
                WHERE p.aggregate_type = r.aggregate_type AND p.aggregate_id = r.aggregate_id
                  AND p.seq < r.seq AND p.status NOT IN ('DISPATCHED', 'SKIPPED'))
            ORDER BY r.next_attempt_at FOR UPDATE OF r.id SKIP LOCKED"""
                    .formatted(CommonStatements.CLAIMED_COLUMNS);

    static final String CLAIM_HOLD_PENDING =
            """
            SELECT %s FROM outbox_record r
            WHERE r.status = 'PENDING' AND r.next_attempt_at <= ?1
              AND NOT EXISTS (SELECT 1 FROM outbox_pause z WHERE z.destination = r.destination)
              AND NOT EXISTS (SELECT 1 FROM outbox_record p
                WHERE p.aggregate_type = r.aggregate_type AND p.aggregate_id = r.aggregate_id
                  AND p.seq < r.seq AND p.status = 'PENDING')
            ORDER BY r.next_attempt_at FOR UPDATE OF r.id SKIP LOCKED"""
                    .formatted(CommonStatements.CLAIMED_COLUMNS);

    static final String PURGE =
            """
            DELETE FROM outbox_record WHERE status = 'DISPATCHED' AND dispatched_at < ?1
              AND ROWNUM <= ?2""";

    static final String PROCESSED_PURGE =
            "DELETE FROM outbox_processed WHERE processed_at < ?1 AND ROWNUM <= ?2";

    OracleDialect() {
        super(
                "oracle",
                "oracle",
                Map.of(
                        Statement.INCREMENT_SEQUENCE, INCREMENT_SEQUENCE,
                        Statement.CLAIM_HOLD_UNSENT, CLAIM_HOLD_UNSENT,
                        Statement.CLAIM_HOLD_PENDING, CLAIM_HOLD_PENDING,
                        Statement.PURGE, PURGE,
                        Statement.PROCESSED_PURGE, PROCESSED_PURGE));
    }

    @Override
    boolean tested() {
        return false;
    }

    @Override
    boolean qualifiedIndexNames() {
        return true;
    }
}
