package dev.outbox.jms.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;

import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.spi.InitialContextFactory;

import jakarta.jms.ConnectionFactory;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.outbox.cdi.internal.ConfigValues;
import dev.outbox.cdi.internal.ConfigurationException;
import dev.outbox.cdi.internal.OutboxSettings;

/** Which connection factory the relay sends through, as a server's naming service answers. */
class RelayConnectionFactoryTest {

    /** The names the test's naming service knows. */
    static final Map<String, Object> NAMES = new HashMap<>();

    /** A naming service that knows only {@link #NAMES}. */
    public static final class Names implements InitialContextFactory {
        @Override
        public Context getInitialContext(Hashtable<?, ?> environment) {
            return (Context)
                    Proxy.newProxyInstance(
                            Names.class.getClassLoader(),
                            new Class<?>[] {Context.class},
                            (proxy, method, args) -> {
                                if (method.getName().equals("lookup")) {
                                    String name = String.valueOf(args[0]);
                                    if (!NAMES.containsKey(name)) {
                                        throw new NameNotFoundException(name);
                                    }
                                    return NAMES.get(name);
                                }
                                if (method.getName().equals("close")) {
                                    return null;
                                }
                                throw new UnsupportedOperationException(method.getName());
                            });
        }
    }

    private final ConnectionFactory ours = new ActiveMQConnectionFactory("vm://0");
    private final ConnectionFactory serverDefault = new ActiveMQConnectionFactory("vm://1");

    @BeforeEach
    void useTheTestNames() {
        System.setProperty(Context.INITIAL_CONTEXT_FACTORY, Names.class.getName());
        NAMES.clear();
    }

    @AfterEach
    void forgetThem() {
        System.clearProperty(Context.INITIAL_CONTEXT_FACTORY);
        NAMES.clear();
    }

    private static OutboxSettings settings(Map<String, String> config) {
        return OutboxSettings.read(ConfigValues.of(config)).orThrow();
    }

    @Test
    void theDefaultNameWinsWhereTheServerHasIt() {
        NAMES.put("jms/outboxConnectionFactory", ours);
        NAMES.put(RelayConnectionFactory.SERVER_DEFAULT, serverDefault);
        RelayConnectionFactory found = RelayConnectionFactory.find(settings(Map.of()));
        assertSame(ours, found.factory());
        assertEquals("jms/outboxConnectionFactory", found.name());
        assertFalse(found.fallback());
    }

    @Test
    void withNothingConfiguredTheServersDefaultFactoryIsUsed() {
        NAMES.put(RelayConnectionFactory.SERVER_DEFAULT, serverDefault);
        RelayConnectionFactory found = RelayConnectionFactory.find(settings(Map.of()));
        assertSame(serverDefault, found.factory());
        assertEquals("java:comp/DefaultJMSConnectionFactory", found.name());
        assertTrue(found.fallback());
    }

    @Test
    void aConfiguredNameIsNeverReplacedByTheServersDefault() {
        NAMES.put(RelayConnectionFactory.SERVER_DEFAULT, serverDefault);
        ConfigurationException e =
                assertThrows(
                        ConfigurationException.class,
                        () ->
                                RelayConnectionFactory.find(
                                        settings(
                                                Map.of(
                                                        "outbox.relay.connection-factory",
                                                        "java:/jms/missing"))));
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "OUTBOX0004E: Invalid value 'java:/jms/missing' for"
                                        + " outbox.relay.connection-factory"),
                e.getMessage());
    }

    @Test
    void withoutAnyFactoryTheMessageNamesEveryNameTriedAndTheProperty() {
        ConfigurationException e =
                assertThrows(
                        ConfigurationException.class,
                        () -> RelayConnectionFactory.find(settings(Map.of())));
        assertTrue(e.getMessage().startsWith("OUTBOX0006E"), e.getMessage());
        assertTrue(e.getMessage().contains("jms/outboxConnectionFactory"), e.getMessage());
        assertTrue(e.getMessage().contains("java:comp/DefaultJMSConnectionFactory"));
        assertTrue(e.getMessage().contains("Set outbox.relay.connection-factory"));
    }

    @Test
    void aResourceOfAnotherTypeIsRefusedNamingIt() {
        NAMES.put("jms/outboxConnectionFactory", "not a factory");
        ConfigurationException e =
                assertThrows(
                        ConfigurationException.class,
                        () -> RelayConnectionFactory.find(settings(Map.of())));
        assertTrue(e.getMessage().startsWith("OUTBOX0005E"), e.getMessage());
        assertTrue(e.getMessage().contains("java.lang.String"), e.getMessage());
    }
}
