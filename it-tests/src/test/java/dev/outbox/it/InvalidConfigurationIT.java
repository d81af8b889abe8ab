package dev.outbox.it;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Invalid configuration fails the deployment, with every problem named in the server log. */
@ExtendWith(ArquillianExtension.class)
class InvalidConfigurationIT {

    @Deployment(name = "invalid", managed = false)
    static WebArchive invalid() {
        return Deployments.app(
                "invalid-config",
                """
                outbox.relay.batch-size=0
                outbox.relay.interval=-1s
                outbox.route.OrderPlaced=
                outbox.relay.connection-factory=jms/doesNotExist
                """);
    }

    @ArquillianResource Deployer deployer;

    @Test
    @RunAsClient
    void theDeploymentFailsAndNamesEveryInvalidProperty() throws Exception {
        long mark = ServerLog.size();
        try {
            assertThrows(Exception.class, () -> deployer.deploy("invalid"));
        } finally {
            try {
                deployer.undeploy("invalid");
            } catch (Exception ignored) {
                // it never started
            }
        }
        String log = ServerLog.since(mark);
        assertContains(log, "OUTBOX0001E: Invalid value '0' for outbox.relay.batch-size");
        assertContains(log, "OUTBOX0001E: Invalid value '-1s' for outbox.relay.interval");
        assertContains(log, "OUTBOX0001E: Invalid value '' for outbox.route.OrderPlaced");
        assertContains(
                log,
                "OUTBOX0004E: Invalid value 'jms/doesNotExist' for outbox.relay.connection-factory");
    }

    private static void assertContains(String log, String part) {
        assertTrue(log.contains(part), () -> "server log lacks: " + part + "\n--- log ---\n" + log);
    }
}
