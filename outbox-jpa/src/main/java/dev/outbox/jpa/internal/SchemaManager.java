package dev.outbox.jpa.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import jakarta.transaction.Transactional;

import dev.outbox.OutboxException;
import dev.outbox.cdi.internal.Msg;
import dev.outbox.cdi.internal.OutboxSettings;

/**
 * Checks at startup that the outbox tables exist, and creates them from the shipped DDL when {@code
 * outbox.schema.create=true}. DDL runs outside any JTA transaction, on a connection of the
 * persistence unit's datasource, because some databases refuse DDL inside XA transactions.
 */
@ApplicationScoped
public class SchemaManager {

    private static final java.util.logging.Logger LOG =
            java.util.logging.Logger.getLogger(SchemaManager.class.getName());

    @Inject OutboxEntityManager entityManager;
    @Inject OutboxSettings settings;

    private volatile boolean checked;
    private boolean warnedUntested;

    void onStartup(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        try {
            ensure();
        } catch (OutboxException e) {
            throw e;
        } catch (RuntimeException e) {
            // In an EAR the container may start CDI before it can hand out an entity manager (no
            // unit of work yet); the relay checks the schema when it starts instead.
            LOG.log(java.util.logging.Level.FINE, "Schema check deferred", e);
        }
    }

    /**
     * Checks (and if configured creates) the schema, once.
     *
     * @throws OutboxException naming what is missing and the DDL file to run
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public synchronized void ensure() {
        if (checked) {
            return;
        }
        entityManager.checkMapping();
        DataSource ds = dataSource(entityManager.get().getEntityManagerFactory());
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            Dialect d = Dialect.choose(settings, c.getMetaData().getDatabaseProductName());
            if (!d.tested() && !warnedUntested) {
                Msg.STORE_UNTESTED_DATABASE.log(d.configName(), d.schemaFiles());
                warnedUntested = true;
            }
            String where =
                    c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getURL();
            Tables tables = new Tables(settings.tableSchema());
            if (tables.schema() != null) {
                where += " schema " + tables.schema();
            }
            List<String> problems = problems(c, d, tables);
            if (problems.isEmpty()) {
                Msg.STORE_SCHEMA_PRESENT.log(where);
            } else if (settings.schemaCreate()) {
                create(c, d, tables, where);
                problems = problems(c, d, tables);
            }
            if (!problems.isEmpty()) {
                throw new OutboxException(
                        Msg.STORE_SCHEMA_MISSING.format(
                                where, String.join("; ", problems), d.schemaFiles()));
            }
            if (d.archives()) {
                new ArchiveDays(d, tables).prepare(c, LocalDate.now(ZoneOffset.UTC));
            }
            if (d.configName().equals(Dialect.POSTGRESQL.configName())) {
                warnWithoutAutovacuum(c, tables, where);
            }
        } catch (SQLException e) {
            throw new OutboxException(Msg.STORE_SCHEMA_FAILED.format("the datasource", e), e);
        }
        checked = true;
    }

    /**
     * @return what the schema lacks: tables, columns, indexes, and the archive's partitioning where
     *     the dialect archives
     */
    private static List<String> problems(Connection c, Dialect d, Tables tables)
            throws SQLException {
        List<String> problems = new ArrayList<>(Schema.problems(c, tables, d.archives()));
        if (d.archives() && problems.isEmpty()) {
            problems.addAll(new ArchiveDays(d, tables).problems(c));
        }
        return problems;
    }

    /**
     * The outbox table is a queue: each record is inserted, then deleted (or updated, then purged),
     * so on PostgreSQL it lives on VACUUM. Warns when neither the server nor the table lets
     * autovacuum run. A check that cannot be made (permissions, another database) says nothing.
     */
    private static void warnWithoutAutovacuum(Connection c, Tables tables, String where) {
        String table = tables.qualify("outbox_record");
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT current_setting('autovacuum'),"
                                + " (SELECT array_to_string(reloptions, ',') FROM pg_class"
                                + " WHERE oid = ?::regclass)")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
                List<String> why = new ArrayList<>();
                if ("off".equals(rs.getString(1))) {
                    why.add("the server's autovacuum is off");
                }
                if (String.valueOf(rs.getString(2)).contains("autovacuum_enabled=false")) {
                    why.add("the table's autovacuum_enabled is false");
                }
                if (!why.isEmpty()) {
                    Msg.STORE_NO_AUTOVACUUM.log(where, table, String.join(", and ", why));
                }
            }
        } catch (SQLException e) {
            // the check is advice only
        }
    }

    /**
     * @return empty when the unit's datasource is an XA datasource; else why it is not known to be
     *     one, naming the datasource
     */
    public Optional<String> xaProblem() {
        DataSource ds = dataSource(entityManager.get().getEntityManagerFactory());
        XaDatasource.Verdict verdict = XaDatasource.of(ds, settings.datasourceXa());
        if (verdict.xa()) {
            return Optional.empty();
        }
        return Optional.of(
                "the datasource of the outbox's persistence unit ("
                        + describe(ds)
                        + ") is not an XA datasource: "
                        + verdict.how());
    }

    private static String describe(DataSource ds) {
        try (Connection c = ds.getConnection()) {
            return c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getURL();
        } catch (SQLException | RuntimeException e) {
            return ds.getClass().getName();
        }
    }

    /**
     * Runs the DDL, statement by statement, skipping what exists already: a statement that fails is
     * left to the check that follows. A configured schema is created first if missing.
     */
    static void create(Connection c, Dialect d, Tables tables, String where) {
        int created = 0;
        List<String> ddl = new ArrayList<>();
        if (tables.schema() != null) {
            ddl.add("CREATE SCHEMA " + tables.schema());
        }
        for (String file : d.ddlResources()) {
            statements(file).forEach(s -> ddl.add(tables.qualifyDdl(s, d)));
        }
        for (String statement : ddl) {
            try (Statement s = c.createStatement()) {
                s.execute(statement);
                created++;
            } catch (SQLException e) {
                LOG.fine(() -> "Skipped (" + e.getMessage() + "): " + statement);
            }
        }
        if (created > 0) {
            Msg.STORE_SCHEMA_CREATED.log(where, d.schemaFiles());
        }
    }

    /**
     * @param resource a classpath resource of SQL statements ending with semicolons
     * @return its statements, without comments
     */
    static List<String> statements(String resource) {
        String text;
        try (InputStream in = SchemaManager.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String statement = current.toString().strip();
                statements.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    private DataSource dataSource(EntityManagerFactory emf) {
        Object ds = emf.getProperties().get("jakarta.persistence.jtaDataSource");
        if (ds == null) {
            ds = emf.getProperties().get("javax.persistence.jtaDataSource");
        }
        if (ds == null && settings.datasource().isPresent()) {
            ds = settings.datasource().get();
        }
        if (ds instanceof DataSource dataSource) {
            return dataSource;
        }
        if (ds instanceof String name && !name.isBlank()) {
            try {
                return (DataSource) new InitialContext().lookup(name);
            } catch (NamingException e) {
                throw new OutboxException(Msg.STORE_SCHEMA_FAILED.format(name, e), e);
            }
        }
        throw new OutboxException(
                Msg.STORE_SCHEMA_FAILED.format(
                        "the persistence unit",
                        "the JPA provider does not name its JTA datasource: set outbox.datasource"
                                + " to its JNDI name"));
    }
}
