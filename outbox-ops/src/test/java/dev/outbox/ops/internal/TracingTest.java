package dev.outbox.ops.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Map;

import jakarta.jms.Message;

import org.junit.jupiter.api.Test;

import dev.outbox.ops.TraceScope;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;

class TracingTest {

    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String SPAN = "00f067aa0ba902b7";

    @Test
    void noCurrentSpanAddsNoHeader() {
        assertEquals(Map.of(), new TraceHeaders().headers(null));
    }

    @Test
    void theCurrentSpanBecomesTheTraceparentHeader() {
        SpanContext ctx =
                SpanContext.create(TRACE, SPAN, TraceFlags.getSampled(), TraceState.getDefault());
        try (Scope s = Span.wrap(ctx).makeCurrent()) {
            assertEquals(
                    Map.of("traceparent", "00-" + TRACE + "-" + SPAN + "-01"),
                    new TraceHeaders().headers(null));
        }
    }

    @Test
    void aConsumerSpanContinuesTheMessagesTrace() {
        Message m = message(Map.of("traceparent", "00-" + TRACE + "-" + SPAN + "-01"));
        try (TraceScope scope =
                ConsumerSpans.start(OpenTelemetry.noop().getTracer("t"), m, "billing")) {
            assertEquals(TRACE, scope.traceId());
            assertEquals(TRACE, Span.current().getSpanContext().getTraceId());
        }
        assertTrue(!Span.current().getSpanContext().isValid(), "the scope is closed");
    }

    @Test
    void anInvalidOrMissingTraceparentStartsANewTrace() {
        for (Map<String, String> props :
                java.util.List.of(Map.of("traceparent", "garbage"), Map.<String, String>of())) {
            try (TraceScope scope =
                    ConsumerSpans.start(
                            OpenTelemetry.noop().getTracer("t"), message(props), "billing")) {
                // the no-op tracer has no trace to start; what matters is that nothing fails
                assertEquals(32, scope.traceId().length());
            }
        }
    }

    private static Message message(Map<String, String> props) {
        return (Message)
                Proxy.newProxyInstance(
                        Message.class.getClassLoader(),
                        new Class<?>[] {Message.class},
                        (proxy, method, args) ->
                                switch (method.getName()) {
                                    case "propertyExists" -> props.containsKey((String) args[0]);
                                    case "getStringProperty" -> props.get((String) args[0]);
                                    default -> null;
                                });
    }
}
