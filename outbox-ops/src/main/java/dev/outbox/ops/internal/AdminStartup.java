package dev.outbox.ops.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import dev.outbox.cdi.internal.Msg;
import dev.outbox.cdi.internal.OutboxSettings;

/** Says at startup that the admin API is on, for whom, and where actions are audited. */
@ApplicationScoped
public class AdminStartup {

    @Inject OutboxSettings settings;

    void started(@Observes @Initialized(ApplicationScoped.class) Object init) {
        if (settings.adminEnabled()) {
            Msg.OPS_ADMIN_ENABLED.log(
                    settings.adminRole(),
                    settings.adminViewerRole(),
                    settings.adminOperatorRole(),
                    settings.adminPayloadRole(),
                    settings.adminAuditTable().map(t -> " and to table " + t).orElse(""));
        }
    }
}
