package dev.outbox.jpa.internal;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * PostgreSQL's statements with {@code outbox.retention.archive=daily}: marking a record dispatched
 * moves it into {@code outbox_archive}, a table partitioned by the day of {@code dispatched_at}
 * ({@code postgresql-archive.sql}); the operator's reads see both tables; replaying or deleting an
 * archived record moves it back or deletes it there. {@link ArchiveDays} keeps the partitions.
 */
final class ArchiveStatements {

    private ArchiveStatements() {}

    private static final List<String> COLUMNS = Schema.TABLES.get("outbox_record");

    /** The records of both tables, as a table {@code r} of the record's named columns. */
    static final String HISTORY =
            """
            (SELECT %1$s FROM outbox_record UNION ALL SELECT %1$s FROM outbox_archive) r"""
                    .formatted(CommonStatements.RECORD_COLUMNS);

    /**
     * @param set column to the expression that replaces it; the others are the row's own ({@code
     *     m.column})
     * @return the record's columns as a SELECT list over the moved rows {@code m}
     */
    private static String moved(Map<String, String> set) {
        return COLUMNS.stream()
                .map(c -> set.getOrDefault(c, "m." + c))
                .collect(Collectors.joining(", "));
    }

    /** Moves a batch into the archive: time, array of ids (the relay's mark). */
    static final String MARK_DISPATCHED =
            """
            WITH t AS (SELECT CAST(? AS TIMESTAMP WITH TIME ZONE) AS at),
            m AS (DELETE FROM outbox_record WHERE id = ANY(?) RETURNING %s)
            INSERT INTO outbox_archive (%s) SELECT %s FROM m, t"""
                    .formatted(
                            CommonStatements.RECORD_COLUMNS,
                            CommonStatements.RECORD_COLUMNS,
                            moved(Map.of("status", "'DISPATCHED'", "dispatched_at", "t.at")));

    /** An archived record moved back, pending again: now, id (an operator's replay). */
    static final String REPLAY =
            """
            WITH t AS (SELECT CAST(? AS TIMESTAMP WITH TIME ZONE) AS at),
            m AS (DELETE FROM outbox_archive WHERE id = ? RETURNING %s)
            INSERT INTO outbox_record (%s) SELECT %s FROM m, t"""
                    .formatted(
                            CommonStatements.RECORD_COLUMNS,
                            CommonStatements.RECORD_COLUMNS,
                            moved(
                                    Map.of(
                                            "status", "'PENDING'",
                                            "attempts", "0",
                                            "next_attempt_at", "t.at",
                                            "last_error", "NULL")));

    /** As PostgreSQL's purge, its selection run once ({@link PostgreSqlDialect#PURGE}). */
    static final String PURGE =
            """
            DELETE FROM outbox_archive_default WHERE ctid = ANY(ARRAY(SELECT ctid
              FROM outbox_archive_default WHERE dispatched_at < ?1 LIMIT ?2))""";

    static final String PARTITIONS =
            """
            SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = CAST(? AS regclass)""";

    static final String LAYOUT =
            "SELECT partdefid <> 0 FROM pg_partitioned_table WHERE partrelid = CAST(? AS regclass)";

    /**
     * A lock held to the end of the transaction, by one server at a time (a number of our own); and
     * a DDL statement that waits for a lock gives up after a second rather than queue the relay's
     * marks behind it: the next housekeeping tries again.
     */
    static final String LOCK =
            "SELECT pg_try_advisory_xact_lock(7235896413), set_config('lock_timeout', '1s', true)";

    /** Created apart, then attached: attaching does not stop the relay's marks meanwhile. */
    static final String NEW_DAY =
            "CREATE TABLE %s (LIKE outbox_archive INCLUDING DEFAULTS INCLUDING CONSTRAINTS)";

    static final String ATTACH_DAY =
            "ALTER TABLE outbox_archive ATTACH PARTITION %s FOR VALUES FROM ('%s') TO ('%s')";

    static final String DETACH_DAY = "ALTER TABLE outbox_archive DETACH PARTITION %s";

    static final String DROP_DAY = "DROP TABLE %s";

    /** The statements added to, or replacing, PostgreSQL's. */
    static final Map<Statement, String> ALL = new EnumMap<>(Statement.class);

    static {
        ALL.put(Statement.MARK_DISPATCHED, MARK_DISPATCHED);
        ALL.put(
                Statement.READ_RECORD,
                "SELECT %s FROM %s WHERE id = ?"
                        .formatted(CommonStatements.RECORD_COLUMNS, HISTORY));
        ALL.put(
                Statement.KEY_DISPATCHED,
                """
                SELECT id, status FROM %s
                WHERE aggregate_type = ? AND aggregate_id = ? AND seq BETWEEN ? AND ?
                  AND status = 'DISPATCHED'
                ORDER BY seq"""
                        .formatted(HISTORY));
        ALL.put(
                Statement.FIND_RECORDS,
                "SELECT %s FROM %s".formatted(CommonStatements.RECORD_COLUMNS, HISTORY));
        ALL.put(
                Statement.FIND_SUMMARIES,
                CommonStatements.ALL
                        .get(Statement.FIND_SUMMARIES)
                        .replace("FROM outbox_record", "FROM " + HISTORY));
        ALL.put(Statement.COUNT_RECORDS, "SELECT COUNT(*) FROM " + HISTORY);
        ALL.put(Statement.ARCHIVE_REPLAY, REPLAY);
        ALL.put(Statement.ARCHIVE_DELETE, "DELETE FROM outbox_archive WHERE id = ?");
        ALL.put(Statement.ARCHIVE_PURGE, PURGE);
        ALL.put(Statement.ARCHIVE_PARTITIONS, PARTITIONS);
        ALL.put(Statement.ARCHIVE_LAYOUT, LAYOUT);
        ALL.put(Statement.ARCHIVE_LOCK, LOCK);
        ALL.put(Statement.ARCHIVE_NEW_DAY, NEW_DAY);
        ALL.put(Statement.ARCHIVE_ATTACH_DAY, ATTACH_DAY);
        ALL.put(Statement.ARCHIVE_DETACH_DAY, DETACH_DAY);
        ALL.put(Statement.ARCHIVE_DROP_DAY, DROP_DAY);
    }
}
