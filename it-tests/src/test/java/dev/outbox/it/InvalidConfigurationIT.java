package dev.outbox.it;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.Message;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.outbox.inbox.Deduplicated;

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
                outbox.payload.max-size=0
                outbox.retry.initial-delay=often
                outbox.schema.create=maybe
                """);
    }

    /** A consumer whose order check a skipped head would defeat. */
    @ApplicationScoped
    public static class CheckedConsumer {
        @Deduplicated(consumer = "checked", ordering = Deduplicated.Ordering.CHECK)
        public void onMessage(Message message) {}
    }

    @Deployment(name = "skip-with-check", managed = false)
    static WebArchive skipWithCheck() {
        return Deployments.app("skip-with-check", "outbox.ordering.failed-head=skip\n")
                .addClass(CheckedConsumer.class);
    }

    @ArquillianResource Deployer deployer;

    @Test
    @RunAsClient
    void skippingFailedHeadsFailsTheDeploymentOfAConsumerWithTheOrderCheck() throws Exception {
        long mark = ServerLog.size();
        try {
            assertThrows(Exception.class, () -> deployer.deploy("skip-with-check"));
        } finally {
            try {
                deployer.undeploy("skip-with-check");
            } catch (Exception ignored) {
                // it never started
            }
        }
        String expected =
                "OUTBOX0001E: Invalid value 'skip' for outbox.ordering.failed-head: it cannot go"
                        + " with the inbox's order check (check of @Deduplicated on "
                        + CheckedConsumer.class.getName()
                        + ".onMessage)";
        assertContains(ServerLog.awaitSince(mark, expected), expected);
    }

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
        String[] expected = {
            "OUTBOX0001E: Invalid value '0' for outbox.relay.batch-size",
            "OUTBOX0001E: Invalid value '-1s' for outbox.relay.interval",
            "OUTBOX0001E: Invalid value '' for outbox.route.OrderPlaced",
            "OUTBOX0001E: Invalid value '0' for outbox.payload.max-size",
            "OUTBOX0001E: Invalid value 'often' for outbox.retry.initial-delay",
            "OUTBOX0001E: Invalid value 'maybe' for outbox.schema.create",
            "OUTBOX0004E: Invalid value 'jms/doesNotExist' for outbox.relay.connection-factory"
        };
        String log = ServerLog.awaitSince(mark, expected);
        for (String part : expected) {
            assertContains(log, part);
        }
    }

    private static void assertContains(String log, String part) {
        assertTrue(log.contains(part), () -> "server log lacks: " + part + "\n--- log ---\n" + log);
    }
}
