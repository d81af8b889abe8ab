package dev.outbox.it;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.math.BigDecimal;
import java.util.UUID;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.outbox.it.app.OrderBean;
import dev.outbox.it.app.Orders;
import dev.outbox.it.app.Probe;
import dev.outbox.it.app.PurchaseOrder;
import dev.outbox.it.app.Received;
import dev.outbox.it.ear.EarOrders;

/**
 * The outbox in an EAR: outbox-cdi and outbox-jpa shared in {@code lib/}, used by a web module and
 * an EJB module; outbox-jms declared as an EJB module of its own (one line in application.xml),
 * because the container does not look for EJBs, such as the relay, in {@code lib/}.
 */
@ExtendWith(ArquillianExtension.class)
class EarPackagingIT {

    static final String QUEUE = "it.ear";

    @Deployment
    static EnterpriseArchive deployment() {
        File[] jars = Deployments.outboxJars(); // cdi, jpa, jms
        JavaArchive shared =
                ShrinkWrap.create(JavaArchive.class, "ear-app.jar")
                        .addPackage(PurchaseOrder.class.getPackage())
                        .deleteClass(OrderBean.class)
                        .addClass(Await.class)
                        .addAsManifestResource(
                                new StringAsset(Deployments.persistenceXml()), "persistence.xml")
                        .addAsManifestResource("it/it-orders.sql", "it-orders.sql")
                        .addAsManifestResource(
                                new StringAsset(
                                        Deployments.BASE_CONFIG
                                                + "outbox.destination.default="
                                                + QUEUE
                                                + "\n"),
                                "microprofile-config.properties")
                        .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml");
        JavaArchive ejb =
                ShrinkWrap.create(JavaArchive.class, "ear-ejb.jar")
                        .addClass(EarOrders.class)
                        .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml");
        WebArchive web =
                ShrinkWrap.create(WebArchive.class, "ear-web.war")
                        .addClass(EarPackagingIT.class)
                        .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
        return ShrinkWrap.create(EnterpriseArchive.class, "ear-it.ear")
                .addAsLibraries(jars[0], jars[1])
                .addAsLibrary(shared)
                .addAsModule(jars[2])
                .addAsModule(ejb)
                .addAsModule(web)
                .setApplicationXML(
                        new StringAsset(
                                """
                                <application xmlns="https://jakarta.ee/xml/ns/jakartaee" version="10">
                                  <module><ejb>outbox-jms.jar</ejb></module>
                                  <module><ejb>ear-ejb.jar</ejb></module>
                                  <module><web><web-uri>ear-web.war</web-uri><context-root>/ear-it</context-root></web></module>
                                </application>
                                """));
    }

    @Inject Orders orders;
    @Inject Probe probe;
    @EJB EarOrders earOrders;

    @Test
    void eventsFromTheWebAndTheEjbModuleAreRelayed() throws Exception {
        String fromWeb = "ear-web-" + UUID.randomUUID().toString().substring(0, 8);
        orders.place(fromWeb, "ear-web", BigDecimal.ONE);
        Received web = probe.receive(QUEUE, fromWeb, 15_000);
        assertNotNull(web, "the web module's event was not relayed");

        String fromEjb = "ear-ejb-" + UUID.randomUUID().toString().substring(0, 8);
        earOrders.place(fromEjb);
        Received ejb = probe.receive(QUEUE, fromEjb, 15_000);
        assertNotNull(ejb, "the EJB module's event was not relayed");
        assertTrue(ejb.body().contains("ear-ejb"), ejb.body());
    }
}
