package dev.outbox.jpa.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.Locale;
import java.util.TimeZone;

/** Binds and reads instants the way the JPA mapping stores them, per database. */
final class Times {

    private Times() {}

    private static Calendar utc() {
        return Calendar.getInstance(TimeZone.getTimeZone(ZoneOffset.UTC), Locale.ROOT);
    }

    static void bind(Dialect dialect, PreparedStatement ps, int index, Instant instant)
            throws SQLException {
        if (dialect.zonedTimes()) {
            ps.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        } else {
            // DATETIME / TIMESTAMP without a zone: UTC wall-clock time, as Hibernate writes it
            ps.setTimestamp(index, Timestamp.from(instant), utc());
        }
    }

    static void bindOrNull(Dialect dialect, PreparedStatement ps, int index, Instant instant)
            throws SQLException {
        if (instant != null) {
            bind(dialect, ps, index, instant);
        } else {
            ps.setNull(
                    index,
                    dialect.zonedTimes()
                            ? java.sql.Types.TIMESTAMP_WITH_TIMEZONE
                            : java.sql.Types.TIMESTAMP);
        }
    }

    static Instant read(Dialect dialect, ResultSet rs, String column) throws SQLException {
        if (dialect.zonedTimes()) {
            OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
            return t == null ? null : t.toInstant();
        }
        Timestamp t = rs.getTimestamp(column, utc());
        return t == null ? null : t.toInstant();
    }

    /**
     * @return a binder for statements whose ?1 is an instant and ?2 a row limit
     */
    static Sql.Binder andLimit(Dialect dialect, Instant instant, int limit) {
        return (ps, index, number) -> {
            if (number == 1) {
                bind(dialect, ps, index, instant);
            } else {
                ps.setInt(index, limit);
            }
        };
    }
}
