package dev.outbox.it;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.UUID;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.outbox.it.app.Orders;
import dev.outbox.it.app.Probe;

/**
 * The XA mode on an XA datasource: sends and marks commit in one transaction. (The local mode, the
 * default, is what every other suite runs.)
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisabledIfSystemProperty(named = "outbox.it.xa", matches = "false")
class TransactionModesIT {

    static long logMark;

    @Deployment(name = "xa", managed = false)
    static WebArchive xa() {
        return Deployments.app(
                "xa-mode-it",
                "outbox.destination.default=it.xa\noutbox.relay.transaction-mode=xa\n");
    }

    @org.jboss.arquillian.test.api.ArquillianResource
    org.jboss.arquillian.container.test.api.Deployer deployer;

    @Inject Orders orders;
    @Inject Probe probe;

    @Test
    @Order(1)
    @RunAsClient
    void deploy() throws Exception {
        logMark = ServerLog.size();
        deployer.deploy("xa");
    }

    @Test
    @Order(2)
    @OperateOnDeployment("xa")
    void sendsAndMarksCommitTogether() throws Exception {
        String id = "xa-" + UUID.randomUUID().toString().substring(0, 8);
        orders.place(id, "c", BigDecimal.ONE);
        assertNotNull(probe.receive("it.xa", id, 15_000));
    }

    @Test
    @Order(3)
    @RunAsClient
    void theModeInForceIsLogged() throws Exception {
        deployer.undeploy("xa");
        assertTrue(ServerLog.since(logMark).contains("transaction mode xa"));
    }
}
