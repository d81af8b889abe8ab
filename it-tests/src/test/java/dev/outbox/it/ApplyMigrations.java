package dev.outbox.it;

import java.sql.Connection;
import java.sql.DriverManager;

import org.flywaydb.core.Flyway;

import liquibase.Liquibase;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * Creates the outbox schema in an empty database the way users with a migration tool do, with the
 * one line docs/getting-started.md gives, before a test pass runs on it with {@code
 * outbox.schema.create=false}.
 *
 * <p>Arguments: {@code flyway|liquibase jdbc-url user password flyway-folder}.
 */
public final class ApplyMigrations {

    private ApplyMigrations() {}

    public static void main(String[] args) throws Exception {
        String tool = args[0];
        String url = args[1];
        String user = args[2];
        String password = args[3];
        if (tool.equals("flyway")) {
            // a history table of its own, so that the outbox's versions never meet the
            // application's
            Flyway.configure()
                    .dataSource(url, user, password)
                    // with the archive's location too, as its users add it (ArchiveIT)
                    .locations(
                            "classpath:dev/outbox/flyway/" + args[4],
                            "classpath:dev/outbox/flyway/" + args[4] + "-archive")
                    .table("outbox_flyway_history")
                    .load()
                    .migrate();
        } else if (tool.equals("liquibase")) {
            try (Connection c = DriverManager.getConnection(url, user, password)) {
                Liquibase liquibase =
                        new Liquibase(
                                "dev/outbox/liquibase/changelog.xml",
                                new ClassLoaderResourceAccessor(),
                                DatabaseFactory.getInstance()
                                        .findCorrectDatabaseImplementation(new JdbcConnection(c)));
                liquibase.update("");
                // the archive's changelog, as its users include it (ArchiveIT)
                new Liquibase(
                                "dev/outbox/liquibase/archive.xml",
                                new ClassLoaderResourceAccessor(),
                                DatabaseFactory.getInstance()
                                        .findCorrectDatabaseImplementation(new JdbcConnection(c)))
                        .update("");
            }
        } else {
            throw new IllegalArgumentException("flyway or liquibase, not " + tool);
        }
        System.out.println("[migrations] " + tool + " applied the outbox schema to " + url);
    }
}
