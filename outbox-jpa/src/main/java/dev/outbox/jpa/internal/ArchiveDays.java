package dev.outbox.jpa.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import dev.outbox.cdi.internal.Msg;

/**
 * The archive's days: one partition of {@code outbox_archive} per UTC day of {@code dispatched_at},
 * named {@code outbox_archive_yyyymmdd}. Each is made {@link #AHEAD} days before it starts (at
 * startup and by the relay's housekeeping), so that records never wait for one; a day is retired
 * whole, detached and dropped, once all of it is older than the retention. Records that find no
 * partition of their day go to {@code outbox_archive_default}, purged by DELETE.
 */
final class ArchiveDays {

    /** Days made ahead of today. */
    static final int AHEAD = 2;

    private static final String PREFIX = "outbox_archive_";
    private static final DateTimeFormatter NAME =
            DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);
    private static final DateTimeFormatter BOUND =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssx", Locale.ROOT);

    private final Dialect dialect;
    private final Tables tables;

    ArchiveDays(Dialect dialect, Tables tables) {
        this.dialect = dialect;
        this.tables = tables;
    }

    /**
     * @return what the archive lacks to take records: empty when it is partitioned and has its
     *     default partition
     */
    List<String> problems(Connection c) throws SQLException {
        try (PreparedStatement ps = prepare(c, Statement.ARCHIVE_LAYOUT)) {
            ps.setString(1, tables.name("outbox_archive"));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return List.of(
                            "table " + tables.name("outbox_archive") + " is not partitioned");
                }
                if (!rs.getBoolean(1)) {
                    return List.of(
                            "table " + tables.name("outbox_archive") + " has no default partition");
                }
            }
        }
        return List.of();
    }

    /**
     * Makes the days from today to {@link #AHEAD} days ahead that are missing, each on its own: on
     * a connection in autocommit, at startup. A day that fails is logged and left to the relay.
     */
    void prepare(Connection c, LocalDate today) throws SQLException {
        Set<LocalDate> days = days(c);
        for (LocalDate day : wanted(today)) {
            if (days.contains(day)) {
                continue;
            }
            c.setAutoCommit(false);
            try {
                add(c, day);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                Msg.STORE_ARCHIVE_DAYS_FAILED.log(day, name(day), e.getMessage());
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /**
     * Makes the missing days ahead and retires the days older than {@code before}, in the caller's
     * transaction, unless another server is at it. A day that cannot be made is rolled back alone,
     * logged, and tried again at the next call.
     *
     * @return the days retired
     */
    List<LocalDate> keep(Connection c, Instant now, Instant before) throws SQLException {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate firstKept = LocalDate.ofInstant(before, ZoneOffset.UTC);
        Set<LocalDate> days = days(c);
        List<LocalDate> missing = new ArrayList<>(wanted(today));
        missing.removeAll(days);
        List<LocalDate> expired = days.stream().filter(d -> d.isBefore(firstKept)).toList();
        if (missing.isEmpty() && expired.isEmpty() || !lock(c)) {
            return List.of();
        }
        for (LocalDate day : missing) {
            execute(c, "SAVEPOINT outbox_archive_day");
            try {
                add(c, day);
                execute(c, "RELEASE SAVEPOINT outbox_archive_day");
            } catch (SQLException e) {
                execute(c, "ROLLBACK TO SAVEPOINT outbox_archive_day");
                Msg.STORE_ARCHIVE_DAYS_FAILED.log(day, name(day), e.getMessage());
            }
        }
        for (LocalDate day : expired) {
            execute(c, ddl(Statement.ARCHIVE_DETACH_DAY, name(day)));
            execute(c, ddl(Statement.ARCHIVE_DROP_DAY, name(day)));
        }
        return expired;
    }

    private static List<LocalDate> wanted(LocalDate today) {
        List<LocalDate> wanted = new ArrayList<>();
        for (int i = 0; i <= AHEAD; i++) {
            wanted.add(today.plusDays(i));
        }
        return wanted;
    }

    /** The days the archive has a partition of, by their names. */
    private Set<LocalDate> days(Connection c) throws SQLException {
        Set<LocalDate> days = new TreeSet<>();
        try (PreparedStatement ps = prepare(c, Statement.ARCHIVE_PARTITIONS)) {
            ps.setString(1, tables.name("outbox_archive"));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String table = rs.getString(1);
                    String suffix = table.substring(Math.min(table.length(), PREFIX.length()));
                    if (table.startsWith(PREFIX) && suffix.matches("\\d{8}")) {
                        days.add(LocalDate.parse(suffix, NAME));
                    }
                }
            }
        }
        return days;
    }

    /** Whether this transaction has the archive to itself (one server at a time). */
    private boolean lock(Connection c) throws SQLException {
        try (PreparedStatement ps = prepare(c, Statement.ARCHIVE_LOCK);
                ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private void add(Connection c, LocalDate day) throws SQLException {
        String table = name(day);
        execute(c, ddl(Statement.ARCHIVE_NEW_DAY, table));
        execute(
                c,
                ddl(
                        Statement.ARCHIVE_ATTACH_DAY,
                        table,
                        BOUND.format(day.atStartOfDay(ZoneOffset.UTC)),
                        BOUND.format(day.plusDays(1).atStartOfDay(ZoneOffset.UTC))));
    }

    /**
     * @return the qualified name of a day's partition
     */
    String name(LocalDate day) {
        return tables.name(PREFIX + NAME.format(day));
    }

    private String ddl(Statement statement, Object... values) {
        return String.format(Locale.ROOT, tables.qualify(dialect.sql(statement)), values);
    }

    private PreparedStatement prepare(Connection c, Statement statement) throws SQLException {
        return tables.prepare(c, dialect.sql(statement));
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (java.sql.Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
