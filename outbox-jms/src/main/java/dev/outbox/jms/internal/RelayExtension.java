package dev.outbox.jms.internal;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.interceptor.Interceptor;
import jakarta.jms.ConnectionFactory;

import dev.outbox.ConfigurationException;
import dev.outbox.cdi.internal.Msg;
import dev.outbox.cdi.internal.OutboxExtension;
import dev.outbox.cdi.internal.OutboxSettings;
import dev.outbox.cdi.internal.Property;

/**
 * Fails the deployment when the relay is enabled and its connection factory cannot be found, so
 * that a wrong JNDI name shows at deployment instead of as a relay that never sends.
 */
public class RelayExtension implements Extension {

    void validate(
            @Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE + 10)
                    AfterDeploymentValidation adv,
            BeanManager beans) {
        OutboxSettings settings = beans.getExtension(OutboxExtension.class).settings();
        if (!settings.relayEnabled()) {
            return;
        }
        String name = settings.connectionFactory();
        String key = Property.RELAY_CONNECTION_FACTORY.key();
        try {
            Object found = new InitialContext().lookup(name);
            if (!(found instanceof ConnectionFactory)) {
                adv.addDeploymentProblem(
                        new ConfigurationException(
                                Msg.CONFIG_JNDI_WRONG_TYPE.format(
                                        name,
                                        key,
                                        found == null ? "null" : found.getClass().getName(),
                                        ConnectionFactory.class.getName())));
            }
        } catch (NamingException e) {
            adv.addDeploymentProblem(
                    new ConfigurationException(Msg.CONFIG_JNDI_MISSING.format(name, key, e)));
        }
    }
}
