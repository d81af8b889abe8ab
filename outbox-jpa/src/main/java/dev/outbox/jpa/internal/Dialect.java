package dev.outbox.jpa.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.outbox.OutboxException;
import dev.outbox.cdi.internal.Msg;
import dev.outbox.cdi.internal.OutboxSettings;

/**
 * What differs between databases: one subclass per database writes its statements as named text
 * blocks ({@link Statement}); the statements that are the same everywhere, and those several
 * dialects share, are in {@link CommonStatements}. A dialect has no statement it does not need
 * ({@link #sql} answers {@code null}), and the stores choose the way to do a step by what the
 * dialect has.
 *
 * <p>Statements name the tables bare; {@link Tables#qualify} is the one place a configured schema
 * is added. Nothing else is substituted into a statement's text.
 */
public abstract class Dialect {

    public static final Dialect POSTGRESQL = new PostgreSqlDialect(false);

    /** PostgreSQL with {@code outbox.retention.archive=daily}; never chosen by its name alone. */
    public static final Dialect POSTGRESQL_ARCHIVE = new PostgreSqlDialect(true);

    public static final Dialect MARIADB = new MariaDbDialect();
    public static final Dialect MYSQL = new MySqlDialect();
    public static final Dialect H2 = new H2Dialect();
    public static final Dialect DERBY = new DerbyDialect();
    public static final Dialect ORACLE = new OracleDialect();
    public static final Dialect SQLSERVER = new SqlServerDialect();

    private static final List<Dialect> VALUES =
            List.of(POSTGRESQL, MARIADB, MYSQL, H2, DERBY, ORACLE, SQLSERVER);

    private final String name;
    private final String schemaName;
    private final Map<Statement, String> statements;

    /**
     * @param name the name used in {@code outbox.database}
     * @param schemaName the name of its DDL file
     * @param own the statements of this database, added to (or replacing) the common ones
     */
    Dialect(String name, String schemaName, Map<Statement, String> own) {
        this.name = name;
        this.schemaName = schemaName;
        Map<Statement, String> all = new EnumMap<>(CommonStatements.ALL);
        all.putAll(own);
        this.statements = Collections.unmodifiableMap(all);
    }

    /**
     * @return every dialect
     */
    public static List<Dialect> values() {
        return VALUES;
    }

