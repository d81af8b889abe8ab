package dev.outbox.jpa.internal;

import java.util.Locale;
import java.util.Optional;

import dev.outbox.cdi.internal.Msg;
import dev.outbox.cdi.internal.OutboxSettings;

/**
 * What differs between databases: the schema file, how the next sequence number of a key is taken,
 * and how the relay claims records without waiting for rows another relay holds.
 */
public enum Dialect {
    POSTGRESQL("postgresql") {
        @Override
        String nextSequence() {
            return "INSERT INTO outbox_key (aggregate_type, aggregate_id, last_seq) VALUES (?1, ?2, 1)"
                    + " ON CONFLICT (aggregate_type, aggregate_id)"
                    + " DO UPDATE SET last_seq = outbox_key.last_seq + 1 RETURNING last_seq";
        }

        @Override
        String claim() {
            return CLAIM_HEAD + " ORDER BY r.next_attempt_at LIMIT ?2 FOR UPDATE OF r SKIP LOCKED";
        }
    },
    H2("h2") {
        @Override
        String incrementSequence() {
            return "MERGE INTO outbox_key k USING (VALUES (CAST(?1 AS VARCHAR(255)),"
                    + " CAST(?2 AS VARCHAR(255)))) s (t, i)"
                    + " ON k.aggregate_type = s.t AND k.aggregate_id = s.i"
                    + " WHEN MATCHED THEN UPDATE SET last_seq = k.last_seq + 1"
                    + " WHEN NOT MATCHED THEN INSERT (aggregate_type, aggregate_id, last_seq)"
                    + " VALUES (s.t, s.i, 1)";
        }

        @Override
        String claim() {
            return CLAIM_HEAD + " ORDER BY r.next_attempt_at LIMIT ?2 FOR UPDATE SKIP LOCKED";
        }
    },
    MARIADB("mariadb") {
        @Override
        String incrementSequence() {
            return "INSERT INTO outbox_key (aggregate_type, aggregate_id, last_seq) VALUES (?1, ?2, 1)"
                    + " ON DUPLICATE KEY UPDATE last_seq = last_seq + 1";
        }

        @Override
        String claim() {
            return CLAIM_HEAD + " ORDER BY r.next_attempt_at LIMIT ?2 FOR UPDATE SKIP LOCKED";
        }
    },
    MYSQL("mysql", "mariadb") {
        @Override
        String incrementSequence() {
            return MARIADB.incrementSequence();
        }

        @Override
        String claim() {
            return CLAIM_HEAD + " ORDER BY r.next_attempt_at LIMIT ?2 FOR UPDATE OF r SKIP LOCKED";
        }
    },
    DERBY("derby") {
        @Override
        String incrementSequence() {
            return "MERGE INTO outbox_key k USING SYSIBM.SYSDUMMY1"
                    + " ON k.aggregate_type = CAST(?1 AS VARCHAR(255))"
                    + " AND k.aggregate_id = CAST(?2 AS VARCHAR(255))"
                    + " WHEN MATCHED THEN UPDATE SET last_seq = k.last_seq + 1"
                    + " WHEN NOT MATCHED THEN INSERT (aggregate_type, aggregate_id, last_seq)"
                    + " VALUES (CAST(?1 AS VARCHAR(255)), CAST(?2 AS VARCHAR(255)), 1)";
        }

        @Override
        String claim() {
            throw new UnsupportedOperationException("Derby claim");
        }
    },
    ORACLE("oracle") {
        @Override
        String incrementSequence() {
            return "MERGE INTO outbox_key k USING (SELECT ?1 t, ?2 i FROM dual) s"
                    + " ON (k.aggregate_type = s.t AND k.aggregate_id = s.i)"
                    + " WHEN MATCHED THEN UPDATE SET k.last_seq = k.last_seq + 1"
                    + " WHEN NOT MATCHED THEN INSERT (aggregate_type, aggregate_id, last_seq)"
                    + " VALUES (s.t, s.i, 1)";
        }

        @Override
        String claim() {
            return CLAIM_HEAD + " ORDER BY r.next_attempt_at FOR UPDATE OF r.id SKIP LOCKED";
        }
    },
    SQLSERVER("sqlserver") {
        @Override
        String incrementSequence() {
            return "MERGE INTO outbox_key WITH (HOLDLOCK) AS k USING (SELECT ?1 AS t, ?2 AS i) AS s"
                    + " ON k.aggregate_type = s.t AND k.aggregate_id = s.i"
                    + " WHEN MATCHED THEN UPDATE SET last_seq = k.last_seq + 1"
                    + " WHEN NOT MATCHED THEN INSERT (aggregate_type, aggregate_id, last_seq)"
                    + " VALUES (s.t, s.i, 1);";
        }

        @Override
        String claim() {
            return "SELECT TOP (?2) r.* FROM outbox_record r WITH (UPDLOCK, ROWLOCK, READPAST)"
                    + CLAIM_HEAD.substring(CLAIM_HEAD.indexOf(" WHERE"))
                    + " ORDER BY r.next_attempt_at";
        }
    };

