package dev.outbox.jpa.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Binds and reads instants the way the JPA mapping stores them, per database. */
final class Times {

    private Times() {}

    static void bind(Dialect dialect, PreparedStatement ps, int index, Instant instant)
            throws SQLException {
        switch (dialect) {
            case POSTGRESQL, H2, ORACLE, SQLSERVER ->
                    ps.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
            default -> ps.setTimestamp(index, Timestamp.from(instant));
        }
    }

    static Instant read(Dialect dialect, ResultSet rs, String column) throws SQLException {
        switch (dialect) {
            case POSTGRESQL, H2, ORACLE, SQLSERVER -> {
                OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
                return t == null ? null : t.toInstant();
            }
            default -> {
                Timestamp t = rs.getTimestamp(column);
                return t == null ? null : t.toInstant();
            }
        }
    }
}