    /**
     * @return the name used in {@code outbox.database}
     */
    public String configName() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }

    /** The version of the schema this library needs: one DDL file per version. */
    static final int SCHEMA_VERSION = 2;

    /**
     * @return the classpath resources holding this database's DDL, one per schema version, to run
     *     in order: {@code <database>.sql} (version 1), then {@code <database>-<n>.sql}
     */
    public List<String> schemaResources() {
        List<String> files = new ArrayList<>();
        files.add("META-INF/outbox/schema/" + schemaName + ".sql");
        for (int v = 2; v <= SCHEMA_VERSION; v++) {
            files.add("META-INF/outbox/schema/" + schemaName + "-" + v + ".sql");
        }
        return files;
    }

    /**
     * @return the DDL files as a message names them, the archive's included where the dialect
     *     {@link #archives}
     */
    String schemaFiles() {
        return String.join(", then ", ddlResources());
    }

    /**
     * @return {@link #schemaResources}, then {@link #archiveResource} where the dialect {@link
     *     #archives}: every file the schema needs, in order
     */
    List<String> ddlResources() {
        List<String> files = new ArrayList<>(schemaResources());
        if (archives()) {
            files.add(archiveResource());
        }
        return files;
    }

    /**
     * @return whether dispatched records move to an archive partitioned by day
     */
    public boolean archives() {
        return sql(Statement.ARCHIVE_PARTITIONS) != null;
    }

    /**
     * @return the classpath resource holding the archive's DDL, run after {@link #schemaResources}
     *     where the dialect {@link #archives}
     */
    public String archiveResource() {
        return "META-INF/outbox/schema/" + schemaName + "-archive.sql";
    }

    /**
     * @param statement a statement's name
     * @return its text on this database, or {@code null} when the dialect does without it
     */
    String sql(Statement statement) {
        return statements.get(statement);
    }

    /**
     * @param claimTimeout how long the relay's transaction may sit idle before the database ends
     *     it, where {@link Statement#BEFORE_CLAIM} says so ({@code %d}, in milliseconds)
     * @return what runs in the relay's transaction before its claim, or {@code null}
     */
    String beforeClaim(Duration claimTimeout) {
        String sql = sql(Statement.BEFORE_CLAIM);
        return sql == null ? null : String.format(Locale.ROOT, sql, claimTimeout.toMillis());
    }

    /**
     * @return every statement of this dialect, in the order of {@link Statement}
     */
    Map<Statement, String> statements() {
        return statements;
    }

    /**
     * @return whether this database's statements have run in the integration suite; the others are
     *     used only when {@code outbox.database} names them
     */
    boolean tested() {
        return true;
    }

    /**
     * @return whether statements may take a list of ids as one array parameter ({@code id =
     *     ANY(?)})
     */
    boolean arrays() {
        return false;
    }

    /**
     * @return whether an index lives in a schema and is named with it ({@code CREATE INDEX s.name
     *     ON s.table}), rather than belonging to its table's schema
     */
    boolean qualifiedIndexNames() {
        return false;
    }

    /**
     * @return whether instants are bound and read as {@code OffsetDateTime}; else as a UTC {@code
     *     Timestamp} (columns without a zone, as Hibernate writes them)
     */
    boolean zonedTimes() {
        return true;
    }

    /**
     * @param holdFailedHeads whether FAILED and QUARANTINED records hold their key
     * @return the claim query for that policy, or {@code null} when the dialect claims through
     *     {@link #candidates(boolean)}
     */
    String claim(boolean holdFailedHeads) {
        return sql(holdFailedHeads ? Statement.CLAIM_HOLD_UNSENT : Statement.CLAIM_HOLD_PENDING);
    }

    /**
     * @param holdFailedHeads whether FAILED and QUARANTINED records hold their key
     * @return the ids of due head records for that policy, read without locks
     */
    String candidates(boolean holdFailedHeads) {
        return sql(
                holdFailedHeads
                        ? Statement.CANDIDATES_HOLD_UNSENT
                        : Statement.CANDIDATES_HOLD_PENDING);
    }

    /**
     * Chooses the dialect from configuration, else from the JDBC product name. A database whose
     * statements never ran in the integration suite is never chosen by its product name.
     *
     * @param settings the configuration, possibly naming the database
     * @param productName the JDBC {@code DatabaseMetaData.getDatabaseProductName()}
     * @return the dialect
     * @throws OutboxException when the database is untested and not configured, or has no archive
     *     and {@code outbox.retention.archive} asks for one
     * @throws IllegalStateException naming the database when it is not supported
     */
    public static Dialect choose(OutboxSettings settings, String productName) {
        Dialect d = database(settings, productName);
        if (!settings.archiveDaily()) {
            return d;
        }
        if (d != POSTGRESQL) {
            throw new OutboxException(Msg.STORE_ARCHIVE_UNSUPPORTED.format(d.name));
        }
        return POSTGRESQL_ARCHIVE;
    }

    private static Dialect database(OutboxSettings settings, String productName) {
        Optional<String> configured = settings.database();
        if (configured.isPresent()) {
            for (Dialect d : VALUES) {
                if (d.name.equals(configured.get())) {
                    return d;
                }
            }
        }
        Dialect detected = detect(productName);
        if (detected == null) {
            throw new IllegalStateException(
                    Msg.STORE_UNKNOWN_DATABASE.format(
                            productName, String.join(", ", OutboxSettings.DATABASES)));
        }
        if (!detected.tested()) {
            throw new OutboxException(
                    Msg.STORE_UNTESTED_DATABASE_DETECTED.format(
                            productName, detected.name, productName));
        }
        return detected;
    }

    private static Dialect detect(String productName) {
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
        return null;
    }
}
