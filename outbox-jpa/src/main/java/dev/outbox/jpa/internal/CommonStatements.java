package dev.outbox.jpa.internal;

import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The statements that are the same on every database ({@link #ALL}), and those several dialects
 * share, as named constants for the dialects to list.
 */
final class CommonStatements {

    private CommonStatements() {}

    /**
     * A whole record's columns, named: a statement that reads a record never says {@code *}, whose
     * columns follow the table's physical order. That order changes when a column is dropped and
     * added again, and H2 reads a prepared statement's later results by the column positions of its
     * first.
     */
    static final String RECORD_COLUMNS = columns("");

    /** {@link #RECORD_COLUMNS} of the claims' record {@code r}. */
    static final String CLAIMED_COLUMNS = columns("r.");

    private static String columns(String alias) {
        return Schema.TABLES.get("outbox_record").stream()
                .map(c -> alias + c)
                .collect(Collectors.joining(", "));
    }

    static final String APPEND_NUMBERED =
            """
            INSERT INTO outbox_record (id, aggregate_type, aggregate_id, seq, event_type,
              event_version, destination, content_type, payload, headers, status, attempts,
              written_at, next_attempt_at, deliver_at)
            VALUES (?3, ?1, ?2, ?11, ?4, ?5, ?6, ?7, ?8, ?9, 'PENDING', 0, ?10, ?12, ?13)""";

    /** H2's and MariaDB's claims, where FAILED and QUARANTINED records hold their key. */
    static final String LIMIT_CLAIM_HOLD_UNSENT =
            """
            SELECT %s FROM outbox_record r
            WHERE r.status = 'PENDING' AND r.next_attempt_at <= ?1
              AND NOT EXISTS (SELECT 1 FROM outbox_pause z WHERE z.destination = r.destination)
              AND NOT EXISTS (SELECT 1 FROM outbox_record p
                WHERE p.aggregate_type = r.aggregate_type AND p.aggregate_id = r.aggregate_id
                  AND p.seq < r.seq AND p.status NOT IN ('DISPATCHED', 'SKIPPED'))
            ORDER BY r.next_attempt_at LIMIT ?2 FOR UPDATE SKIP LOCKED"""
                    .formatted(CLAIMED_COLUMNS);

    /** H2's and MariaDB's claims, where only PENDING records hold their key. */
    static final String LIMIT_CLAIM_HOLD_PENDING =
            """
            SELECT %s FROM outbox_record r
            WHERE r.status = 'PENDING' AND r.next_attempt_at <= ?1
              AND NOT EXISTS (SELECT 1 FROM outbox_pause z WHERE z.destination = r.destination)
              AND NOT EXISTS (SELECT 1 FROM outbox_record p
                WHERE p.aggregate_type = r.aggregate_type AND p.aggregate_id = r.aggregate_id
                  AND p.seq < r.seq AND p.status = 'PENDING')
            ORDER BY r.next_attempt_at LIMIT ?2 FOR UPDATE SKIP LOCKED"""
                    .formatted(CLAIMED_COLUMNS);

    static final String LIMIT_PURGE =
            """
            DELETE FROM outbox_record WHERE status = 'DISPATCHED' AND dispatched_at < ?1
            LIMIT ?2""";

    static final String LIMIT_PROCESSED_PURGE =
            "DELETE FROM outbox_processed WHERE processed_at < ?1 LIMIT ?2";

    /** The statements every database runs as written. */
    static final Map<Statement, String> ALL = new EnumMap<>(Statement.class);

    static {
        ALL.put(Statement.APPEND_NUMBERED, APPEND_NUMBERED);
        ALL.put(
                Statement.KEY_INSERT,
                "INSERT INTO outbox_key (aggregate_type, aggregate_id, last_seq) VALUES (?, ?, ?)");
        ALL.put(
                Statement.KEY_EXISTS,
                "SELECT 1 FROM outbox_key WHERE aggregate_type = ? AND aggregate_id = ?");
        ALL.put(
                Statement.KEY_INCREMENT,
                """
                UPDATE outbox_key SET last_seq = last_seq + 1
                WHERE aggregate_type = ? AND aggregate_id = ?""");
        ALL.put(
                Statement.KEY_READ,
                "SELECT last_seq FROM outbox_key WHERE aggregate_type = ? AND aggregate_id = ?");
        ALL.put(
                Statement.LOCK_CANDIDATE,
                """
                UPDATE outbox_record SET attempts = attempts
                WHERE id = ? AND status = 'PENDING' AND next_attempt_at <= ?""");
        ALL.put(
                Statement.READ_RECORD,
                "SELECT " + RECORD_COLUMNS + " FROM outbox_record WHERE id = ?");
        ALL.put(
                Statement.MARK_DISPATCHED,
                "UPDATE outbox_record SET status = 'DISPATCHED', dispatched_at = ? WHERE id = ?");
        ALL.put(Statement.MARK_DELETED, "DELETE FROM outbox_record WHERE id = ?");
        ALL.put(
                Statement.ATTEMPT_FAILED_RETRY,
                """
                UPDATE outbox_record SET attempts = ?, status = ?, last_error = ?,
                  next_attempt_at = ?
                WHERE id = ? AND status = 'PENDING' AND attempts = ?""");
        ALL.put(
                Statement.ATTEMPT_FAILED_FINAL,
                """
                UPDATE outbox_record SET attempts = ?, status = ?, last_error = ?
                WHERE id = ? AND status = 'PENDING' AND attempts = ?""");
        ALL.put(
                Statement.PURGE_ONE,
                "DELETE FROM outbox_record WHERE id = ? AND status = 'DISPATCHED'");
        // every RecordStatus (RecordRowsTest checks); the column is NOT NULL, so no null guard
        ALL.put(
                Statement.UNKNOWN_STATUS,
                """
                SELECT id, status FROM outbox_record
                WHERE status NOT IN ('PENDING', 'DISPATCHED', 'FAILED', 'QUARANTINED', 'SKIPPED')""");
        ALL.put(
                Statement.QUARANTINE_UNKNOWN,
                """
                UPDATE outbox_record SET status = 'QUARANTINED', last_error = ?
                WHERE id = ? AND status = ?""");
        ALL.put(
                Statement.RETRY,
                """
                UPDATE outbox_record SET status = 'PENDING', attempts = 0, next_attempt_at = ?
                WHERE id = ? AND status IN ('FAILED', 'QUARANTINED')""");
        ALL.put(
                Statement.KEY_EARLIER_UNSENT,
                """
                SELECT 1 FROM outbox_record
                WHERE aggregate_type = ? AND aggregate_id = ? AND seq < ?
                  AND status NOT IN ('DISPATCHED', 'SKIPPED')""");
        ALL.put(
                Statement.KEY_LATER,
                """
                SELECT id, status, headers FROM outbox_record
                WHERE aggregate_type = ? AND aggregate_id = ? AND seq > ? ORDER BY seq""");
        ALL.put(
                Statement.KEY_DISPATCHED,
                """
                SELECT id, status FROM outbox_record
                WHERE aggregate_type = ? AND aggregate_id = ? AND seq BETWEEN ? AND ?
                  AND status = 'DISPATCHED'
                ORDER BY seq""");
        ALL.put(
                Statement.SKIP,
                "UPDATE outbox_record SET status = 'SKIPPED' WHERE id = ? AND status = ?");
        ALL.put(Statement.SET_HEADERS, "UPDATE outbox_record SET headers = ? WHERE id = ?");
        ALL.put(
                Statement.REPLAY,
                """
                UPDATE outbox_record SET status = 'PENDING', attempts = 0, next_attempt_at = ?,
                  last_error = NULL
                WHERE id = ? AND status = 'DISPATCHED'""");
        ALL.put(Statement.DELETE, "DELETE FROM outbox_record WHERE id = ? AND status <> 'PENDING'");
        ALL.put(
                Statement.BACKLOG,
                """
                SELECT destination, status, COUNT(*) AS n,
                  MIN(COALESCE(deliver_at, written_at)) AS oldest
                FROM outbox_record WHERE status <> 'DISPATCHED' GROUP BY destination, status""");
        ALL.put(
                Statement.BLOCKED_HEADS,
                """
                SELECT h.id, h.aggregate_type, h.aggregate_id, h.seq, h.event_type,
                  h.event_version, h.destination, h.content_type, h.status, h.attempts,
                  h.written_at, h.next_attempt_at, h.deliver_at, h.dispatched_at, h.last_error,
                  (SELECT COUNT(*) FROM outbox_record p
                    WHERE p.aggregate_type = h.aggregate_type AND p.aggregate_id = h.aggregate_id
                      AND p.seq > h.seq AND p.status = 'PENDING') AS held,
                  (SELECT MIN(p.written_at) FROM outbox_record p
                    WHERE p.aggregate_type = h.aggregate_type AND p.aggregate_id = h.aggregate_id
                      AND p.seq > h.seq AND p.status = 'PENDING') AS oldest_held
                FROM outbox_record h
                WHERE h.status IN ('FAILED', 'QUARANTINED')
                  AND NOT EXISTS (SELECT 1 FROM outbox_record e
                    WHERE e.aggregate_type = h.aggregate_type AND e.aggregate_id = h.aggregate_id
                      AND e.seq < h.seq AND e.status NOT IN ('DISPATCHED', 'SKIPPED'))""");
        ALL.put(Statement.FIND_RECORDS, "SELECT " + RECORD_COLUMNS + " FROM outbox_record");
        ALL.put(
                Statement.FIND_SUMMARIES,
                """
                SELECT id, aggregate_type, aggregate_id, seq, event_type, event_version,
                  destination, content_type, status, attempts, written_at, next_attempt_at,
                  deliver_at, dispatched_at, last_error
                FROM outbox_record""");
        ALL.put(Statement.COUNT_RECORDS, "SELECT COUNT(*) FROM outbox_record");
        ALL.put(
                Statement.PAUSE_INSERT,
                "INSERT INTO outbox_pause (destination, paused_at, paused_by) VALUES (?, ?, ?)");
        ALL.put(Statement.PAUSE_EXISTS, "SELECT 1 FROM outbox_pause WHERE destination = ?");
        ALL.put(Statement.RESUME, "DELETE FROM outbox_pause WHERE destination = ?");
        ALL.put(
                Statement.RESUME_PAUSED_BY,
                "DELETE FROM outbox_pause WHERE paused_by = ? AND paused_at < ?");
        ALL.put(
                Statement.RESUME_ONE_PAUSED_BY,
                "DELETE FROM outbox_pause WHERE destination = ? AND paused_by = ?");
        ALL.put(Statement.PAUSED, "SELECT destination FROM outbox_pause");
        ALL.put(
                Statement.PROCESSED_INSERT,
                """
                INSERT INTO outbox_processed (consumer, message_id, processed_at)
                VALUES (?, ?, ?)""");
        ALL.put(
                Statement.PROCESSED_EXISTS,
                "SELECT 1 FROM outbox_processed WHERE consumer = ? AND message_id = ?");
        ALL.put(
                Statement.INBOX_KEY_INSERT,
                """
                INSERT INTO outbox_inbox_key (consumer, aggregate_type, aggregate_id, last_seq,
                  updated_at)
                VALUES (?, ?, ?, ?, ?)""");
        ALL.put(
                Statement.INBOX_KEY_EXISTS,
                """
                SELECT 1 FROM outbox_inbox_key
                WHERE consumer = ? AND aggregate_type = ? AND aggregate_id = ?""");
    }
}
