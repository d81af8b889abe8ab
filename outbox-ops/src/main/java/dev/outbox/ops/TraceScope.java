package dev.outbox.ops;

/**
 * A consumer span started by {@link MessageTracing#continueTrace}, current on this thread until
 * closed. Use it in try-with-resources.
 */
public interface TraceScope extends AutoCloseable {

    /**
     * @return the trace id of the span (the producer's when the message carried one), 32 hex
     *     digits; all zeros when tracing is off and the message carried no trace
     */
    String traceId();

    /**
     * Marks the span as failed.
     *
     * @param failure what went wrong
     */
    void fail(Throwable failure);

    /** Ends the span and restores the previous context. */
    @Override
    void close();
}
