package dev.outbox.it;

import java.io.File;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import dev.outbox.it.app.PurchaseOrder;

/** Builds test applications the way users build theirs: the outbox jars in WEB-INF/lib. */
public final class Deployments {

    /** Configuration every test application starts from. */
    public static final String BASE_CONFIG =
            """
            outbox.relay.interval=200ms
            outbox.schema.create=%s
            outbox.retention=1h
            """
                            .formatted(System.getProperty("outbox.it.schema-create", "true"))
                    + ("eclipselink".equals(System.getProperty("outbox.it.jpa"))
                            ? "outbox.datasource=jdbc/outboxDS\n"
                            : "");

    private Deployments() {}

    /**
     * @return whether this pass runs on Payara Server
     */
    public static boolean payara() {
        return "payara".equals(System.getProperty("outbox.it.server", "liberty"));
    }

    /**
     * @return whether this pass runs on WildFly (else Open Liberty or Payara)
     */
    public static boolean wildFly() {
        return "wildfly".equals(System.getProperty("outbox.it.server", "liberty"));
    }

    /**
     * Binds the application's message-driven beans to their queues the way each server does, with
     * every server's descriptor in one archive as an application for all would carry them: Open
     * Liberty reads {@code ibm-ejb-jar-bnd.xml} (activation specs in its server.xml), WildFly reads
     * {@code jboss-ejb3.xml} (each queue's JNDI entry), Payara reads {@code glassfish-ejb-jar.xml}
     * (the resource adapter and the queue's name); each ignores the others'.
     *
     * @param war the application
     * @param dir the resource folder holding both descriptors
     * @return the application
     */
    public static WebArchive withMessageDrivenBeans(WebArchive war, String dir) {
        return war.addAsWebInfResource(dir + "/ibm-ejb-jar-bnd.xml", "ibm-ejb-jar-bnd.xml")
                .addAsWebInfResource(dir + "/jboss-ejb3.xml", "jboss-ejb3.xml")
                .addAsWebInfResource(dir + "/glassfish-ejb-jar.xml", "glassfish-ejb-jar.xml");
    }

    /**
     * @param name the application name
     * @param config extra microprofile-config.properties lines
     * @return the test application with the outbox library
     */
    public static WebArchive app(String name, String config) {
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addPackage(PurchaseOrder.class.getPackage())
                .addClass(Await.class)
                .addAsLibraries(outboxJars())
                .addAsResource(new StringAsset(persistenceXml()), "META-INF/persistence.xml")
                .addAsResource("it/it-orders.sql", "META-INF/it-orders.sql")
                .addAsResource(
                        new StringAsset(BASE_CONFIG + config),
                        "META-INF/microprofile-config.properties")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    /**
     * @return the test persistence unit, with what the database of this pass needs
     */
    public static String persistenceXml() {
        String extra =
                switch (System.getProperty("outbox.it.db", "h2")) {
                    case "derby" ->
                            "<property name=\"hibernate.dialect\""
                                    + " value=\"org.hibernate.community.dialect.DerbyDialect\"/>";
                    default -> "";
                };
        try (java.io.InputStream in =
                Deployments.class
                        .getClassLoader()
                        .getResourceAsStream(
                                "eclipselink".equals(System.getProperty("outbox.it.jpa"))
                                        ? "it/persistence-eclipselink.xml"
                                        : "it/persistence.xml")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("<!--database-specific-->", extra);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * @param name the application name
     * @param config extra microprofile-config.properties lines
     * @return the test application with the outbox library, outbox-ops, the test kit, and the admin
     *     role mapped to the test registry's group outbox-admins
     */
    public static WebArchive opsApp(String name, String config) {
        File dir = new File(System.getProperty("outbox.it.libs", "target/outbox-libs"));
        return app(name, config)
                .addAsLibraries(
                        new File(dir, "outbox-ops.jar"), new File(dir, "outbox-testkit.jar"))
                .addAsWebInfResource("it/ops/web.xml", "web.xml");
    }

    /**
     * @return the outbox-cdi, outbox-jpa and outbox-jms jars built by this reactor
     */
    public static File[] outboxJars() {
        File dir = new File(System.getProperty("outbox.it.libs", "target/outbox-libs"));
        return new File[] {
            new File(dir, "outbox-cdi.jar"),
            new File(dir, "outbox-jpa.jar"),
            new File(dir, "outbox-jms.jar")
        };
    }
}
