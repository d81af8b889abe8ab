package dev.outbox.jpa.internal;

import java.util.Locale;
import java.util.Optional;

import dev.outbox.cdi.internal.Msg;
import dev.outbox.cdi.internal.OutboxSettings;

/**
 * What differs between databases: the schema file, how the next sequence number of a key is taken,
 * and how the relay claims records without waiting for rows another relay holds.
 */
public enum Dialect {
    POSTGRESQL("postgresql") {
        @Override
        String nextSequence() {
            return "INSERT INTO outbox_key AS x (aggregate_type, aggregate_id, last_seq)"
                    + " VALUES (?1, ?2, 1) ON CONFLICT (aggregate_type, aggregate_id)"
                    + " DO UPDATE SET last_seq = x.last_seq + 1 RETURNING last_seq";
        }

        @Override
        boolean arrays() {
            return true;
        }

        /**
         * The key's next number and the record in one statement, one round trip: the benchmarks
         * measured the two statements at 0.54 of the order's throughput and this one at 0.59 to
         * 0.65 (docs/benchmarks.md).
         */
        @Override
        String append() {
            return "WITH k AS (" + nextSequence() + ") " + APPEND_SELECT + " FROM k";
        }

        /**
         * The conditions as scalar subqueries, not {@code NOT EXISTS}: PostgreSQL turns those into
         * anti-joins, misjudges them (an empty {@code outbox_pause} is estimated at 70 rows) and
         * then reads and sorts every pending record for each claim (0.8 s at 100,000 pending
         * records). As filters they leave one plan: walk the due index in order and stop after the
         * batch (7 ms).
         */
        @Override
        String claim() {
            return "SELECT r.* FROM outbox_record r"
                    + " WHERE r.status = 'PENDING' AND r.next_attempt_at <= ?1"
                    + " AND (SELECT 1 FROM outbox_pause z WHERE z.destination = r.destination) IS NULL"
                    + " AND (SELECT 1 FROM outbox_record p"
                    + " WHERE p.aggregate_type = r.aggregate_type AND p.aggregate_id = r.aggregate_id"
                    + " AND p.seq < r.seq AND p.status %s LIMIT 1) IS NULL"
                    + " ORDER BY r.next_attempt_at LIMIT ?2 FOR UPDATE OF r SKIP LOCKED";
        }

        /**
         * The planner cannot know that the claim stops early, so its cost estimate passes {@code
         * jit_above_cost} and each claim would spend most of a second compiling. And while the
         * statistics still describe an empty table (a burst of writes before the next analyze), it
         * may read the table once per candidate: the benchmark saw one claim take 9 minutes.
         *
         * <p>The relay's transaction also commits without waiting for its WAL to reach the disk: a
         * database crash can forget the last commits, and PostgreSQL then recovers as if they had
         * rolled back, so the records they marked are pending again and are sent again, as after a
         * relay crash between the broker's commit and the database's (the duplicate id and the
         * inbox absorb the copy). Nothing the application wrote is at stake, and the relay no
         * longer waits for a disk flush per batch nor makes the application's commits queue behind
         * its own. Prepared (XA) transactions are always flushed, whatever this says.
         *
         * <p>All settings last until the end of the relay's transaction.
         */
        @Override
        String beforeClaim() {
            return "SET LOCAL jit = off; SET LOCAL enable_seqscan = off;"
                    + " SET LOCAL synchronous_commit = off";
        }

        @Override
        String purge() {
            return "DELETE FROM outbox_record WHERE id IN (SELECT id FROM outbox_record"
                    + " WHERE status = 'DISPATCHED' AND dispatched_at < ?1 LIMIT ?2)";
        }
    },
    H2("h2") {
        @Override
        boolean qualifiedIndexNames() {
            return true;
        }

        @Override
        String claim() {
            return CLAIM_HEAD + " ORDER BY r.next_attempt_at LIMIT ?2 FOR UPDATE SKIP LOCKED";
        }
    },
    MARIADB("mariadb") {
        @Override
        String incrementSequence() {
            return "INSERT INTO outbox_key (aggregate_type, aggregate_id, last_seq) VALUES (?1, ?2, 1)"
                    + " ON DUPLICATE KEY UPDATE last_seq = last_seq + 1";
        }

        @Override
        String claim() {
            return CLAIM_HEAD + " ORDER BY r.next_attempt_at LIMIT ?2 FOR UPDATE SKIP LOCKED";
        }
    },
    MYSQL("mysql", "mariadb") {
        @Override
        String incrementSequence() {
            return MARIADB.incrementSequence();
        }

        @Override
        String claim() {
            return CLAIM_HEAD + " ORDER BY r.next_attempt_at LIMIT ?2 FOR UPDATE OF r SKIP LOCKED";
        }
    },
    DERBY("derby") {
        @Override
        boolean qualifiedIndexNames() {
            return true;
        }

        /** Derby has no SKIP LOCKED: candidates are read, then locked one by one. */
        @Override
        String claim() {
            return null;
        }

        @Override
        String candidates() {
            // read uncommitted: Derby's readers would wait for writers' new rows; a row read this
            // way is locked and checked again before it is claimed
            return CLAIM_HEAD.replace("SELECT r.*", "SELECT r.id")
                    + " ORDER BY r.next_attempt_at FETCH FIRST ?2 ROWS ONLY WITH UR";
        }

        /**
         * A {@code DELETE … WHERE id IN (SELECT …)} takes update locks on the rows it scans and
         * deadlocked with a claim's lock (found by the integration suite; Derby detects a deadlock
         * only after 20 s): the ids are read without locks, then each row is deleted by its key,
         * only while it is still dispatched.
         */
        @Override
        String purge() {
            return null;
        }

        @Override
        String purgeCandidates() {
            return "SELECT id FROM outbox_record WHERE status = 'DISPATCHED' AND dispatched_at < ?1"
                    + " FETCH FIRST ?2 ROWS ONLY WITH UR";
        }
    },
    ORACLE("oracle") {
        @Override
        boolean qualifiedIndexNames() {
            return true;
        }

        @Override
        String incrementSequence() {
            return "MERGE INTO outbox_key k USING (SELECT ?1 t, ?2 i FROM dual) s"
                    + " ON (k.aggregate_type = s.t AND k.aggregate_id = s.i)"
                    + " WHEN MATCHED THEN UPDATE SET k.last_seq = k.last_seq + 1"
                    + " WHEN NOT MATCHED THEN INSERT (aggregate_type, aggregate_id, last_seq)"
                    + " VALUES (s.t, s.i, 1)";
        }

        @Override
        String claim() {
            return CLAIM_HEAD + " ORDER BY r.next_attempt_at FOR UPDATE OF r.id SKIP LOCKED";
        }

        @Override
        String purge() {
            return "DELETE FROM outbox_record WHERE status = 'DISPATCHED' AND dispatched_at < ?1"
                    + " AND ROWNUM <= ?2";
        }
    },
    SQLSERVER("sqlserver") {
        @Override
        String incrementSequence() {
            return "MERGE INTO outbox_key WITH (HOLDLOCK) AS k USING (SELECT ?1 AS t, ?2 AS i) AS s"
                    + " ON k.aggregate_type = s.t AND k.aggregate_id = s.i"
                    + " WHEN MATCHED THEN UPDATE SET last_seq = k.last_seq + 1"
                    + " WHEN NOT MATCHED THEN INSERT (aggregate_type, aggregate_id, last_seq)"
                    + " VALUES (s.t, s.i, 1);";
        }

        @Override
        String claim() {
            return "SELECT TOP (?2) r.* FROM outbox_record r WITH (UPDLOCK, ROWLOCK, READPAST)"
                    + CLAIM_HEAD.substring(CLAIM_HEAD.indexOf(" WHERE"))
                    + " ORDER BY r.next_attempt_at";
        }

        @Override
        String purge() {
            return "DELETE TOP (?2) FROM outbox_record WHERE status = 'DISPATCHED'"
                    + " AND dispatched_at < ?1";
        }
    };

