package dev.outbox.jpa.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the outbox tables live. Statements are written with the bare table names ({@code
 * outbox_record}, ...); with {@code outbox.table.schema} set, this puts the schema in front of
 * each. The schema is one identifier, validated when the configuration is read, so no value can
 * change what a statement does.
 */
final class Tables {

    /**
     * The tables the schema check knows, as whole words: index and constraint names such as
     * outbox_record_due differ.
     */
    private static final Pattern TABLE =
            Pattern.compile(
                    "\\b("
                            + String.join("|", Schema.TABLES.keySet())
                            + "|"
                            + String.join("|", Schema.ARCHIVE.keySet())
                            + "|"
                            + Schema.ARCHIVE_DEFAULT
                            + ")\\b");

    private static final Pattern CREATE_INDEX =
            Pattern.compile("(?i)(CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+)(\\w+)");

    private final String schema;
    private final Map<String, String> qualified = new ConcurrentHashMap<>();

    /**
     * @param schema the schema of the outbox tables, or empty for the connection's current one
     */
    Tables(Optional<String> schema) {
        this.schema = schema.orElse(null);
    }

    /**
     * @return the configured schema, or {@code null}
     */
    String schema() {
        return schema;
    }

    /**
     * @param table a bare table name
     * @return the name to use in statements
     */
    String name(String table) {
        return schema == null ? table : schema + "." + table;
    }

    /**
     * @param sql a statement naming outbox tables bare
     * @return the statement naming them in the configured schema (each text rewritten once)
     */
    String qualify(String sql) {
        if (schema == null) {
            return sql;
        }
        return qualified.computeIfAbsent(
                sql, s -> TABLE.matcher(s).replaceAll(Matcher.quoteReplacement(schema) + ".$1"));
    }

    /**
     * @param ddl a statement of the shipped DDL
     * @param dialect the database
     * @return the statement for the configured schema; where the database keeps indexes in schemas
     *     of their own, the index is named in the table's schema too
     */
    String qualifyDdl(String ddl, Dialect dialect) {
        String statement = qualify(ddl);
        if (schema == null || !dialect.qualifiedIndexNames()) {
            return statement;
        }
        return CREATE_INDEX.matcher(statement).replaceAll("$1" + schema + ".$2");
    }

    /**
     * @return {@code c.prepareStatement} of the qualified statement
     */
    PreparedStatement prepare(Connection c, String sql) throws SQLException {
        return c.prepareStatement(qualify(sql));
    }

    /**
     * @return the parsed form of the qualified statement
     */
    Sql sql(String text) {
        return Sql.of(qualify(text));
    }
}
