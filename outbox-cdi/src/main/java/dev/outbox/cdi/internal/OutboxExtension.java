package dev.outbox.cdi.internal;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessBean;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Validates the outbox configuration when the application deploys: every invalid {@code outbox.*}
 * value becomes a deployment problem that names the property, so the deployment fails with all of
 * them listed.
 */
public class OutboxExtension implements Extension {

    private volatile OutboxSettings settings;
    private volatile boolean storeSeen;

    /**
     * Notes a record store among the application's beans. The bean manager given to an extension
     * does not see every bean archive on every server: on Payara, the extension's (the outbox-cdi
     * jar's) does not see the beans of the outbox-jpa jar beside it in WEB-INF/lib.
     */
    void seen(@Observes ProcessBean<?> bean) {
        if (!storeSeen && bean.getBean().getTypes().contains(RecordStore.class)) {
            storeSeen = true;
        }
    }

    void validate(
            @Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE) AfterDeploymentValidation adv,
            BeanManager beans) {
        OutboxSettings.Result result = readConfiguration();
        result.warnings().forEach(Msg::emit);
        for (String problem : result.problems()) {
            adv.addDeploymentProblem(new ConfigurationException(problem));
        }
        if (!storeSeen && beans.getBeans(RecordStore.class).isEmpty()) {
            adv.addDeploymentProblem(new ConfigurationException(Msg.CONFIG_NO_STORE.format()));
        }
        settings = result.settings();
    }

    /**
     * @return the settings read at deployment, or read now if deployment validation has not run
     */
    public OutboxSettings settings() {
        OutboxSettings s = settings;
        if (s == null) {
            s = readConfiguration().settings();
            settings = s;
        }
        return s;
    }

    private static OutboxSettings.Result readConfiguration() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return OutboxSettings.read(ConfigValues.of(ConfigProvider.getConfig(loader)));
    }
}