    /**
     * Due pending records, of destinations not paused, that are the first unsent record of their
     * key. A key's later records wait while an earlier one is pending (even if locked by another
     * relay), failed or quarantined.
     */
    static final String CLAIM_HEAD =
            "SELECT r.* FROM outbox_record r"
                    + " WHERE r.status = 'PENDING' AND r.next_attempt_at <= ?1"
                    + " AND NOT EXISTS (SELECT 1 FROM outbox_pause z WHERE z.destination = r.destination)"
                    + " AND NOT EXISTS (SELECT 1 FROM outbox_record p"
                    + " WHERE p.aggregate_type = r.aggregate_type AND p.aggregate_id = r.aggregate_id"
                    + " AND p.seq < r.seq AND p.status %s)";

    /** Statuses of earlier records that hold a key: unsent ones, or only pending ones. */
    static final String HOLD_ALL = "<> 'DISPATCHED'";

    static final String HOLD_PENDING = "= 'PENDING'";

    private final String name;
    private final String schemaName;

    Dialect(String name) {
        this(name, name);
    }

    Dialect(String name, String schemaName) {
        this.name = name;
        this.schemaName = schemaName;
    }

    /**
     * @return the name used in {@code outbox.database}
     */
    public String configName() {
        return name;
    }

    /**
     * @return the classpath resource holding this database's DDL
     */
    public String schemaResource() {
        return "META-INF/outbox/schema/" + schemaName + ".sql";
    }

