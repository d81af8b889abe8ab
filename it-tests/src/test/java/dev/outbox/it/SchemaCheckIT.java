package dev.outbox.it;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.outbox.it.app.Probe;

/**
 * A table or a column the outbox needs is missing: the deployment fails with a message that names
 * it and the DDL file to run. (The suite then puts them back.)
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchemaCheckIT {

    @Deployment(name = "tools", order = 1)
    static WebArchive tools() {
        return Deployments.app("schema-tools", "outbox.relay.enabled=false\n");
    }

    @Deployment(name = "strict", managed = false)
    static WebArchive strict() {
        return Deployments.app("schema-strict", "")
                .addAsResource(
                        new org.jboss.shrinkwrap.api.asset.StringAsset(
                                Deployments.BASE_CONFIG.replaceAll(
                                        "outbox\\.schema\\.create=\\w+",
                                        "outbox.schema.create=false")),
                        "META-INF/microprofile-config.properties");
    }

    @Deployment(name = "repair", managed = false)
    static WebArchive repair() {
        // the last value of a key wins: creation is on even in the passes that migrate the schema
        return Deployments.app(
                "schema-repair", "outbox.relay.enabled=false\noutbox.schema.create=true\n");
    }

    @ArquillianResource Deployer deployer;
    @Inject Probe probe;

    static long mark;

    @Test
    @Order(1)
    @OperateOnDeployment("tools")
    void removeATableAndAColumn() throws Exception {
        probe.execute("DROP TABLE outbox_pause");
        probe.execute("ALTER TABLE outbox_record DROP COLUMN last_error");
    }

    @Test
    @Order(2)
    @RunAsClient
    void theDeploymentFailsNamingThemAndTheDdlFile() throws Exception {
        mark = ServerLog.size();
        try {
            assertThrows(Exception.class, () -> deployer.deploy("strict"));
        } finally {
            try {
                deployer.undeploy("strict");
            } catch (Exception ignored) {
                // it never started
            }
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
    }

    @Test
    @Order(3)
    @OperateOnDeployment("tools")
    void putTheColumnBack() throws Exception {
        probe.execute("ALTER TABLE outbox_record ADD COLUMN last_error VARCHAR(2000)");
    }

    @Test
    @Order(4)
    @RunAsClient
    void anApplicationWithSchemaCreationCreatesWhatIsMissing() throws Exception {
        long before = ServerLog.size();
        deployer.deploy("repair");
        deployer.undeploy("repair");
        assertTrue(
                ServerLog.since(before).contains("OUTBOX0202I"), "the missing table was created");
    }

    // in the server, where the pass's system properties are unknown: the database says
    @Test
    @Order(5)
    @OperateOnDeployment("tools")
    void turnOffAutovacuumForTheOutboxTable() throws Exception {
        if (probe.databaseProduct().equals("PostgreSQL")) {
            probe.execute("ALTER TABLE outbox_record SET (autovacuum_enabled = false)");
        }
    }

    @Test
    @Order(6)
    @RunAsClient
    @EnabledIfSystemProperty(named = "outbox.it.db", matches = "postgres.*")
    void postgresqlWithoutAutovacuumForTheQueueTableIsWarnedOf() throws Exception {
        long before = ServerLog.size();
        deployer.deploy("repair");
        deployer.undeploy("repair");
        String log = ServerLog.since(before);
        assertTrue(
                log.contains("OUTBOX0208W")
                        && log.contains("outbox_record")
                        && log.contains("the table's autovacuum_enabled is false"),
                log);
    }

    @Test
    @Order(7)
    @OperateOnDeployment("tools")
    void turnAutovacuumBackOn() throws Exception {
        if (probe.databaseProduct().equals("PostgreSQL")) {
            probe.execute("ALTER TABLE outbox_record RESET (autovacuum_enabled)");
        }
    }
}
