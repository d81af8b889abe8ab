package dev.outbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The XA mode on an XA datasource: sends and marks commit in one transaction. (The local mode, the
 * default, is what every other suite runs.)
 */
@ExtendWith(ArquillianExtension.class)
@DisabledIfSystemProperty(named = "outbox.it.xa", matches = "false")
class TransactionModesIT {

    static final String APP = "xa-mode-it";

    @Deployment(name = "xa", managed = false, testable = false)
    static WebArchive xa() {
        return Deployments.app(
                APP, "outbox.destination.default=it.xa\noutbox.relay.transaction-mode=xa\n");
    }

    @ArquillianResource Deployer deployer;

    @Test
    @RunAsClient
    void theXaModeSendsAndMarksInOneTransactionAndSaysSo() throws Exception {
        long mark = ServerLog.size();
        deployer.deploy("xa");
        try {
            Steps app = Steps.of(APP);
            String id = "xa-" + UUID.randomUUID().toString().substring(0, 8);
            app.call("place", "id", id);
            assertEquals(
                    id,
                    app.call("receive", "queue", "it.xa", "prefix", id, "timeoutMillis", 15_000));
            app.awaitDispatched(id, Duration.ofSeconds(30));
            assertTrue(ServerLog.since(mark).contains("transaction mode xa"));
        } finally {
            deployer.undeploy("xa");
        }
    }
}
