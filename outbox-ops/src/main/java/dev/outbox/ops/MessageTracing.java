package dev.outbox.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.jms.Message;

import dev.outbox.ops.internal.ConsumerSpans;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;

/**
 * Continues the producer's trace in a message consumer: the span it starts has the message's {@code
 * traceparent} as its parent. Listeners annotated {@code @Deduplicated} get this automatically;
 * call it in any other listener:
 *
 * <pre>{@code
 * @Inject MessageTracing tracing;
 *
 * public void onMessage(Message message) {
 *     try (TraceScope span = tracing.continueTrace(message, "billing")) {
 *         ...
 *     }
 * }
 * }</pre>
 */
@ApplicationScoped
public class MessageTracing {

    @Inject Instance<OpenTelemetry> telemetry;

    private volatile Tracer tracer;

    /**
     * Starts a consumer span whose parent is the message's trace context (a new trace when it has
     * none) and makes it current.
     *
     * @param message the received message
     * @param consumer the consumer's name, used in the span name
     * @return the span, to close when the message has been handled
     */
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