    /**
     * @return one statement that takes the next sequence number of key (?1, ?2) and returns it, or
     *     {@code null} when the dialect needs {@link #incrementSequence()} and a select
     */
    String nextSequence() {
        return null;
    }

    /**
     * @return whether statements may take a list of ids as one array parameter ({@code id =
     *     ANY(?)})
     */
    boolean arrays() {
        return false;
    }

    /**
     * @return whether an index lives in a schema and is named with it ({@code CREATE INDEX s.name
     *     ON s.table}), rather than belonging to its table's schema
     */
    boolean qualifiedIndexNames() {
        return false;
    }

    private static final String APPEND_COLUMNS =
            "INSERT INTO outbox_record (id, aggregate_type, aggregate_id, seq, event_type,"
                    + " event_version, destination, content_type, payload, headers, status,"
                    + " attempts, written_at, next_attempt_at)";

    /** The record's insert, its number taken from a relation {@code k(last_seq)}. */
    private static final String APPEND_SELECT =
            APPEND_COLUMNS
                    + " SELECT ?3, ?1, ?2, k.last_seq, ?4, ?5, ?6, ?7, ?8, ?9, 'PENDING', 0, ?10, ?10";

    /** The record's insert with its number given (?11): the placeholders of {@link #append()}. */
    static final String APPEND_NUMBERED =
            APPEND_COLUMNS
                    + " VALUES (?3, ?1, ?2, ?11, ?4, ?5, ?6, ?7, ?8, ?9, 'PENDING', 0, ?10, ?10)";

    /**
     * @return one statement that takes the next sequence number of key (?1, ?2) and inserts the
     *     record (?3 id, ?4 event type, ?5 version, ?6 destination, ?7 content type, ?8 payload, ?9
     *     headers, ?10 time written) as PENDING with that number; or {@code null} when the dialect
     *     has none, and the record is inserted by {@link #APPEND_NUMBERED} after {@link
     *     #nextSequence()}
     */
    String append() {
        return null;
    }

    /**
     * @return a statement that increments (or creates at 1) the sequence of key (?1, ?2)
     *     atomically, or {@code null} when the database has no such statement: then the sequence is
     *     incremented by an update, or created by an insert that may lose a race to another writer
     *     (a failed statement does not end the transaction on these databases) after which the
     *     update is repeated
     */
    String incrementSequence() {
        return null;
    }

    /**
     * @return the claim query: due records (?1 = now), at most ?2, locked, skipping locked
     */
    abstract String claim();

    /**
     * @return a statement to run in the relay's transaction before its claim, or {@code null}
     */
    String beforeClaim() {
        return null;
    }

    /**
     * @param holdFailedHeads whether FAILED and QUARANTINED records hold their key
     * @return the claim query for that policy, or {@code null} when the dialect claims through
     *     {@link #candidates(boolean)}
     */
    String claim(boolean holdFailedHeads) {
        String claim = claim();
        return claim == null
                ? null
                : String.format(claim, holdFailedHeads ? HOLD_ALL : HOLD_PENDING);
    }

