package dev.outbox.ops.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.jms.Message;

import dev.outbox.ops.MessageTracing;
import dev.outbox.ops.TraceScope;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;

/** {@link MessageTracing} with the server's OpenTelemetry, or a no-op one when it has none. */
@ApplicationScoped
public class OtelMessageTracing implements MessageTracing {

    @Inject Instance<OpenTelemetry> telemetry;

    private volatile Tracer tracer;

    @Override
    public TraceScope continueTrace(Message message, String consumer) {
        return ConsumerSpans.start(tracer(), message, consumer);
    }

    private Tracer tracer() {
        Tracer t = tracer;
        if (t == null) {
            OpenTelemetry otel = telemetry.isResolvable() ? telemetry.get() : OpenTelemetry.noop();
            t = otel.getTracer(ConsumerSpans.SCOPE);
            tracer = t;
        }
        return t;
    }
}
