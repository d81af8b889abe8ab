package dev.outbox.jpa.internal;

import java.util.EnumMap;
import java.util.Map;

/** PostgreSQL's statements. */
final class PostgreSqlDialect extends Dialect {

    /**
     * The key's next number and the record in one statement, one round trip: the benchmarks
     * measured the two statements at 0.54 of the order's throughput and this one at 0.59 to 0.65
     * (docs/benchmarks.md).
     */
    static final String APPEND =
            """
            WITH k AS (INSERT INTO outbox_key AS x (aggregate_type, aggregate_id, last_seq)
              VALUES (?1, ?2, 1) ON CONFLICT (aggregate_type, aggregate_id)
              DO UPDATE SET last_seq = x.last_seq + 1 RETURNING last_seq)
            INSERT INTO outbox_record (id, aggregate_type, aggregate_id, seq, event_type,
              event_version, destination, content_type, payload, headers, status, attempts,
              written_at, next_attempt_at, deliver_at)
            SELECT ?3, ?1, ?2, k.last_seq, ?4, ?5, ?6, ?7, ?8, ?9, 'PENDING', 0, ?10, ?12, ?13
            FROM k""";

    /**
     * The planner cannot know that the claim stops early, so its cost estimate passes {@code
     * jit_above_cost} and each claim would spend most of a second compiling. And while the
     * statistics still describe an empty table (a burst of writes before the next analyze), it may
     * read the table once per candidate: the benchmark saw one claim take 9 minutes.
     *
     * <p>The relay's transaction also commits without waiting for its WAL to reach the disk: a
     * database crash can forget the last commits, and PostgreSQL then recovers as if they had
     * rolled back, so the records they marked are pending again and are sent again, as after a
     * relay crash between the broker's commit and the database's (the duplicate id and the inbox
     * absorb the copy). Nothing the application wrote is at stake, and the relay no longer waits
     * for a disk flush per batch nor makes the application's commits queue behind its own. Prepared
     * (XA) transactions are always flushed, whatever this says.
     *
     * <p>A relay whose server freezes (a long GC pause, a suspended VM) holds its claim's row locks
     * for as long as the freeze, and with them every later record of those keys: the database ends
     * the transaction once it has sat idle for {@code outbox.relay.claim-timeout} ({@code %d} ms),
     * the locks go, and another server relays the records. The frozen one, once it wakes, fails to
     * mark them; what it sends meanwhile carries the records' duplicate ids.
     *
     * <p>All settings last until the end of the relay's transaction.
     */
    static final String BEFORE_CLAIM =
            """
            SET LOCAL jit = off; SET LOCAL enable_seqscan = off;
            SET LOCAL synchronous_commit = off; SET LOCAL idle_in_transaction_session_timeout = %d""";

    /**
     * The conditions as scalar subqueries, not {@code NOT EXISTS}: PostgreSQL turns those into
     * anti-joins, misjudges them (an empty {@code outbox_pause} is estimated at 70 rows) and then
     * reads and sorts every pending record for each claim (0.8 s at 100,000 pending records). As
     * filters they leave one plan: walk the due index in order and stop after the batch (7 ms).
     */
    static final String CLAIM_HOLD_UNSENT =
            """
            SELECT %s FROM outbox_record r
            WHERE r.status = 'PENDING' AND r.next_attempt_at <= ?1
              AND (SELECT 1 FROM outbox_pause z WHERE z.destination = r.destination) IS NULL
              AND (SELECT 1 FROM outbox_record p
                WHERE p.aggregate_type = r.aggregate_type AND p.aggregate_id = r.aggregate_id
                  AND p.seq < r.seq AND p.status NOT IN ('DISPATCHED', 'SKIPPED') LIMIT 1) IS NULL
            ORDER BY r.next_attempt_at LIMIT ?2 FOR UPDATE OF r SKIP LOCKED"""
                    .formatted(CommonStatements.CLAIMED_COLUMNS);

