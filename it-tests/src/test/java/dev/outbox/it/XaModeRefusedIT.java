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
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/** On a non-XA datasource, asking for the XA mode fails the deployment with a clear message. */
@ExtendWith(ArquillianExtension.class)
@EnabledIfSystemProperty(named = "outbox.it.xa", matches = "false")
class XaModeRefusedIT {

    @Deployment(name = "xa", managed = false)
    static WebArchive xa() {
        return Deployments.app("xa-refused-it", "outbox.relay.transaction-mode=xa\n");
    }

    @ArquillianResource Deployer deployer;

    @Test
    @RunAsClient
    void theDeploymentFails() throws Exception {
        long mark = ServerLog.size();
        try {
            assertThrows(Exception.class, () -> deployer.deploy("xa"));
        } finally {
            try {
                deployer.undeploy("xa");
            } catch (Exception ignored) {
                // never started
            }
        }
        String log = ServerLog.since(mark);
        assertTrue(
                log.contains("OUTBOX0312E: Invalid value 'xa' for outbox.relay.transaction-mode"),
                log);
        // names the datasource by its database and URL, and says how it was told
        assertTrue(log.contains("is not an XA datasource") && log.contains("jdbc:"), log);
        assertTrue(
                Deployments.wildFly()
                        ? log.contains("WildFly's data-source without XA")
                        : log.contains("javax.sql.ConnectionPoolDataSource"),
                log);
    }
}
