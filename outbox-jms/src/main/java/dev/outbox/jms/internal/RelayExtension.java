package dev.outbox.jms.internal;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.interceptor.Interceptor;

import dev.outbox.cdi.internal.ConfigurationException;
import dev.outbox.cdi.internal.Msg;
import dev.outbox.cdi.internal.OutboxExtension;
import dev.outbox.cdi.internal.OutboxSettings;

/**
 * Fails the deployment when the relay is enabled and has no connection factory, so that a wrong
 * JNDI name shows at deployment instead of as a relay that never sends; says so when the relay
 * falls back to the server's default connection factory.
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
        try {
            RelayConnectionFactory found = RelayConnectionFactory.find(settings);
            if (found.fallback()) {
                Msg.RELAY_DEFAULT_CONNECTION_FACTORY.log(
                        settings.connectionFactory(), found.name());
            }
        } catch (ConfigurationException e) {
            adv.addDeploymentProblem(e);
        }
    }
}
