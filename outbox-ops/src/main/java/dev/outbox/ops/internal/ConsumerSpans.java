package dev.outbox.ops.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.Topic;

import dev.outbox.MessageProperties;
import dev.outbox.cdi.internal.Msg;
import dev.outbox.ops.TraceScope;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;

/** Starts consumer spans that continue the trace a message carries. */
public final class ConsumerSpans {

    /** The instrumentation scope of the outbox's tracer. */
    public static final String SCOPE = "dev.outbox";

    private static final TextMapGetter<Map<String, String>> GETTER =
            new TextMapGetter<>() {
                @Override
                public Iterable<String> keys(Map<String, String> carrier) {
                    return carrier.keySet();
                }

                @Override
                public String get(Map<String, String> carrier, String key) {
                    return carrier == null ? null : carrier.get(key);
                }
            };

    private ConsumerSpans() {}

    /**
     * @param tracer the tracer
     * @param message the received message
     * @param consumer the consumer's name
     * @return the started, current span
     */
    public static TraceScope start(Tracer tracer, Message message, String consumer) {
        Map<String, String> carrier = new HashMap<>();
        String recordId = null;
        String destination = null;
        try {
            copy(message, TraceHeaders.TRACEPARENT, carrier);
            copy(message, TraceHeaders.TRACESTATE, carrier);
            recordId = message.getStringProperty(MessageProperties.RECORD_ID);
            if (message.getJMSDestination() instanceof Queue q) {
                destination = q.getQueueName();
            } else if (message.getJMSDestination() instanceof Topic t) {
                destination = t.getTopicName();
            }
        } catch (JMSException | RuntimeException e) {
            // a message whose properties cannot be read starts a new trace
        }
        Context parent =
                W3CTraceContextPropagator.getInstance().extract(Context.root(), carrier, GETTER);
        if (carrier.containsKey(TraceHeaders.TRACEPARENT)
                && !Span.fromContext(parent).getSpanContext().isValid()) {
            Msg.OPS_TRACEPARENT_INVALID.logAt(
                    Level.FINE, recordId, carrier.get(TraceHeaders.TRACEPARENT));
        }
        var builder =
                tracer.spanBuilder((destination != null ? destination : consumer) + " process")
                        .setParent(parent)
                        .setSpanKind(SpanKind.CONSUMER)
                        .setAttribute("messaging.system", "activemq")
                        .setAttribute("messaging.operation.type", "process")
                        .setAttribute("messaging.consumer.group.name", consumer);
        if (destination != null) {
            builder.setAttribute(AttributeKey.stringKey("messaging.destination.name"), destination);
        }
        if (recordId != null) {
            builder.setAttribute(AttributeKey.stringKey("messaging.message.id"), recordId);
        }
        Span span = builder.startSpan();
        Scope scope = span.makeCurrent();
        return new TraceScope() {
            @Override
            public String traceId() {
                return span.getSpanContext().getTraceId();
            }

            @Override
            public void fail(Throwable failure) {
                span.recordException(failure);
                span.setStatus(StatusCode.ERROR);
            }

            @Override
            public void close() {
                scope.close();
                span.end();
            }
        };
    }

    private static void copy(Message m, String name, Map<String, String> carrier)
            throws JMSException {
        if (m.propertyExists(name)) {
            String v = m.getStringProperty(name);
            if (v != null) {
                carrier.put(name, v);
            }
        }
    }
}