    /**
     * @return for databases without {@code SKIP LOCKED}: the ids of due head records (?1 = now, at
     *     most ?2), read without locks; each is then locked by a conditional update
     */
    String candidates() {
        return null;
    }

    /**
     * @param holdFailedHeads whether FAILED and QUARANTINED records hold their key
     * @return {@link #candidates()} for that policy
     */
    String candidates(boolean holdFailedHeads) {
        return String.format(candidates(), holdFailedHeads ? HOLD_ALL : HOLD_PENDING);
    }

    /**
     * @param table a table
     * @param columns its columns to insert, comma-separated
     * @param count the number of columns
     * @return an insert that does nothing (and returns 0) when the row's key exists, waiting for a
     *     concurrent inserter to end; or {@code null} when the database has none, and a plain
     *     insert must catch the duplicate
     */
    String insertIfAbsent(String table, String columns, int count) {
        return switch (this) {
            case POSTGRESQL ->
                    "INSERT INTO "
                            + table
                            + " ("
                            + columns
                            + ") VALUES ("
                            + marks(count)
                            + ")"
                            + " ON CONFLICT DO NOTHING";
            case MARIADB, MYSQL ->
                    "INSERT IGNORE INTO "
                            + table
                            + " ("
                            + columns
                            + ") VALUES ("
                            + marks(count)
                            + ")";
            default -> null;
        };
    }

    private static String marks(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    /**
     * @param table a table
     * @param column its time column
     * @return a statement deleting at most ?2 rows whose time is before ?1
     */
    String purgeOlder(String table, String column) {
        return switch (this) {
            case POSTGRESQL ->
                    "DELETE FROM "
                            + table
                            + " WHERE ctid IN (SELECT ctid FROM "
                            + table
                            + " WHERE "
                            + column
                            + " < ?1 LIMIT ?2)";
            case DERBY ->
                    "DELETE FROM "
                            + table
                            + " WHERE "
                            + column
                            + " < ?1 AND "
                            + column
                            + " IN (SELECT "
                            + column
                            + " FROM "
                            + table
                            + " WHERE "
                            + column
                            + " < ?1 FETCH FIRST ?2 ROWS ONLY)";
            case ORACLE -> "DELETE FROM " + table + " WHERE " + column + " < ?1 AND ROWNUM <= ?2";
            case SQLSERVER -> "DELETE TOP (?2) FROM " + table + " WHERE " + column + " < ?1";
            default -> "DELETE FROM " + table + " WHERE " + column + " < ?1 LIMIT ?2";
        };
    }

    /**
     * @return where {@link #purge()} is {@code null}: the ids of at most ?2 records dispatched
     *     before ?1, read without locks, each then deleted by its key
     */
    String purgeCandidates() {
        return null;
    }

    /**
     * @return a statement deleting at most ?2 records dispatched before ?1, or {@code null} when
     *     the dialect purges through {@link #purgeCandidates()}
     */
    String purge() {
        return "DELETE FROM outbox_record WHERE status = 'DISPATCHED' AND dispatched_at < ?1"
                + " LIMIT ?2";
    }

    /**
     * Chooses the dialect from configuration, else from the JDBC product name.
     *
     * @param settings the configuration, possibly naming the database
     * @param productName the JDBC {@code DatabaseMetaData.getDatabaseProductName()}
     * @return the dialect
     * @throws IllegalStateException naming the database when it is not supported
     */
    public static Dialect choose(OutboxSettings settings, String productName) {
        Optional<String> configured = settings.database();
        if (configured.isPresent()) {
            for (Dialect d : values()) {
                if (d.name.equals(configured.get())) {
                    return d;
                }
            }
        }
        String p = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        if (p.contains("postgres")) {
            return POSTGRESQL;
        }
        if (p.contains("mariadb")) {
            return MARIADB;
        }
        if (p.contains("mysql")) {
            return MYSQL;
        }
        if (p.equals("h2")) {
            return H2;
        }
        if (p.contains("derby")) {
            return DERBY;
        }
        if (p.contains("oracle")) {
            return ORACLE;
        }
        if (p.contains("microsoft sql server")) {
            return SQLSERVER;
        }
        throw new IllegalStateException(
                Msg.STORE_UNKNOWN_DATABASE.format(
                        productName, String.join(", ", OutboxSettings.DATABASES)));
    }
}