    /** {@link #CLAIM_HOLD_UNSENT} where only PENDING records hold their key. */
    static final String CLAIM_HOLD_PENDING =
            """
            SELECT %s FROM outbox_record r
            WHERE r.status = 'PENDING' AND r.next_attempt_at <= ?1
              AND (SELECT 1 FROM outbox_pause z WHERE z.destination = r.destination) IS NULL
              AND (SELECT 1 FROM outbox_record p
                WHERE p.aggregate_type = r.aggregate_type AND p.aggregate_id = r.aggregate_id
                  AND p.seq < r.seq AND p.status = 'PENDING' LIMIT 1) IS NULL
            ORDER BY r.next_attempt_at LIMIT ?2 FOR UPDATE OF r SKIP LOCKED"""
                    .formatted(CommonStatements.CLAIMED_COLUMNS);

    /** With arrays, one statement for the batch instead of one per record. */
    static final String MARK_DISPATCHED =
            "UPDATE outbox_record SET status = 'DISPATCHED', dispatched_at = ? WHERE id = ANY(?)";

    static final String MARK_DELETED = "DELETE FROM outbox_record WHERE id = ANY(?)";

    /**
     * The rows to delete are selected once, into an array ({@code = ANY(ARRAY(...))}): an {@code IN
     * (SELECT ...)} is a join, whose plan follows the estimates, and the benchmark once saw such a
     * purge run for minutes at full CPU on a table just truncated and filled with 100,000 pending
     * records, holding the relay's runner meanwhile. The array form runs the selection exactly once
     * whatever the estimates.
     */
    static final String PURGE =
            """
            DELETE FROM outbox_record WHERE id = ANY(ARRAY(SELECT id FROM outbox_record
              WHERE status = 'DISPATCHED' AND dispatched_at < ?1 LIMIT ?2))""";

    /** As {@link #PURGE}. */
    static final String PROCESSED_PURGE =
            """
            DELETE FROM outbox_processed WHERE ctid = ANY(ARRAY(SELECT ctid FROM outbox_processed
              WHERE processed_at < ?1 LIMIT ?2))""";

    static final String PAUSE_INSERT_IF_ABSENT =
            """
            INSERT INTO outbox_pause (destination, paused_at, paused_by) VALUES (?, ?, ?)
            ON CONFLICT DO NOTHING""";

    static final String PROCESSED_INSERT_IF_ABSENT =
            """
            INSERT INTO outbox_processed (consumer, message_id, processed_at) VALUES (?, ?, ?)
            ON CONFLICT DO NOTHING""";

    static final String INBOX_KEY_INSERT_IF_ABSENT =
            """
            INSERT INTO outbox_inbox_key (consumer, aggregate_type, aggregate_id, last_seq,
              updated_at)
            VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""";

    /**
     * @param archive whether dispatched records move to the archive ({@link ArchiveStatements})
     */
    PostgreSqlDialect(boolean archive) {
        super("postgresql", "postgresql", statements(archive));
    }

    private static Map<Statement, String> statements(boolean archive) {
        Map<Statement, String> own = new EnumMap<>(OWN);
        if (archive) {
            own.putAll(ArchiveStatements.ALL);
        }
        return own;
    }

    private static final Map<Statement, String> OWN =
            Map.ofEntries(
                    Map.entry(Statement.APPEND, APPEND),
                    Map.entry(Statement.BEFORE_CLAIM, BEFORE_CLAIM),
                    Map.entry(Statement.CLAIM_HOLD_UNSENT, CLAIM_HOLD_UNSENT),
                    Map.entry(Statement.CLAIM_HOLD_PENDING, CLAIM_HOLD_PENDING),
                    Map.entry(Statement.MARK_DISPATCHED, MARK_DISPATCHED),
                    Map.entry(Statement.MARK_DELETED, MARK_DELETED),
                    Map.entry(Statement.PURGE, PURGE),
                    Map.entry(Statement.PROCESSED_PURGE, PROCESSED_PURGE),
                    Map.entry(Statement.PAUSE_INSERT_IF_ABSENT, PAUSE_INSERT_IF_ABSENT),
                    Map.entry(Statement.PROCESSED_INSERT_IF_ABSENT, PROCESSED_INSERT_IF_ABSENT),
                    Map.entry(Statement.INBOX_KEY_INSERT_IF_ABSENT, INBOX_KEY_INSERT_IF_ABSENT));

    @Override
    boolean arrays() {
        return true;
    }
}
