package dev.outbox.ops.internal;

import java.time.Clock;
import java.util.List;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.outbox.DestinationBacklog;
import dev.outbox.Outbox;
import dev.outbox.cdi.internal.OutboxSettings;
import dev.outbox.jms.internal.Relay;

/**
 * Readiness of the outbox: DOWN while the relay cannot reach the broker or the database, or a
 * pending record is older than {@code outbox.health.max-pending-age}.
 */
@Readiness
@ApplicationScoped
public class OutboxReadiness implements HealthCheck {

    /** The check's name in the health report. */
    public static final String NAME = "outbox-readiness";

    @EJB Relay relay;
    @Inject Outbox outbox;
    @Inject OutboxSettings settings;

    private final Clock clock = Clock.systemUTC();
    private final HealthLog log = new HealthLog(NAME);

    @Override
    public HealthCheckResponse call() {
        List<DestinationBacklog> backlog = null;
        String error = null;
        try {
            backlog = outbox.backlog();
        } catch (RuntimeException e) {
            error = String.valueOf(e.getMessage());
        }
        HealthRules.Verdict v =
                HealthRules.readiness(
                        relay.running(),
                        relay.failing(),
                        backlog,
                        error,
                        settings.healthMaxPendingAge(),
                        clock.instant());
        log.report(v);
        return Responses.of(NAME, v);
    }

    /** Builds a response from a verdict. */
    static final class Responses {
        private Responses() {}

        static HealthCheckResponse of(String name, HealthRules.Verdict v) {
            HealthCheckResponseBuilder b = HealthCheckResponse.named(name).status(v.up());
            if (!v.up()) {
                b.withData("reason", v.reason());
            }
            v.data()
                    .forEach(
                            (k, value) -> {
                                if (value instanceof Long l) {
                                    b.withData(k, l);
                                } else if (value instanceof Boolean bool) {
                                    b.withData(k, bool);
                                } else {
                                    b.withData(k, String.valueOf(value));
                                }
                            });
            return b.build();
        }
    }
}
