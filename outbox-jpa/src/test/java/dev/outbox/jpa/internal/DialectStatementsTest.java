package dev.outbox.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.outbox.OutboxException;
import dev.outbox.admin.RecordStatus;
import dev.outbox.cdi.internal.ConfigValues;
import dev.outbox.cdi.internal.OutboxSettings;

/**
 * H2's and Derby's statements prepare against their shipped DDL, untested databases are chosen only
 * when configured, and a row with malformed headers names its record.
 */
class DialectStatementsTest {

    @Test
    void everyH2AndDerbyStatementPreparesAgainstTheShippedTables() throws Exception {
        prepareAll(Dialect.H2, "jdbc:h2:mem:statements;DB_CLOSE_DELAY=-1");
        prepareAll(Dialect.DERBY, "jdbc:derby:memory:statements;create=true");
    }

    private static void prepareAll(Dialect d, String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url)) {
            SchemaManager.create(c, d, new Tables(Optional.empty()), url);
            for (Map.Entry<Statement, String> s : d.statements().entrySet()) {
                String jdbc = Sql.of(s.getValue()).jdbc();
                try (PreparedStatement ps = c.prepareStatement(jdbc)) {
                    assertNotNull(ps, d + " " + s.getKey());
                } catch (java.sql.SQLException e) {
                    throw new AssertionError(d + " " + s.getKey() + ": " + e.getMessage(), e);
                }
            }
        }
    }

    @Test
    void theUnknownStatusQueryListsEveryStatus() {
        String sql = Dialect.H2.sql(Statement.UNKNOWN_STATUS);
        Arrays.stream(RecordStatus.values())
                .forEach(s -> assertTrue(sql.contains("'" + s.name() + "'"), s.name()));
    }

    @Test
    void oracleAndSqlServerAreUsedOnlyWhenConfigured() {
        OutboxSettings detect = settings(Map.of());
        assertEquals(Dialect.POSTGRESQL, Dialect.choose(detect, "PostgreSQL"));
        assertEquals(Dialect.DERBY, Dialect.choose(detect, "Apache Derby"));
        OutboxException e =
                assertThrows(OutboxException.class, () -> Dialect.choose(detect, "Oracle"));
        assertTrue(e.getMessage().startsWith("OUTBOX0209E"), e.getMessage());
        assertTrue(e.getMessage().contains("outbox.database=oracle"), e.getMessage());
        assertThrows(OutboxException.class, () -> Dialect.choose(detect, "Microsoft SQL Server"));
        assertEquals(
                Dialect.SQLSERVER,
                Dialect.choose(
                        settings(Map.of("outbox.database", "sqlserver")), "Microsoft SQL Server"));
        assertEquals(
                Dialect.ORACLE,
                Dialect.choose(settings(Map.of("outbox.database", "oracle")), "Oracle"));
    }

    @Test
    void theDailyArchiveIsPostgreSqlsAndNeedsARetention() {
        Map<String, String> daily =
                Map.of("outbox.retention", "7d", "outbox.retention.archive", "daily");
        Dialect archive = Dialect.choose(settings(daily), "PostgreSQL");
        assertEquals(Dialect.POSTGRESQL_ARCHIVE, archive);
        assertTrue(archive.archives());
        assertFalse(Dialect.POSTGRESQL.archives());
        assertEquals("postgresql", archive.configName());
        for (String other : List.of("H2", "MariaDB", "Apache Derby")) {
            OutboxException e =
                    assertThrows(
                            OutboxException.class, () -> Dialect.choose(settings(daily), other));
            assertTrue(e.getMessage().startsWith("OUTBOX0213E"), e.getMessage());
            assertTrue(e.getMessage().contains("outbox.retention.archive=daily"), e.getMessage());
        }
        List<String> problems =
                OutboxSettings.read(ConfigValues.of(Map.of("outbox.retention.archive", "daily")))
                        .problems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("outbox.retention.archive"), problems.get(0));
        assertTrue(problems.get(0).contains("outbox.retention, which is 0s"), problems.get(0));
        assertTrue(
                OutboxSettings.read(ConfigValues.of(Map.of("outbox.retention.archive", "weekly")))
                        .problems()
                        .get(0)
                        .contains("outbox.retention.archive"));
    }

    /** The archive's mark moves exactly the record's columns, setting the status and the time. */
    @Test
    void theArchiveMovesEveryColumn() {
        String mark = Dialect.POSTGRESQL_ARCHIVE.sql(Statement.MARK_DISPATCHED);
        String select = mark.substring(mark.lastIndexOf("SELECT"), mark.lastIndexOf(" FROM"));
        assertEquals(Schema.TABLES.get("outbox_record").size(), select.split(",").length, select);
        assertTrue(select.contains("'DISPATCHED'") && select.contains("t.at"), select);
        String replay = Dialect.POSTGRESQL_ARCHIVE.sql(Statement.ARCHIVE_REPLAY);
        assertTrue(replay.contains("'PENDING'") && replay.contains("INSERT INTO outbox_record"));
        assertNull(Dialect.POSTGRESQL.sql(Statement.ARCHIVE_REPLAY));
    }

    private static OutboxSettings settings(Map<String, String> values) {
        return OutboxSettings.read(ConfigValues.of(values)).orThrow();
    }

    @Test
    void aRowWithMalformedHeadersNamesItsRecord() throws Exception {
        String url = "jdbc:h2:mem:rows;DB_CLOSE_DELAY=-1";
        try (Connection c = DriverManager.getConnection(url)) {
            SchemaManager.create(c, Dialect.H2, new Tables(Optional.empty()), url);
            try (java.sql.Statement s = c.createStatement()) {
                s.execute(
                        "INSERT INTO outbox_record (id, aggregate_type, aggregate_id, seq,"
                                + " event_type, event_version, destination, content_type, payload,"
                                + " headers, status, attempts, written_at, next_attempt_at)"
                                + " VALUES ('r-1', 'T', '1', 1, 'E', 1, 'q', 'application/json',"
                                + " '{}', '{\"a\":', 'PENDING', 0, CURRENT_TIMESTAMP,"
                                + " CURRENT_TIMESTAMP)");
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM outbox_record");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                ClaimedRecord r = RecordRows.read(Dialect.H2, rs, RecordStatus.PENDING);
                assertTrue(r.problem().startsWith("OUTBOX0211E"), r.problem());
                assertTrue(r.problem().contains("r-1"), r.problem());
            }
        }
    }
}
