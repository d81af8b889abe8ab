package dev.outbox.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** The benchmark database: schema, seeding, counting, claim-query timing. */
final class Pg {

    static final String URL =
            System.getProperty("bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/outbox_bench");
    static final String USER = "outbox";
    static final String PASSWORD = "outbox";

    /**
     * The relay's claim with the default hold policy in its {@code NOT EXISTS} form (as H2 and
     * MariaDB still run it); outbox-jpa's PostgreSQL claim is {@code
     * PostgreSqlDialect.CLAIM_HOLD_UNSENT}, rendered in {@code sql-snapshots/postgresql.sql}.
     */
    static final String CLAIM_HEAD =
            "SELECT r.* FROM %1$s.outbox_record r"
                    + " WHERE r.status = 'PENDING' AND r.next_attempt_at <= now()"
                    + " AND NOT EXISTS (SELECT 1 FROM %1$s.outbox_record p"
                    + " WHERE p.aggregate_type = r.aggregate_type AND p.aggregate_id = r.aggregate_id"
                    + " AND p.seq < r.seq AND p.status <> 'DISPATCHED')"
                    + " ORDER BY r.next_attempt_at LIMIT %2$d FOR UPDATE OF r SKIP LOCKED";

    /** The naive claim: due pending records, oldest first, no per-key head condition. */
    static final String CLAIM_PLAIN =
            "SELECT r.* FROM %1$s.outbox_record r"
                    + " WHERE r.status = 'PENDING' AND r.next_attempt_at <= now()"
                    + " ORDER BY r.next_attempt_at LIMIT %2$d FOR UPDATE OF r SKIP LOCKED";

    private static final AtomicLong RUN = new AtomicLong();

    private Pg() {}

