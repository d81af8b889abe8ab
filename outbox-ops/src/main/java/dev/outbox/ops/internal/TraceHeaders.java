package dev.outbox.ops.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.outbox.OutboxEvent;
import dev.outbox.spi.HeaderContributor;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;

/**
 * Stores the W3C trace context ({@code traceparent}, and {@code tracestate} when there is one) of
 * the writing transaction with every record; the relay sends it as message properties. Adds nothing
 * when no span is current (no tracing, or the OpenTelemetry SDK is disabled).
 */
@ApplicationScoped
public class TraceHeaders implements HeaderContributor {

    /** The W3C header and message property of the trace parent. */
    public static final String TRACEPARENT = "traceparent";

    /** The W3C header and message property of the vendors' trace state. */
    public static final String TRACESTATE = "tracestate";

    @Override
    public Map<String, String> headers(OutboxEvent event) {
        Context context = Context.current();
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        W3CTraceContextPropagator.getInstance()
                .inject(
                        context,
                        headers,
                        (carrier, key, value) -> {
                            if (carrier != null && value != null && !value.isEmpty()) {
                                carrier.put(key, value);
                            }
                        });
        return headers;
    }
}
