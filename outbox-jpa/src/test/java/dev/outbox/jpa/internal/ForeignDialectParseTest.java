package dev.outbox.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;

/**
 * Oracle's and SQL Server's statements are run by no test. Each is at least parsed, as the JDBC
 * text the store sends (numbered placeholders turned into {@code ?}), with the default tables and
 * in a schema, by JSqlParser. JSqlParser does not know SQL Server's table hints ({@code WITH
 * (UPDLOCK, ...)}, {@code WITH (HOLDLOCK)}) nor {@code DELETE TOP (n)}: those statements are
 * prepared instead by H2 in {@code MODE=MSSQLServer} against the outbox tables, and the ones H2
 * refuses too are listed here, to be checked by hand.
 */
class ForeignDialectParseTest {

    /**
     * SQL Server statements that neither parser accepts as written: each parses with JSqlParser
     * once its table hint {@code WITH (HOLDLOCK)} is left out, so only the hint is unchecked.
     */
    private static final Set<String> HINT_UNCHECKED = Set.of("INCREMENT_SEQUENCE");

    @Test
    void everyOracleAndSqlServerStatementParses() throws SQLException {
        List<String> failures = new ArrayList<>();
        Set<String> unchecked = new TreeSet<>();
        for (Dialect d : new Dialect[] {Dialect.ORACLE, Dialect.SQLSERVER}) {
            for (Tables t :
                    new Tables[] {new Tables(Optional.empty()), new Tables(Optional.of("app"))}) {
                for (Map.Entry<Statement, String> s : d.statements().entrySet()) {
                    String jdbc = t.sql(s.getValue()).jdbc();
                    try {
                        if (CCJSqlParserUtil.parseStatements(jdbc).isEmpty()) {
                            failures.add(d + " " + s.getKey() + ": empty");
                        }
                    } catch (JSQLParserException e) {
                        if (d != Dialect.SQLSERVER) {
                            failures.add(d + " " + s.getKey() + ": " + first(e));
                        } else if (t.schema() == null && !preparesInH2(jdbc)) {
                            unchecked.add(s.getKey().name());
                            parsesWithoutHint(jdbc, s.getKey(), failures);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), failures);
        assertEquals(HINT_UNCHECKED, unchecked);
    }

    private static void parsesWithoutHint(String jdbc, Statement name, List<String> failures) {
        try {
            CCJSqlParserUtil.parseStatements(jdbc.replace(" WITH (HOLDLOCK)", ""));
        } catch (JSQLParserException e) {
            failures.add("sqlserver " + name + " without its hint: " + first(e));
        }
    }

    private static String first(Exception e) {
        return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    }

    private static boolean preparesInH2(String jdbc) throws SQLException {
        try (Connection c =
                DriverManager.getConnection(
                        "jdbc:h2:mem:mssql;MODE=MSSQLServer;DB_CLOSE_DELAY=-1")) {
            try (java.sql.Statement s = c.createStatement()) {
                for (String file : Dialect.H2.schemaResources()) {
                    for (String ddl : SchemaManager.statements(file)) {
                        try {
                            s.execute(ddl);
                        } catch (SQLException exists) {
                            // created by an earlier call
                        }
                    }
                }
            }
            try {
                c.prepareStatement(jdbc).close();
                return true;
            } catch (SQLException e) {
                return false;
            }
        }
    }
}
