package dev.outbox.faults;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The suite's own PostgreSQL cluster ("faults", port 5433, created by scripts/faults.sh), never the
 * machine's shared one: scenario 3 restarts it. Holds the outbox's tables and the ledgers.
 */
final class Database {

    static final int PORT = Integer.getInteger("faults.pg.port", 5433);
    static final String NAME = "outbox_faults";
    static final String VERSION = System.getProperty("faults.pg.version", "15");
    static final String CLUSTER = "faults";

    private Database() {}

    /**
     * The URL of a database of the cluster as the servers name it: the primary and its standby
     * ({@link Standby}, scenario 8), whichever is the primary; the standby's port refuses
     * connections in every other scenario.
     *
     * @param database the database's name
     * @return the multi-host URL
     */
    static String url(String database) {
        return "jdbc:postgresql://127.0.0.1:"
                + PORT
                + ",127.0.0.1:"
                + Standby.PORT
                + "/"
                + database
                + "?targetServerType=primary&hostRecheckSeconds=1";
    }

    /**
     * @return a connection to the suite's database as its owner, on whichever node is the primary
     */
    static Connection connect() throws SQLException {
        return DriverManager.getConnection(url(NAME), "outbox", "outbox");
    }

    /** Creates the database afresh: the outbox's tables (its shipped DDL) and the ledgers. */
    static void recreate() throws SQLException, IOException {
        try (Connection admin = DriverManager.getConnection(url("postgres"), "postgres", "");
                Statement s = admin.createStatement()) {
            // a killed server may have left prepared transactions, which would keep the database
            // busy
            try (ResultSet rs =
                    s.executeQuery(
                            "SELECT gid FROM pg_prepared_xacts WHERE database = '" + NAME + "'")) {
                while (rs.next()) {
                    rollbackPrepared(rs.getString(1));
                }
            }
            s.execute("DROP DATABASE IF EXISTS " + NAME + " WITH (FORCE)");
            s.execute(
                    "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'outbox')"
                            + " THEN CREATE ROLE outbox LOGIN PASSWORD 'outbox'; END IF; END $$");
            s.execute("CREATE DATABASE " + NAME + " OWNER outbox");
        }
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            // every version of the outbox schema, in order
            s.execute(resource("META-INF/outbox/schema/postgresql.sql"));
            s.execute(resource("META-INF/outbox/schema/postgresql-2.sql"));
            s.execute(resource("fault-tables.sql"));
        }
    }

    private static void rollbackPrepared(String gid) throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("ROLLBACK PREPARED '" + gid.replace("'", "''") + "'");
        }
    }

    /**
     * Stops the cluster as a crash would (immediate: no checkpoint, no flush of the WAL buffers;
     * open transactions are lost, prepared ones kept), keeps it down, and starts it again, which
     * runs crash recovery.
     *
     * @param outage how long it stays down
     */
    static void restart(Duration outage) throws Exception {
        ctl(CLUSTER, "stop", "-m", "immediate");
        Thread.sleep(outage.toMillis());
        ctl(CLUSTER, "start");
        Waits.until("the database to accept connections", Duration.ofMinutes(1), Database::up);
    }

    /**
     * Runs pg_ctlcluster on one of the suite's clusters.
     *
     * @param cluster the cluster: {@link #CLUSTER} or its standby's
     * @param action the action and its options, such as {@code stop -m fast}
     * @return what it printed
     */
    static String ctl(String cluster, String... action) throws Exception {
        String[] command = new String[4 + action.length];
        command[0] = "pg_ctlcluster";
        command[1] = "--skip-systemctl-redirect";
        command[2] = VERSION;
        command[3] = cluster;
        System.arraycopy(action, 0, command, 4, action.length);
        return Commands.run(command);
    }

    static boolean up() {
        try (Connection c = connect()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * @return the transactions prepared in the suite's database (XA branches in doubt or about to
     *     commit)
     */
    static long prepared() throws SQLException {
        try (Connection c = connect();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT count(*) FROM pg_prepared_xacts WHERE database = ?")) {
            ps.setString(1, NAME);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * @param sql a query with one long result, with {@code ?} for the run
     * @param run the scenario run
     * @return the result
     */
    static long count(Connection c, String sql, String run) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 1; i <= ps.getParameterMetaData().getParameterCount(); i++) {
                ps.setString(i, run);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * @param sql a count whose first parameter is the run and whose second is a time
     * @return the count, on a connection of its own
     */
    static long count(String sql, String run, java.time.Instant at) throws SQLException {
        try (Connection c = connect();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, run);
            ps.setObject(2, java.time.OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = Database.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * @return the server's version string
     */
    static String version() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
