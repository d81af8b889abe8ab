package dev.outbox.it;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A table or a column the outbox needs is missing: the deployment fails with a message that names
 * it and the DDL file to run, and an application with schema creation on creates what is missing.
 * Each test puts back what it changed.
 */
@ExtendWith(ArquillianExtension.class)
class SchemaCheckIT {

    static final String TOOLS = "schema-tools";

    @Deployment(name = "tools", order = 1, testable = false)
    static WebArchive tools() {
        return Deployments.app(TOOLS, "outbox.relay.enabled=false\n");
    }

    @Deployment(name = "strict", managed = false, testable = false)
    static WebArchive strict() {
        return Deployments.app("schema-strict", "")
                .addAsResource(
                        new StringAsset(
                                Deployments.BASE_CONFIG.replaceAll(
                                        "outbox\\.schema\\.create=\\w+",
                                        "outbox.schema.create=false")),
                        "META-INF/microprofile-config.properties");
    }

    @Deployment(name = "repair", managed = false, testable = false)
    static WebArchive repair() {
        // the last value of a key wins: creation is on even in the passes that migrate the schema
        return Deployments.app(
                "schema-repair", "outbox.relay.enabled=false\noutbox.schema.create=true\n");
    }

    @ArquillianResource Deployer deployer;

    @Test
    @RunAsClient
    void aMissingTableOrColumnFailsTheDeploymentNamingThemAndSchemaCreationRepairsIt()
            throws Exception {
        Steps tools = Steps.of(TOOLS);
        tools.call("execute", "sql", "DROP TABLE outbox_pause");
        tools.call("execute", "sql", "ALTER TABLE outbox_record DROP COLUMN last_error");
        try {
            long mark = ServerLog.size();
            try {
                assertThrows(Exception.class, () -> deployer.deploy("strict"));
            } finally {
                undeployQuietly("strict");
            }
            String log =
                    ServerLog.awaitSince(
                            mark,
                            "OUTBOX0207E",
                            "table outbox_record lacks column last_error",
                            "table outbox_pause is missing");
            assertTrue(log.contains("OUTBOX0207E"), log);
            assertTrue(log.contains("table outbox_record lacks column last_error"), log);
            assertTrue(log.contains("table outbox_pause is missing"), log);
            assertTrue(log.contains("META-INF/outbox/schema/"), log);
        } finally {
            tools.call(
                    "execute",
                    "sql",
                    "ALTER TABLE outbox_record ADD COLUMN last_error VARCHAR(2000)");
        }
        long before = ServerLog.size();
        deployer.deploy("repair");
        deployer.undeploy("repair");
        assertTrue(
                ServerLog.since(before).contains("OUTBOX0202I"), "the missing table was created");
    }

    @Test
    @RunAsClient
    @EnabledIfSystemProperty(named = "outbox.it.db", matches = "postgres.*")
    void postgresqlWithoutAutovacuumForTheQueueTableIsWarnedOf() throws Exception {
        Steps tools = Steps.of(TOOLS);
        tools.call("execute", "sql", "ALTER TABLE outbox_record SET (autovacuum_enabled = false)");
        try {
            long before = ServerLog.size();
            deployer.deploy("repair");
            deployer.undeploy("repair");
            String log = ServerLog.since(before);
            assertTrue(
                    log.contains("OUTBOX0208W")
                            && log.contains("outbox_record")
                            && log.contains("the table's autovacuum_enabled is false"),
                    log);
        } finally {
            tools.call("execute", "sql", "ALTER TABLE outbox_record RESET (autovacuum_enabled)");
        }
    }

    private void undeployQuietly(String name) {
        try {
            deployer.undeploy(name);
        } catch (Exception ignored) {
            // it never started
        }
    }
}
