package dev.outbox.cdi.internal;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessBean;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.ConfigProvider;

import dev.outbox.inbox.Deduplicated;

/**
 * Validates the outbox configuration when the application deploys: every invalid {@code outbox.*}
 * value becomes a deployment problem that names the property, so the deployment fails with all of
 * them listed.
 */
public class OutboxExtension implements Extension {

    private volatile OutboxSettings settings;
    private volatile boolean storeSeen;
    private final Map<String, Deduplicated.Ordering> orderedConsumers = new ConcurrentHashMap<>();

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

    /**
     * Notes the consumers whose {@link Deduplicated} annotation names an order check, so that a
     * setting that defeats the check fails the deployment.
     */
    <T> void consumers(
            @Observes @WithAnnotations(Deduplicated.class) ProcessAnnotatedType<T> type) {
        AnnotatedType<T> t = type.getAnnotatedType();
        note(t.getJavaClass().getName(), t.getAnnotation(Deduplicated.class));
        for (AnnotatedMethod<? super T> m : t.getMethods()) {
            note(
                    t.getJavaClass().getName() + "." + m.getJavaMember().getName(),
                    m.getAnnotation(Deduplicated.class));
        }
    }

    private void note(String where, Deduplicated d) {
        if (d != null
                && (d.ordering() == Deduplicated.Ordering.CHECK
                        || d.ordering() == Deduplicated.Ordering.STRICT)) {
            orderedConsumers.put(where, d.ordering());
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
        if (!result.settings().holdFailedHeads()) {
            orderedConsumers.forEach(
                    (where, ordering) ->
                            adv.addDeploymentProblem(
                                    new ConfigurationException(
                                            OutboxSettings.skipWithOrderCheck(
                                                    ordering.name().toLowerCase(Locale.ROOT)
                                                            + " of @Deduplicated on "
                                                            + where))));
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
