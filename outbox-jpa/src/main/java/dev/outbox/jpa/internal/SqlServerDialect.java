package dev.outbox.jpa.internal;

import java.util.Map;

/**
 * SQL Server's statements: parsed in a unit test only, never run against SQL Server, so used only
 * when {@code outbox.database=sqlserver} says so. The claim skips locked rows with {@code
 * READPAST}.
 */
final class SqlServerDialect extends Dialect {

    static final String INCREMENT_SEQUENCE =
            """
            MERGE INTO outbox_key WITH (HOLDLOCK) AS k USING (SELECT ?1 AS t, ?2 AS i) AS s
            ON k.aggregate_type = s.t AND k.aggregate_id = s.i
            WHEN MATCHED THEN UPDATE SET last_seq = k.last_seq + 1
            WHEN NOT MATCHED THEN INSERT (aggregate_type, aggregate_id, last_seq)
              VALUES (s.t, s.i, 1);""";

    static final String CLAIM_HOLD_UNSENT =
            """
            SELECT TOP (?2) %s FROM outbox_record r WITH (UPDLOCK, ROWLOCK, READPAST)
            WHERE r.status = 'PENDING' AND r.next_attempt_at <= ?1
              AND NOT EXISTS (SELECT 1 FROM outbox_pause z WHERE z.destination = r.destination)
              AND NOT EXISTS (SELECT 1 FROM outbox_record p
                WHERE p.aggregate_type = r.aggregate_type AND p.aggregate_id = r.aggregate_id
                  AND p.seq < r.seq AND p.status NOT IN ('DISPATCHED', 'SKIPPED'))
            ORDER BY r.next_attempt_at"""
                    .formatted(CommonStatements.CLAIMED_COLUMNS);

    static final String CLAIM_HOLD_PENDING =
            """
            SELECT TOP (?2) %s FROM outbox_record r WITH (UPDLOCK, ROWLOCK, READPAST)
            WHERE r.status = 'PENDING' AND r.next_attempt_at <= ?1
              AND NOT EXISTS (SELECT 1 FROM outbox_pause z WHERE z.destination = r.destination)
              AND NOT EXISTS (SELECT 1 FROM outbox_record p
                WHERE p.aggregate_type = r.aggregate_type AND p.aggregate_id = r.aggregate_id
                  AND p.seq < r.seq AND p.status = 'PENDING')
            ORDER BY r.next_attempt_at"""
                    .formatted(CommonStatements.CLAIMED_COLUMNS);

    static final String PURGE =
            """
            DELETE TOP (?2) FROM outbox_record WHERE status = 'DISPATCHED'
              AND dispatched_at < ?1""";

    static final String PROCESSED_PURGE =
            "DELETE TOP (?2) FROM outbox_processed WHERE processed_at < ?1";

    SqlServerDialect() {
        super(
                "sqlserver",
                "sqlserver",
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
}
