package dev.outbox.ops.internal;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import dev.outbox.cdi.internal.OutboxSettings;
import dev.outbox.cdi.internal.RelayHandle;

/**
 * Liveness of the outbox: DOWN when the relay runs on this server but its timer has not fired for
 * ten relay intervals (at least 30 seconds).
 */
@Liveness
@ApplicationScoped
public class OutboxLiveness implements HealthCheck {

    /** The check's name in the health report. */
    public static final String NAME = "outbox-liveness";

    @Inject RelayHandle relay;
    @Inject OutboxSettings settings;

    private final Clock clock = Clock.systemUTC();
    private final Instant since = clock.instant();
    private final HealthLog log = new HealthLog(NAME, "");

    @Override
    public HealthCheckResponse call() {
        HealthRules.Verdict v =
                HealthRules.liveness(
                        relay.running(),
                        relay.lastRun(),
                        since,
                        settings.relayInterval(),
                        clock.instant());
        log.report(v);
        return OutboxReadiness.Responses.of(NAME, v);
    }
}
