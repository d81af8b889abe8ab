package dev.outbox.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The shipped DDL and the schema check agree, and the check names what is missing. */
class SchemaTest {

    private static final Pattern TABLE =
            Pattern.compile("CREATE TABLE (\\w+) \\((.*?)\\n\\)", Pattern.DOTALL);

    /**
     * A later version's column: {@code ALTER TABLE t ADD [COLUMN] c} or Oracle's {@code ADD (c}.
     */
    private static final Pattern ADD_COLUMN =
            Pattern.compile("ALTER TABLE (\\w+) ADD (?:COLUMN |\\()?(\\w+)");

    private static final Tables CURRENT = new Tables(Optional.empty());

    /** Every file of the dialect's DDL, in order, as statements. */
    private static List<String> ddl(Dialect d) {
        List<String> all = new ArrayList<>();
        d.schemaResources().forEach(f -> all.addAll(SchemaManager.statements(f)));
        return all;
    }

    @Test
    void everyDdlFileCreatesExactlyTheTablesAndColumnsTheCheckExpects() {
        for (Dialect d : Dialect.values()) {
            Map<String, List<String>> tables = new LinkedHashMap<>();
            String ddl = String.join(";\n", ddl(d)) + "\n";
            Matcher m = TABLE.matcher(ddl);
            while (m.find()) {
                List<String> columns = new ArrayList<>();
                for (String line : m.group(2).split("\\n")) {
                    String t = line.strip();
                    if (!t.isEmpty() && !t.startsWith("CONSTRAINT")) {
                        columns.add(t.split("\\s+")[0].toLowerCase(Locale.ROOT));
                    }
                }
                tables.put(m.group(1), columns);
            }
            Matcher added = ADD_COLUMN.matcher(ddl);
            while (added.find()) {
                tables.get(added.group(1)).add(added.group(2).toLowerCase(Locale.ROOT));
            }
            assertEquals(Schema.TABLES, tables, d.schemaFiles());
            for (Map.Entry<String, List<String>> idx : Schema.INDEXES.entrySet()) {
                for (String index : idx.getValue()) {
                    assertTrue(ddl.contains(index), d.schemaFiles() + " lacks " + index);
                }
            }
        }
    }

    @Test
    void theDerbyDdlPassesTheCheck() throws Exception {
        try (Connection c =
                DriverManager.getConnection("jdbc:derby:memory:schema-test;create=true")) {
            try (Statement s = c.createStatement()) {
                for (String statement : ddl(Dialect.DERBY)) {
                    s.execute(statement);
                }
            }
            assertEquals(List.of(), Schema.problems(c, CURRENT, false));
        }
    }

    @Test
    void theH2DdlPassesTheCheckAndAMissingColumnOrTableIsNamed() throws Exception {
        try (Connection c =
                DriverManager.getConnection("jdbc:h2:mem:schema-test;DB_CLOSE_DELAY=-1")) {
            try (Statement s = c.createStatement()) {
                for (String statement : ddl(Dialect.H2)) {
                    s.execute(statement);
                }
            }
            assertEquals(List.of(), Schema.problems(c, CURRENT, false));
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE outbox_record DROP COLUMN last_error");
                s.execute("DROP TABLE outbox_pause");
                s.execute("DROP INDEX outbox_processed_at");
            }
            assertEquals(
                    List.of(
                            "table outbox_record lacks column last_error",
                            "table outbox_pause is missing",
                            "table outbox_processed lacks index outbox_processed_at"),
                    Schema.problems(c, CURRENT, false));
        }
    }

    @Test
    void inAConfiguredSchemaTheTablesAreCreatedThereAndCheckedThereOnH2() throws Exception {
        createInSchema(Dialect.H2, "jdbc:h2:mem:schema-elsewhere;DB_CLOSE_DELAY=-1");
    }

    @Test
    void inAConfiguredSchemaTheTablesAreCreatedThereAndCheckedThereOnDerby() throws Exception {
        createInSchema(Dialect.DERBY, "jdbc:derby:memory:schema-elsewhere;create=true");
    }

    private static void createInSchema(Dialect d, String url) throws Exception {
        Tables messaging = new Tables(Optional.of("messaging"));
        try (Connection c = DriverManager.getConnection(url)) {
            List<String> missing = Schema.problems(c, messaging, false);
            assertTrue(
                    missing.contains("table messaging.outbox_record is missing"),
                    missing::toString);
            SchemaManager.create(c, d, messaging, url);
            assertEquals(List.of(), Schema.problems(c, messaging, false));
            // nothing in the connection's own schema
            assertTrue(
                    Schema.problems(c, CURRENT, false).contains("table outbox_record is missing"));
            try (Statement s = c.createStatement()) {
                s.execute("DROP INDEX messaging.outbox_processed_at");
            }
            assertEquals(
                    List.of("table messaging.outbox_processed lacks index outbox_processed_at"),
                    Schema.problems(c, messaging, false));
        }
    }
}
