package dev.outbox.jpa.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The tables, columns and indexes the outbox needs, as the shipped DDL creates them, and a check of
 * a database against them through JDBC metadata.
 */
final class Schema {

    /** Table name to its columns. */
    static final Map<String, List<String>> TABLES = new LinkedHashMap<>();

    /**
     * The archive of {@code outbox.retention.archive=daily} (PostgreSQL): the record's columns;
     * {@link ArchiveDays} checks its partitions.
     */
    static final Map<String, List<String>> ARCHIVE = new LinkedHashMap<>();

    /** The archive's default partition: named in statements, never checked apart. */
    static final String ARCHIVE_DEFAULT = "outbox_archive_default";

    /** Table name to the indexes its queries need. */
    static final Map<String, List<String>> INDEXES = new LinkedHashMap<>();

    /**
     * Indexes that back a constraint, found by their columns as well: some databases (Derby) give
     * them generated names.
     */
    static final Map<String, List<String>> INDEX_COLUMNS =
            Map.of("outbox_record_key_seq", List.of("aggregate_type", "aggregate_id", "seq"));

    static {
        TABLES.put(
                "outbox_record",
                List.of(
                        "id",
                        "aggregate_type",
                        "aggregate_id",
                        "seq",
                        "event_type",
                        "event_version",
                        "destination",
                        "content_type",
                        "payload",
                        "headers",
                        "status",
                        "attempts",
                        "written_at",
                        "next_attempt_at",
                        "dispatched_at",
                        "last_error",
                        "deliver_at"));
        TABLES.put("outbox_key", List.of("aggregate_type", "aggregate_id", "last_seq"));
        TABLES.put("outbox_pause", List.of("destination", "paused_at", "paused_by"));
        TABLES.put("outbox_processed", List.of("consumer", "message_id", "processed_at"));
        TABLES.put(
                "outbox_inbox_key",
                List.of("consumer", "aggregate_type", "aggregate_id", "last_seq", "updated_at"));
        INDEXES.put(
                "outbox_record",
                List.of("outbox_record_key_seq", "outbox_record_due", "outbox_record_status"));
        INDEXES.put("outbox_processed", List.of("outbox_processed_at"));
        ARCHIVE.put("outbox_archive", TABLES.get("outbox_record"));
    }

    private static final java.util.logging.Logger LOG =
            java.util.logging.Logger.getLogger(Schema.class.getName());

    private Schema() {}

    /**
     * @param c a connection to the database
     * @param tables where the tables should be
     * @param archive whether the archive's table is needed too
     * @return one line per missing table, column or index; empty when the schema is complete
     */
    static List<String> problems(Connection c, Tables tables, boolean archive) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        String catalog = c.getCatalog();
        String schema = c.getSchema();
        if (tables.schema() != null) {
            // MariaDB and MySQL call their databases catalogs
            if (meta.supportsSchemasInTableDefinitions()) {
                schema = stored(meta, tables.schema());
            } else {
                catalog = stored(meta, tables.schema());
            }
        }
        List<String> problems = new ArrayList<>();
        Map<String, List<String>> needed = new LinkedHashMap<>(TABLES);
        if (archive) {
            needed.putAll(ARCHIVE);
        }
        for (Map.Entry<String, List<String>> table : needed.entrySet()) {
            String name = stored(meta, table.getKey());
            String shown = tables.name(table.getKey());
            Set<String> columns = new TreeSet<>();
            try (ResultSet rs = meta.getColumns(catalog, schema, name, null)) {
                while (rs.next()) {
                    columns.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
            }
            if (columns.isEmpty()) {
                problems.add("table " + shown + " is missing");
                continue;
            }
            for (String column : table.getValue()) {
                if (!columns.contains(column)) {
                    problems.add("table " + shown + " lacks column " + column);
                }
            }
            List<String> indexesNeeded = INDEXES.getOrDefault(table.getKey(), List.of());
            if (!indexesNeeded.isEmpty()) {
                Map<String, List<String>> indexes = new TreeMap<>();
                try (ResultSet rs = meta.getIndexInfo(catalog, schema, name, false, true)) {
                    while (rs.next()) {
                        String index = rs.getString("INDEX_NAME");
                        String column = rs.getString("COLUMN_NAME");
                        if (index != null && column != null) {
                            indexes.computeIfAbsent(
                                            index.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                                    .add(column.toLowerCase(Locale.ROOT));
                        }
                    }
                }
                for (String index : indexesNeeded) {
                    List<String> keyColumns = INDEX_COLUMNS.get(index);
                    boolean found =
                            indexes.entrySet().stream()
                                    .anyMatch(
                                            i ->
                                                    i.getKey().equals(index)
                                                            || i.getKey().startsWith(index + "_")
                                                            || keyColumns != null
                                                                    && i.getValue()
                                                                            .equals(keyColumns));
                    if (!found) {
                        problems.add(
                                "table "
                                        + shown
                                        + " lacks index "
                                        + index
                                        + (keyColumns == null
                                                ? ""
                                                : " on " + String.join(", ", keyColumns)));
                    }
                }
            }
        }
        return problems;
    }

    /**
     * @return the name as the database stores unquoted identifiers
     */
    private static String stored(DatabaseMetaData meta, String name) throws SQLException {
        if (meta.storesUpperCaseIdentifiers()) {
            return name.toUpperCase(Locale.ROOT);
        }
        if (meta.storesLowerCaseIdentifiers()) {
            return name.toLowerCase(Locale.ROOT);
        }
        return name;
    }
}
