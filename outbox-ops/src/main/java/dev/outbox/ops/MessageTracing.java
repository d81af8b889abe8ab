package dev.outbox.ops;

import jakarta.jms.Message;

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
public interface MessageTracing {

    /**
     * Starts a consumer span whose parent is the message's trace context (a new trace when it has
     * none) and makes it current.
     *
     * @param message the received message
     * @param consumer the consumer's name, used in the span name
     * @return the span, to close when the message has been handled
     */
    TraceScope continueTrace(Message message, String consumer);
}
