package dev.outbox.ops.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import dev.outbox.admin.DestinationBacklog;
import dev.outbox.cdi.internal.Counters;
import dev.outbox.cdi.internal.Msg;
import dev.outbox.cdi.internal.RelayHandle;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;

/**
 * Exports the outbox's figures through OpenTelemetry metrics (MicroProfile Telemetry): counters of
 * what this server did since it started, the backlog per destination, and the commit-to-dispatch
 * latency histogram. With the OpenTelemetry SDK disabled (MicroProfile Telemetry's default) the
 * instruments are no-ops.
 */
@ApplicationScoped
public class OutboxMetrics {

    /** The instrumentation scope of the outbox's meter. */
    public static final String SCOPE = "dev.outbox";

    static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("destination");
    static final AttributeKey<String> STATUS = AttributeKey.stringKey("status");

    @Inject Instance<OpenTelemetry> telemetry;
    @Inject Counters counters;
    @Inject BacklogReader backlog;
    @Inject RelayHandle relay;

    private final List<AutoCloseable> instruments = new ArrayList<>();
    private final Clock clock = Clock.systemUTC();
    private LongConsumer latencyListener;

    void start(@Observes @Initialized(ApplicationScoped.class) Object init) {
        if (!telemetry.isResolvable()) {
            Msg.OPS_METRICS_UNAVAILABLE.log("no OpenTelemetry bean");
            return;
        }
        Meter meter;
        try {
            meter = telemetry.get().getMeter(SCOPE);
        } catch (RuntimeException | LinkageError e) {
            Msg.OPS_METRICS_UNAVAILABLE.log(String.valueOf(e));
            return;
        }
        backlog.prepare(); // here, on a thread of the application: the exporter's thread has no
        // context
        counter(
                meter,
                "outbox.records.written",
                "{record}",
                "Records committed",
                counters::written);
        counter(
                meter,
                "outbox.records.dispatched",
                "{record}",
                "Records sent to the broker",
                counters::dispatched);
        counter(
                meter,
                "outbox.records.failed",
                "{record}",
                "Records that became FAILED (retries exhausted)",
                counters::failed);
        counter(
                meter,
                "outbox.records.quarantined",
                "{record}",
                "Records quarantined (can never be sent as they are)",
                counters::quarantined);
        counter(
                meter,
                "outbox.attempts.failed",
                "{attempt}",
                "Send attempts that failed and were rescheduled",
                counters::failedAttempts);
        counter(
                meter,
                "outbox.inbox.duplicates",
                "{message}",
                "Copies of processed messages the inbox skipped",
                counters::duplicatesSkipped);
        counter(
                meter,
                "outbox.inbox.gaps",
                "{gap}",
                "Gaps the inbox saw in a key's sequence",
                counters::gaps);

        instruments.add(
                meter.gaugeBuilder("outbox.relay.failing")
                        .ofLongs()
                        .setUnit("1")
                        .setDescription(
                                "1 while this server's relay pauses because the broker or the"
                                        + " database failed, else 0")
                        .buildWithCallback(
                                m -> m.record(relay.running() && relay.failing() ? 1 : 0)));
        instruments.add(
                meter.gaugeBuilder("outbox.backlog.pending")
                        .ofLongs()
                        .setUnit("{record}")
                        .setDescription("Records waiting to be sent, per destination")
                        .buildWithCallback(
                                m -> {
                                    for (DestinationBacklog b : backlog.latest()) {
                                        m.record(
                                                b.pending(),
                                                Attributes.of(DESTINATION, b.destination()));
                                    }
                                }));
        instruments.add(
                meter.gaugeBuilder("outbox.backlog.oldest_age")
                        .setUnit("s")
                        .setDescription("Age of the oldest pending record, per destination")
                        .buildWithCallback(
                                m -> {
                                    Instant now = clock.instant();
                                    for (DestinationBacklog b : backlog.latest()) {
                                        m.record(
                                                ageSeconds(b.oldestPending(), now),
                                                Attributes.of(DESTINATION, b.destination()));
                                    }
                                }));
        instruments.add(
                meter.gaugeBuilder("outbox.backlog.blocked_keys")
                        .ofLongs()
                        .setUnit("{key}")
                        .setDescription(
                                "Keys whose earliest unsent record is a dead letter that holds"
                                        + " their later records, per destination of that record")
                        .buildWithCallback(
                                m ->
                                        backlog.latestBlocked()
                                                .forEach(
                                                        (d, n) ->
                                                                m.record(
                                                                        n,
                                                                        Attributes.of(
                                                                                DESTINATION, d)))));
        instruments.add(
                meter.gaugeBuilder("outbox.backlog.dead_letters")
                        .ofLongs()
                        .setUnit("{record}")
                        .setDescription("FAILED and QUARANTINED records, per destination")
                        .buildWithCallback(
                                m -> {
                                    for (DestinationBacklog b : backlog.latest()) {
                                        m.record(
                                                b.failed(),
                                                Attributes.of(
                                                        DESTINATION,
                                                        b.destination(),
                                                        STATUS,
                                                        "FAILED"));
                                        m.record(
                                                b.quarantined(),
                                                Attributes.of(
                                                        DESTINATION,
                                                        b.destination(),
                                                        STATUS,
                                                        "QUARANTINED"));
                                    }
                                }));

        LongHistogram latency =
                meter.histogramBuilder("outbox.dispatch.latency")
                        .ofLongs()
                        .setUnit("ms")
                        .setDescription("Time from a record's commit to its dispatch")
                        .setExplicitBucketBoundariesAdvice(boundaries())
                        .build();
        latencyListener = latency::record;
        counters.onDispatched(latencyListener);
        Msg.OPS_METRICS_REGISTERED.log(SCOPE);
    }

    private void counter(
            Meter meter, String name, String unit, String description, LongSupplier value) {
        instruments.add(
                meter.counterBuilder(name)
                        .setUnit(unit)
                        .setDescription(description)
                        .buildWithCallback(m -> m.record(value.getAsLong())));
    }

    static double ageSeconds(Instant oldest, Instant now) {
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, now).toMillis()) / 1000.0;
    }

    static List<Long> boundaries() {
        List<Long> b = new ArrayList<>();
        for (long ms : Counters.LATENCY_BOUNDS_MS) {
            b.add(ms);
        }
        return b;
    }

    @PreDestroy
    void stop() {
        if (latencyListener != null) {
            counters.removeDispatchedListener(latencyListener);
        }
        for (AutoCloseable c : instruments) {
            try {
                c.close();
            } catch (Exception e) {
                // closing a callback only stops its calls
            }
        }
        instruments.clear();
    }
}
