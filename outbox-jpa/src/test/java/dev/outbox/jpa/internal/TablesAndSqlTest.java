package dev.outbox.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class TablesAndSqlTest {

    static final Tables MESSAGING = new Tables(Optional.of("messaging"));
    static final Tables CURRENT = new Tables(Optional.empty());

    @Test
    void numberedPlaceholdersBecomeJdbcOnesBoundByNumberEachTimeTheyAppear() throws Exception {
        Sql sql = Sql.of("UPDATE t SET a = ?2, b = ?1 WHERE c = ?2 AND d = '?x'");
        assertEquals("UPDATE t SET a = ?, b = ? WHERE c = ? AND d = '?x'", sql.jdbc());
        List<int[]> bound = new ArrayList<>();
        sql.bind(null, (ps, jdbcIndex, number) -> bound.add(new int[] {jdbcIndex, number}));
        assertEquals(3, bound.size());
        assertArrayEquals(new int[] {1, 2}, bound.get(0));
        assertArrayEquals(new int[] {2, 1}, bound.get(1));
        assertArrayEquals(new int[] {3, 2}, bound.get(2));
    }

    @Test
    void aTextIsParsedOnce() {
        String text = "SELECT 1 FROM outbox_record WHERE id = ?1";
        assertSame(Sql.of(text), Sql.of(new String(text)));
    }

    @Test
    void withoutASchemaStatementsAreLeftAlone() {
        String text = "SELECT * FROM outbox_record r JOIN outbox_key k ON 1 = 1";
        assertSame(text, CURRENT.qualify(text));
        assertEquals("outbox_record", CURRENT.name("outbox_record"));
    }

    @Test
    void aSchemaQualifiesEveryOutboxTableAsAWholeWordOnly() {
        assertEquals(
                "SELECT r.status FROM messaging.outbox_record r, messaging.outbox_pause z"
                        + " WHERE r.outbox_record_id = 1",
                MESSAGING.qualify(
                        "SELECT r.status FROM outbox_record r, outbox_pause z"
                                + " WHERE r.outbox_record_id = 1"));
        assertEquals("messaging.outbox_key", MESSAGING.name("outbox_key"));
    }

    @Test
    void indexNamesAreQualifiedOnlyWhereTheDatabaseKeepsIndexesInSchemas() {
        String ddl = "CREATE INDEX outbox_record_due ON outbox_record (status, next_attempt_at)";
        assertEquals(
                "CREATE INDEX outbox_record_due ON messaging.outbox_record (status,"
                        + " next_attempt_at)",
                MESSAGING.qualifyDdl(ddl, Dialect.POSTGRESQL));
        assertEquals(
                "CREATE INDEX messaging.outbox_record_due ON messaging.outbox_record (status,"
                        + " next_attempt_at)",
                MESSAGING.qualifyDdl(ddl, Dialect.H2));
        assertEquals(
                "CREATE UNIQUE INDEX messaging.outbox_record_due ON messaging.outbox_record (id)",
                MESSAGING.qualifyDdl(
                        "CREATE UNIQUE INDEX outbox_record_due ON outbox_record (id)",
                        Dialect.DERBY));
        assertSame(ddl, CURRENT.qualifyDdl(ddl, Dialect.H2));
    }
}