    static Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(URL, USER, PASSWORD);
        c.setAutoCommit(true);
        return c;
    }

    static void exec(String... sql) throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    static long queryLong(String sql) throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String queryString(String sql) throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * Drops and creates the outbox's tables from the DDL shipped in outbox-jpa (public schema, read
     * by the Liberty relay), the same in schema {@code naive} (the baseline relay and the
     * plain-JDBC write baseline), and the business table in both.
     */
    static void resetSchema() throws SQLException, IOException {
        StringBuilder versions = new StringBuilder();
        // every version of the schema, in order
        for (String file : new String[] {"postgresql.sql", "postgresql-2.sql"}) {
            versions.append(ddl(file)).append('\n');
        }
        String ddl = versions.toString();
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS naive CASCADE");
            // every table the shipped DDL creates, whatever this version of it holds
            java.util.regex.Matcher m =
                    java.util.regex.Pattern.compile("CREATE TABLE (\\w+)").matcher(ddl);
            StringBuilder drop =
                    new StringBuilder(
                            "DROP TABLE IF EXISTS bench_order, txno_outbox, txno_version");
            while (m.find()) {
                drop.append(", ").append(m.group(1));
            }
            s.execute(drop + " CASCADE");
            for (String stmt : statements(ddl)) {
                s.execute(stmt);
            }
            String order =
                    "(id VARCHAR(36) NOT NULL PRIMARY KEY, customer VARCHAR(255), total DECIMAL(19, 2), placed_at TIMESTAMP(6) WITH TIME ZONE)";
            s.execute("CREATE TABLE bench_order " + order);
            s.execute("CREATE SCHEMA naive");
            s.execute("CREATE TABLE naive.outbox_record (LIKE public.outbox_record INCLUDING ALL)");
            s.execute("CREATE TABLE naive.outbox_key (LIKE public.outbox_key INCLUDING ALL)");
            s.execute("CREATE TABLE naive.bench_order " + order);
        }
    }

    /** Drops and creates the archive of outbox.retention.archive=daily from outbox-jpa's DDL. */
    static void createArchive() throws SQLException, IOException {
        exec("DROP TABLE IF EXISTS outbox_archive CASCADE");
        exec(statements(ddl("postgresql-archive.sql")).toArray(String[]::new));
    }

    /**
     * @return a DDL file of outbox-jpa ({@code META-INF/outbox/schema/<file>}), read from the
     *     classpath
     */
    static String ddl(String file) throws IOException {
        try (InputStream in =
                Pg.class.getClassLoader().getResourceAsStream("META-INF/outbox/schema/" + file)) {
            if (in == null) {
                throw new IllegalStateException(
                        "outbox-jpa's " + file + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Fills the archive with {@code days} days of {@code perDay} DISPATCHED records each, the days
     * before today (UTC), each in a partition made as the relay makes them: a table of its own,
     * then attached, then filled.
     */
    static void seedArchive(int days, int perDay) throws SQLException {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        for (int i = days; i >= 1; i--) {
            java.time.LocalDate day = today.minusDays(i);
            String name = "outbox_archive_" + day.toString().replace("-", "");
            exec(
                    "CREATE TABLE "
                            + name
                            + " (LIKE outbox_archive INCLUDING DEFAULTS INCLUDING CONSTRAINTS)",
                    "ALTER TABLE outbox_archive ATTACH PARTITION "
                            + name
                            + " FOR VALUES FROM ('"
                            + day
                            + " 00:00:00+00') TO ('"
                            + day.plusDays(1)
                            + " 00:00:00+00')",
                    "INSERT INTO outbox_archive (id, aggregate_type, aggregate_id, seq, event_type,"
                            + " event_version, destination, content_type, payload, headers, status,"
                            + " attempts, written_at, next_attempt_at, dispatched_at)"
                            + " SELECT '"
                            + name.substring(15)
                            + "-' || g, 'Order', 'h' || (g % 100000), g / 100000 + 1,"
                            + " 'OrderPlaced', 1, 'bench.orders', 'application/json',"
                            + " '{\"customer\":\"bench\",\"firedAt\":0,\"orderId\":\"h' || (g % 100000)"
                            + " || '\",\"total\":42.50}', NULL, 'DISPATCHED', 1, t, t, t"
                            + " FROM (SELECT g, TIMESTAMPTZ '"
                            + day
                            + " 00:00:00+00' + g * (interval '86399 seconds' / "
                            + perDay
                            + ") AS t FROM generate_series(0, "
                            + (perDay - 1)
                            + ") g) s",
                    "VACUUM ANALYZE " + name);
        }
    }

    /**
     * @return the name of the archive's oldest day partition
     */
    static String oldestArchiveDay() throws SQLException {
        return queryString(
                "SELECT min(c.relname) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                        + " WHERE i.inhparent = 'outbox_archive'::regclass"
                        + " AND c.relname ~ '^outbox_archive_[0-9]{8}$'");
    }

    static List<String> statements(String ddl) {
        StringBuilder clean = new StringBuilder();
        for (String line : ddl.split("\n")) {
            if (!line.trim().startsWith("--")) {
                clean.append(line).append('\n');
            }
        }
        List<String> out = new ArrayList<>();
        for (String s : clean.toString().split(";")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    /**
     * Inserts records in one transaction with generate_series: {@code keys} new keys (a prefix
     * unique to this call), each with {@code history} DISPATCHED records (seq 1..history) followed
     * by {@code pending} PENDING ones, numbered without gaps and recorded in outbox_key. Ids are
     * time-ordered like the library's UUIDv7 and unique across calls (the broker's duplicate
     * detection remembers ids). Records are written key after key round-robin, oldest first.
     *
     * @return the number of pending records
     */
    static long seed(String schema, int keys, int history, int pending) throws SQLException {
        seedDue(schema, keys, history, pending, -3600);
        return (long) keys * pending;
    }

    /**
     * Like {@link #seed}, with the records due {@code dueInSeconds} after the seed's transaction
     * started (negative: already due).
     *
     * @return when they are due, epoch milliseconds
     */
    static long seedDue(String schema, int keys, int history, int pending, int dueInSeconds)
            throws SQLException {
        long run = System.currentTimeMillis() * 1000 + RUN.incrementAndGet() % 1000;
        String prefix = "k" + Long.toString(run, 36) + "-";
        long total = (long) keys * (history + pending);
        long dispatched = (long) keys * history;
        String hex = "lpad(to_hex(" + run + "::bigint), 14, '0') || lpad(to_hex(g), 18, '0')";
        String id =
                "substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-' || substr(h, 13, 4) || '-' || substr(h, 17, 4) || '-' || substr(h, 21, 12)";
        String sql =
                "INSERT INTO "
                        + schema
                        + ".outbox_record (id, aggregate_type, aggregate_id, seq, event_type,"
                        + " event_version, destination, content_type, payload, headers, status, attempts,"
                        + " written_at, next_attempt_at, dispatched_at)"
                        + " SELECT "
                        + id
                        + ", 'Order', '"
                        + prefix
                        + "' || (g % "
                        + keys
                        + "), (g / "
                        + keys
                        + ") + 1,"
                        + " 'OrderPlaced', 1, 'bench.orders', 'application/json',"
                        + " '{\"customer\":\"bench\",\"firedAt\":0,\"orderId\":\""
                        + prefix
                        + "' || (g % "
                        + keys
                        + ")"
                        + " || '\",\"total\":42.50}', NULL,"
                        + " CASE WHEN g < "
                        + dispatched
                        + " THEN 'DISPATCHED' ELSE 'PENDING' END, 0,"
                        + " t + g * interval '1 microsecond', t + g * interval '1 microsecond',"
                        + " CASE WHEN g < "
                        + dispatched
                        + " THEN t + g * interval '1 microsecond' END"
                        + " FROM (SELECT g, "
                        + hex
                        + " AS h, now() + interval '"
                        + dueInSeconds
                        + " seconds' AS t"
                        + " FROM generate_series(0, "
                        + (total - 1)
                        + ") g) s";
        String keySql =
                "INSERT INTO "
                        + schema
                        + ".outbox_key (aggregate_type, aggregate_id, last_seq)"
                        + " SELECT 'Order', '"
                        + prefix
                        + "' || k, "
                        + (history + pending)
                        + " FROM generate_series(0, "
                        + (keys - 1)
                        + ") k";
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            long due;
            try (Statement s = c.createStatement()) {
                try (ResultSet rs =
                        s.executeQuery(
                                "SELECT (extract(epoch from now()) * 1000)::bigint + "
                                        + dueInSeconds * 1000L)) {
                    rs.next();
                    due = rs.getLong(1);
                }
                s.execute(keySql);
                s.execute(sql);
            }
            c.commit();
            return due;
        }
    }

    static void vacuum(String... tables) throws SQLException {
        for (String t : tables) {
            exec("VACUUM ANALYZE " + t);
        }
    }

    static boolean anyPending(Connection c, String schema) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT EXISTS (SELECT 1 FROM "
                                        + schema
                                        + ".outbox_record WHERE status = 'PENDING')")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /**
     * Times a claim query (locks taken, then rolled back), {@code times} times.
     *
     * @return the durations in milliseconds
     */
    static List<Double> timeClaim(String template, String schema, int limit, int times)
            throws SQLException {
        List<Double> ms = new ArrayList<>();
        String sql = String.format(template, schema, limit);
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            for (int i = 0; i < times; i++) {
                long t = System.nanoTime();
                int n = 0;
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery(sql)) {
                    while (rs.next()) {
                        n++;
                    }
                }
                ms.add((System.nanoTime() - t) / 1e6);
                c.rollback();
                if (n == 0) {
                    throw new IllegalStateException("the claim found nothing: " + sql);
                }
            }
        }
        return ms;
    }

    static String explain(String template, String schema, int limit) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement();
                    ResultSet rs =
                            s.executeQuery(
                                    "EXPLAIN (ANALYZE, BUFFERS) "
                                            + String.format(template, schema, limit))) {
                while (rs.next()) {
                    out.append(rs.getString(1)).append('\n');
                }
            }
            c.rollback();
        }
        return out.toString();
    }

    /**
     * One plain-JDBC business transaction, with or without the outbox's statement (the library's
     * PostgreSQL capture: the per-key sequence upsert and the record insert in one {@code WITH}).
     */
    static final class PlainWriter implements AutoCloseable {
        private final Connection c;
        private final PreparedStatement order;
        private final PreparedStatement record;

        PlainWriter() throws SQLException {
            c = connect();
            c.setAutoCommit(false);
            order =
                    c.prepareStatement(
                            "INSERT INTO naive.bench_order (id, customer, total, placed_at) VALUES (?, 'bench', 42.50, now())");
            record =
                    c.prepareStatement(
                            "WITH k AS (INSERT INTO naive.outbox_key (aggregate_type, aggregate_id, last_seq) VALUES ('Order', ?, 1)"
                                    + " ON CONFLICT (aggregate_type, aggregate_id) DO UPDATE SET last_seq = naive.outbox_key.last_seq + 1 RETURNING last_seq)"
                                    + " INSERT INTO naive.outbox_record (id, aggregate_type, aggregate_id, seq, event_type, event_version,"
                                    + " destination, content_type, payload, headers, status, attempts, written_at, next_attempt_at)"
                                    + " SELECT ?, 'Order', ?, k.last_seq, 'OrderPlaced', 1, 'bench.orders', 'application/json', ?, NULL,"
                                    + " 'PENDING', 0, now(), now() FROM k");
        }

        void write(boolean withOutbox) throws SQLException {
            String id = java.util.UUID.randomUUID().toString();
            order.setString(1, id);
            order.executeUpdate();
            if (withOutbox) {
                record.setString(1, id);
                record.setString(2, java.util.UUID.randomUUID().toString());
                record.setString(3, id);
                record.setString(4, Broker.payload(0, id));
                record.executeUpdate();
            }
            c.commit();
        }

        @Override
        public void close() throws SQLException {
            c.close();
        }
    }
}
