package dev.outbox.jms.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Instant;
import java.util.Optional;

import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The check against a real Artemis broker, as a plain client and as WildFly's factories (1.x
 * prefixes on) see it: a queue that exists or may be created passes; one that may not be created is
 * refused, including where the JMS client would fall back to the 1.x name.
 */
class DestinationCheckTest {

    private static EmbeddedActiveMQ broker;
    private static String url;

    @BeforeAll
    static void startBroker() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        url = "tcp://127.0.0.1:" + port;
        ConfigurationImpl config = new ConfigurationImpl();
        config.setPersistenceEnabled(false);
        config.setSecurityEnabled(false);
        config.addAcceptorConfiguration("tcp", url);
        // nothing may be created under these names; anything else may be (the default of #)
        for (String match : new String[] {"refused.#", "gone.#", "jms.queue.gone.#"}) {
            config.addAddressSetting(
                    match,
                    new AddressSettings().setAutoCreateQueues(false).setAutoCreateAddresses(false));
        }
        broker = new EmbeddedActiveMQ().setConfiguration(config);
        broker.start();
        // a queue declared the way WildFly declares jms-queue "declared"
        broker.getActiveMQServer()
                .createQueue(
                        QueueConfiguration.of("jms.queue.declared")
                                .setAddress("jms.queue.declared")
                                .setRoutingType(RoutingType.ANYCAST)
                                .setAutoCreateAddress(true));
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.stop();
    }

    private static Optional<String> check(String name, boolean prefixes) throws JMSException {
        ActiveMQConnectionFactory cf =
                new ActiveMQConnectionFactory(url + "?enable1xPrefixes=" + prefixes);
        try (cf;
                Connection c = cf.createConnection()) {
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);
            Queue q = s.createQueue(name);
            return new DestinationCheck().problem(s, name, q, Instant.now());
        }
    }

    @Test
    void aQueueThatMayBeCreatedPasses() throws JMSException {
        assertEquals(Optional.empty(), check("orders.events", false));
    }

    @Test
    void aQueueThatMayNotBeCreatedIsRefusedWhereTheClientWouldFallBackToTheOldName()
            throws JMSException {
        // the client resolves "refused.x", which may not be created, to "jms.queue.refused.x",
        // which may: the message would land there, where no consumer of refused.x looks
        Optional<String> problem = check("refused.x", false);
        assertTrue(problem.isPresent());
        assertTrue(
                problem.get().contains("the queue refused.x does not exist")
                        && problem.get().contains("jms.queue.refused.x instead"),
                problem.get());
        // the same with 1.x prefixes: jms.queue.gone.y may not be created, the client falls back
        // to jms.queue.jms.queue.gone.y
        assertTrue(check("gone.y", true).isPresent());
    }

    @Test
    void whereTheClientFindsNoQueueAtAllTheRecordIsQuarantined() {
        JMSException e = assertThrows(JMSException.class, () -> check("gone.x", false));
        assertEquals(DispatchException.Kind.PERMANENT, Failures.classifySend(e), e.getMessage());
    }

    @Test
    void withPrefixesTheCheckAsksAboutThePrefixedQueueThatTheSessionSendsTo() throws JMSException {
        assertEquals(Optional.empty(), check("declared", true), "WildFly's jms-queue declared");
    }

    @Test
    void theAddressOfAnArtemisQueueIsItsBrokerName() {
        assertEquals(
                "jms.queue.orders",
                DestinationCheck.address(
                        new org.apache.activemq.artemis.jms.client.ActiveMQQueue(
                                "jms.queue.orders")));
        Queue plain = () -> "orders.events";
        assertEquals("orders.events", DestinationCheck.address(plain));
    }

    @Test
    void whereTheBrokerCannotBeAskedTheCheckLetsTheSendDecideAndWarnsOnce() throws JMSException {
        // another provider's session: no Artemis core session behind it
        Session other =
                (Session)
                        java.lang.reflect.Proxy.newProxyInstance(
                                Session.class.getClassLoader(),
                                new Class<?>[] {Session.class},
                                (proxy, method, args) -> {
                                    throw new UnsupportedOperationException(method.getName());
                                });
        Queue queue = () -> "orders.events";
        java.util.List<java.util.logging.LogRecord> logged = new java.util.ArrayList<>();
        java.util.logging.Handler handler =
                new java.util.logging.Handler() {
                    @Override
                    public void publish(java.util.logging.LogRecord record) {
                        logged.add(record);
                    }

                    @Override
                    public void flush() {}

                    @Override
                    public void close() {}
                };
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("dev.outbox");
        log.addHandler(handler);
        try {
            DestinationCheck check = new DestinationCheck();
            assertEquals(
                    Optional.empty(), check.problem(other, "orders.events", queue, Instant.now()));
            assertEquals(
                    Optional.empty(), check.problem(other, "other.queue", queue, Instant.now()));
        } finally {
            log.removeHandler(handler);
        }
        java.util.List<String> warnings =
                logged.stream()
                        .filter(l -> l.getLevel() == java.util.logging.Level.WARNING)
                        .map(java.util.logging.LogRecord::getMessage)
                        .filter(m -> m.startsWith("OUTBOX0319W"))
                        .toList();
        assertEquals(1, warnings.size(), "said once: " + warnings);
    }

    @Test
    void aCheckedDestinationIsReusedByTheNextBatchesSessionsWithinItsWindow() throws JMSException {
        ResolvedDestinations resolved = new ResolvedDestinations();
        Instant t0 = Instant.now();
        try (ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory(url);
                Connection c = cf.createConnection()) {
            c.start();
            Session first = c.createSession(true, Session.SESSION_TRANSACTED);
            Destination to = resolved.resolve(first, "reused.events", t0);
            first.createProducer(to).close();
            resolved.checked("reused.events", to, t0);
            first.close();

            Session next = c.createSession(true, Session.SESSION_TRANSACTED);
            Destination again = resolved.resolve(next, "reused.events", t0.plusMillis(900));
            assertSame(to, again, "within the window");
            next.createProducer(again).send(next.createTextMessage("through the reused one"));
            next.commit();
            resolved.checked("reused.events", again, t0.plusMillis(900));
            try (MessageConsumer in = next.createConsumer(again)) {
                assertEquals(
                        "through the reused one",
                        ((jakarta.jms.TextMessage) in.receive(5000)).getText());
                next.commit();
            }
            assertNotSame(
                    to,
                    resolved.resolve(next, "reused.events", t0.plus(ResolvedDestinations.REUSE)),
                    "the window counts from the check, not from the reuse");
            resolved.forgetAll();
            assertNotSame(to, resolved.resolve(next, "reused.events", t0), "forgotten");
        }
    }

    @Test
    void anAutoCreatedQueueTheBrokerDeletedIsCreatedAgainOnceTheWindowHasPassed() throws Exception {
        ResolvedDestinations resolved = new ResolvedDestinations();
        SimpleString queue = SimpleString.of("autodeleted.events");
        Instant t0 = Instant.now();
        try (ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory(url);
                Connection c = cf.createConnection()) {
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);
            Destination to = resolved.resolve(s, "autodeleted.events", t0);
            s.createProducer(to).close();
            resolved.checked("autodeleted.events", to, t0);
            assertNotNull(broker.getActiveMQServer().locateQueue(queue), "created by the client");
            // what the broker does with an auto-created queue left empty without consumers
            broker.getActiveMQServer().destroyQueue(queue);
            assertNull(broker.getActiveMQServer().locateQueue(queue));
            // within the window the client does not ask again: that is the round trips spared
            s.createProducer(resolved.resolve(s, "autodeleted.events", t0)).close();
            assertNull(
                    broker.getActiveMQServer().locateQueue(queue), "not asked within the window");

            Destination later =
                    resolved.resolve(s, "autodeleted.events", t0.plus(ResolvedDestinations.REUSE));
            assertNotSame(to, later);
            s.createProducer(later).close();
            assertNotNull(
                    broker.getActiveMQServer().locateQueue(queue),
                    "the client's check of the new destination created the queue again");
        }
    }
}
