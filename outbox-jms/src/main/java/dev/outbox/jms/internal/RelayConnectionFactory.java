package dev.outbox.jms.internal;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.jms.ConnectionFactory;

import dev.outbox.cdi.internal.ConfigurationException;
import dev.outbox.cdi.internal.Msg;
import dev.outbox.cdi.internal.OutboxSettings;
import dev.outbox.cdi.internal.Property;

/**
 * Finds the connection factory the relay sends through: {@code outbox.relay.connection-factory}
 * when set; else {@code jms/outboxConnectionFactory} when the server has it, else the server's
 * default JMS connection factory, which every Jakarta EE server with messaging offers.
 *
 * @param name the JNDI name found
 * @param factory the connection factory
 * @param fallback whether it is the server's default, taken because nothing was configured
 */
public record RelayConnectionFactory(String name, ConnectionFactory factory, boolean fallback) {

    /** The connection factory every Jakarta EE server with messaging provides. */
    public static final String SERVER_DEFAULT = "java:comp/DefaultJMSConnectionFactory";

    /**
     * @param settings the configuration
     * @return the connection factory
     * @throws ConfigurationException naming the property and the names tried
     */
    public static RelayConnectionFactory find(OutboxSettings settings) {
        String name = settings.connectionFactory();
        String key = Property.RELAY_CONNECTION_FACTORY.key();
        Object found;
        try {
            found = lookup(name);
        } catch (NamingException e) {
            if (settings.connectionFactoryConfigured()) {
                throw new ConfigurationException(Msg.CONFIG_JNDI_MISSING.format(name, key, e));
            }
            try {
                return new RelayConnectionFactory(
                        SERVER_DEFAULT, as(lookup(SERVER_DEFAULT), SERVER_DEFAULT, key), true);
            } catch (NamingException again) {
                throw new ConfigurationException(
                        Msg.CONFIG_NO_CONNECTION_FACTORY.format(name, SERVER_DEFAULT, again));
            }
        }
        return new RelayConnectionFactory(name, as(found, name, key), false);
    }

    private static Object lookup(String name) throws NamingException {
        return new InitialContext().lookup(name);
    }

    private static ConnectionFactory as(Object found, String name, String key) {
        if (found instanceof ConnectionFactory cf) {
            return cf;
        }
        throw new ConfigurationException(
                Msg.CONFIG_JNDI_WRONG_TYPE.format(
                        name,
                        key,
                        found == null ? "null" : found.getClass().getName(),
                        ConnectionFactory.class.getName()));
    }
}
