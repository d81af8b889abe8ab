package dev.outbox.jpa.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

import dev.outbox.cdi.internal.Durations;
import dev.outbox.cdi.internal.Msg;

/** Row operations the stores share. */
final class Rows {

    /** A table with a key, and its statements to insert a row and to find it by its key. */
    enum Keyed {
        KEY("outbox_key", Statement.KEY_INSERT, null, Statement.KEY_EXISTS, 2),
        PAUSE(
                "outbox_pause",
                Statement.PAUSE_INSERT,
                Statement.PAUSE_INSERT_IF_ABSENT,
                Statement.PAUSE_EXISTS,
                1),
        PROCESSED(
                "outbox_processed",
                Statement.PROCESSED_INSERT,
                Statement.PROCESSED_INSERT_IF_ABSENT,
                Statement.PROCESSED_EXISTS,
                2),
        INBOX_KEY(
                "outbox_inbox_key",
                Statement.INBOX_KEY_INSERT,
                Statement.INBOX_KEY_INSERT_IF_ABSENT,
                Statement.INBOX_KEY_EXISTS,
                3);

        final String table;
        final Statement insert;
        final Statement ifAbsent;
        final Statement exists;
        final int keyColumns;

        Keyed(
                String table,
                Statement insert,
                Statement ifAbsent,
                Statement exists,
                int keyColumns) {
            this.table = table;
            this.insert = insert;
            this.ifAbsent = ifAbsent;
            this.exists = exists;
            this.keyColumns = keyColumns;
        }
    }

    private Rows() {}

    /**
     * Inserts a row unless its key exists. Where the database has no such statement, a plain insert
     * that hits the key means either a committed row (done) or another transaction's row that is
     * not committed yet: then it waits, with growing pauses ({@link InsertWait}), as it may still
     * roll back.
     *
     * @param values the row's values, its key first
     * @param wait the longest wait for another transaction's row
     * @return whether this call inserted the row
     */
    static boolean insertIfAbsent(
            Connection c, Dialect d, Tables t, Keyed row, Object[] values, Duration wait)
            throws SQLException {
        String ifAbsent = row.ifAbsent == null ? null : d.sql(row.ifAbsent);
        if (ifAbsent != null) {
            return insert(c, d, t.qualify(ifAbsent), values) == 1;
        }
        String plain = t.qualify(d.sql(row.insert));
        InsertWait pauses = new InsertWait(wait, System::nanoTime);
        while (true) {
            try {
                return insert(c, d, plain, values) == 1;
            } catch (SQLException e) {
                if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                    throw e;
                }
            }
            if (exists(c, t.qualify(d.sql(row.exists)), values, row.keyColumns)) {
                return false;
            }
            long pause = pauses.nextPause();
            if (pause == 0) {
                break;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new SQLException(
                Msg.STORE_INSERT_WAIT.format(Durations.format(wait), t.name(row.table)));
    }

    static int insert(Connection c, Dialect d, String sql, Object[] values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(d, ps, values);
            return ps.executeUpdate();
        }
    }

    /** Binds values (strings, longs, instants or nulls) to the statement's parameters in order. */
    static void bind(Dialect d, PreparedStatement ps, Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v instanceof Instant t) {
                Times.bind(d, ps, i + 1, t);
            } else if (v instanceof Long l) {
                ps.setLong(i + 1, l);
            } else if (v == null) {
                ps.setNull(i + 1, java.sql.Types.VARCHAR);
            } else {
                ps.setString(i + 1, (String) v);
            }
        }
    }

    private static boolean exists(Connection c, String sql, Object[] values, int keyColumns)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < keyColumns; i++) {
                ps.setString(i + 1, (String) values[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
