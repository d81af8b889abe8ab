package dev.outbox.jpa.internal;

import java.util.Map;

/** MySQL: MariaDB's statements and DDL, but the claim locks only the records it reads. */
final class MySqlDialect extends MariaDbDialect {

    static final String CLAIM_HOLD_UNSENT =
            """
            SELECT %s FROM outbox_record r
            WHERE r.status = 'PENDING' AND r.next_attempt_at <= ?1
              AND NOT EXISTS (SELECT 1 FROM outbox_pause z WHERE z.destination = r.destination)
              AND NOT EXISTS (SELECT 1 FROM outbox_record p
                WHERE p.aggregate_type = r.aggregate_type AND p.aggregate_id = r.aggregate_id
                  AND p.seq < r.seq AND p.status NOT IN ('DISPATCHED', 'SKIPPED'))
            ORDER BY r.next_attempt_at LIMIT ?2 FOR UPDATE OF r SKIP LOCKED"""
                    .formatted(CommonStatements.CLAIMED_COLUMNS);

    static final String CLAIM_HOLD_PENDING =
            """
            SELECT %s FROM outbox_record r
            WHERE r.status = 'PENDING' AND r.next_attempt_at <= ?1
              AND NOT EXISTS (SELECT 1 FROM outbox_pause z WHERE z.destination = r.destination)
              AND NOT EXISTS (SELECT 1 FROM outbox_record p
                WHERE p.aggregate_type = r.aggregate_type AND p.aggregate_id = r.aggregate_id
                  AND p.seq < r.seq AND p.status = 'PENDING')
            ORDER BY r.next_attempt_at LIMIT ?2 FOR UPDATE OF r SKIP LOCKED"""
                    .formatted(CommonStatements.CLAIMED_COLUMNS);

    MySqlDialect() {
        super(
                "mysql",
                Map.of(
                        Statement.CLAIM_HOLD_UNSENT, CLAIM_HOLD_UNSENT,
                        Statement.CLAIM_HOLD_PENDING, CLAIM_HOLD_PENDING));
    }
}
