package dev.outbox.ops.internal;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.outbox.cdi.internal.OutboxSettings;
import dev.outbox.cdi.internal.RelayHandle;

/**
 * Readiness of the outbox: DOWN when its tables cannot be read. A relay that cannot reach the
 * broker and records that wait longer than {@code outbox.health.max-pending-age} are conditions in
 * the data, logged when they appear and clear; they make readiness DOWN only with {@code
 * outbox.health.readiness=outbox} (see {@link HealthRules#readiness}).
 */
@Readiness
@ApplicationScoped
public class OutboxReadiness implements HealthCheck {

    /** The check's name in the health report. */
    public static final String NAME = "outbox-readiness";

    @Inject RelayHandle relay;
    @Inject BacklogReader backlog;
    @Inject OutboxSettings settings;

    private final Clock clock = Clock.systemUTC();
    private volatile HealthLog log;

    @Override
    public HealthCheckResponse call() {
        HealthRules.Verdict v =
                HealthRules.readiness(
                        relay.running(),
                        relay.failing(),
                        backlog.current(),
                        settings.healthStrictReadiness(),
                        settings.healthMaxPendingAge(),
                        clock.instant());
        log().report(v);
        return Responses.of(NAME, v);
    }

    private HealthLog log() {
        if (log == null) {
            log = new HealthLog(NAME, settings.healthStrictReadiness() ? "outbox" : "server");
        }
        return log;
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
