package dev.outbox.jms.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;

import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Failing the connection under a session, against a real Artemis broker. */
class ArtemisConnectionsTest {

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
        broker = new EmbeddedActiveMQ().setConfiguration(config);
        broker.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.stop();
    }

    @Test
    void theConnectionUnderTheSessionFailsAsOnANetworkFailure() throws Exception {
        try (ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory(url);
                Connection c = cf.createConnection()) {
            CountDownLatch heard = new CountDownLatch(1);
            c.setExceptionListener(e -> heard.countDown());
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);
            s.createProducer(s.createQueue("before")).send(s.createTextMessage("works"));
            s.commit();

            assertTrue(ArtemisConnections.fail(s, "test: an interrupted call"));

            assertTrue(
                    heard.await(10, TimeUnit.SECONDS),
                    "the connection's exception listener (the resource adapter's, in a server)"
                            + " hears of the failure");
            assertThrows(
                    JMSException.class,
                    () -> {
                        s.createProducer(s.createQueue("after")).send(s.createTextMessage("no"));
                        s.commit();
                    },
                    "the session is unusable: it is not handed out again");
        }
    }

    @Test
    void anotherBrokersSessionIsLeftAlone() {
        Session other =
                (Session)
                        Proxy.newProxyInstance(
                                getClass().getClassLoader(),
                                new Class<?>[] {Session.class},
                                (proxy, method, args) -> null);
        assertFalse(ArtemisConnections.fail(other, "test"));
    }
}