    /**
     * Due pending records that are the first unsent record of their key. A key's later records wait
     * while an earlier one is pending (even if locked by another relay), failed or quarantined.
     */
    static final String CLAIM_HEAD =
            "SELECT r.* FROM outbox_record r"
                    + " WHERE r.status = 'PENDING' AND r.next_attempt_at <= ?1"
                    + " AND NOT EXISTS (SELECT 1 FROM outbox_record p"
                    + " WHERE p.aggregate_type = r.aggregate_type AND p.aggregate_id = r.aggregate_id"
                    + " AND p.seq < r.seq AND p.status <> 'DISPATCHED')";

    private final String name;
    private final String schemaName;

    Dialect(String name) {
        this(name, name);
    }

    Dialect(String name, String schemaName) {
        this.name = name;
        this.schemaName = schemaName;
    }

    /**
     * @return the name used in {@code outbox.database}
     */
    public String configName() {
        return name;
    }

    /**
     * @return the classpath resource holding this database's DDL
     */
    public String schemaResource() {
        return "META-INF/outbox/schema/" + schemaName + ".sql";
    }

    /**
     * @return one statement that takes the next sequence number of key (?1, ?2) and returns it, or
     *     {@code null} when the dialect needs {@link #incrementSequence()} and a select
     */
    String nextSequence() {
        return null;
    }

    /**
     * @return a statement that increments (or creates at 1) the sequence of key (?1, ?2)
     */
    String incrementSequence() {
        throw new UnsupportedOperationException(name());
    }

    /**
     * @return the claim query: due records (?1 = now), at most ?2, locked, skipping locked
     */
    abstract String claim();

    /**
     * Chooses the dialect from configuration, else from the JDBC product name.
     *
     * @param settings the configuration, possibly naming the database
     * @param productName the JDBC {@code DatabaseMetaData.getDatabaseProductName()}
     * @return the dialect
     * @throws IllegalStateException naming the database when it is not supported
     */
    public static Dialect choose(OutboxSettings settings, String productName) {
        Optional<String> configured = settings.database();
        if (configured.isPresent()) {
            for (Dialect d : values()) {
                if (d.name.equals(configured.get())) {
                    return d;
                }
            }
        }
        String p = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        if (p.contains("postgres")) {
            return POSTGRESQL;
        }
        if (p.contains("mariadb")) {
            return MARIADB;
        }
        if (p.contains("mysql")) {
            return MYSQL;
        }
        if (p.equals("h2")) {
            return H2;
        }
        if (p.contains("derby")) {
            return DERBY;
        }
        if (p.contains("oracle")) {
            return ORACLE;
        }
        if (p.contains("microsoft sql server")) {
            return SQLSERVER;
        }
        throw new IllegalStateException(
                Msg.STORE_UNKNOWN_DATABASE.format(
                        productName, String.join(", ", OutboxSettings.DATABASES)));
    }
}
