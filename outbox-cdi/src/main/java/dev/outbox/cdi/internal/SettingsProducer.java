package dev.outbox.cdi.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Makes the validated settings injectable. */
@ApplicationScoped
public class SettingsProducer {

    @Inject OutboxExtension extension;

    @Produces
    @Singleton
    OutboxSettings settings() {
        return extension.settings();
    }
}
