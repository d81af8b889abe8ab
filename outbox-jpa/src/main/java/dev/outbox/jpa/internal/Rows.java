package dev.outbox.jpa.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Row operations the stores share. */
final class Rows {

    private Rows() {}

    /**
     * Inserts a row unless its key exists. The table is named as statements must name it (see
     * {@link Tables#name}). Where the database has no such statement, a plain insert that hits the
     * key means either a committed row (done) or another transaction's row that is not committed
     * yet (wait: it may still roll back).
     *
     * @param keyColumns how many of the first values form the key
     * @return whether this call inserted the row
     */
    static boolean insertIfAbsent(
            Connection c,
            Dialect d,
            String table,
            String columns,
            String keyWhere,
            Object[] values,
            int keyColumns)
            throws SQLException {
        String statement = d.insertIfAbsent(table, columns, values.length);
        if (statement != null) {
            return insert(c, d, statement, values) == 1;
        }
        String plain =
                "INSERT INTO "
                        + table
                        + " ("
                        + columns
                        + ") VALUES ("
                        + String.join(", ", java.util.Collections.nCopies(values.length, "?"))
                        + ")";
        for (int attempt = 0; attempt < 3000; attempt++) { // up to about 30 s
            try {
                return insert(c, d, plain, values) == 1;
            } catch (SQLException e) {
                if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                    throw e;
                }
            }
            if (exists(c, table, keyWhere, values, keyColumns)) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new SQLException("Gave up waiting for a concurrent insert into " + table);
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

    private static boolean exists(
            Connection c, String table, String keyWhere, Object[] values, int keyColumns)
            throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT 1 FROM " + table + " WHERE " + keyWhere)) {
            for (int i = 0; i < keyColumns; i++) {
                ps.setString(i + 1, (String) values[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
