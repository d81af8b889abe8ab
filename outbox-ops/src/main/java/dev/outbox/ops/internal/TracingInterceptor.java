package dev.outbox.ops.internal;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import dev.outbox.cdi.internal.ListenerCall;
import dev.outbox.inbox.Deduplicated;
import dev.outbox.ops.MessageTracing;
import dev.outbox.ops.TraceScope;

/**
 * Continues the producer's trace around a {@link Deduplicated} listener: runs before the inbox, so
 * that the inbox's work and the listener's are in the consumer span whose parent is the message's
 * {@code traceparent}.
 */
@Deduplicated
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE + 50)
public class TracingInterceptor {

    @Inject MessageTracing tracing;

    @AroundInvoke
    Object trace(InvocationContext ctx) throws Exception {
        ListenerCall call = ListenerCall.of(ctx);
        if (call.message() == null) {
            return ctx.proceed(); // the inbox reports the misuse
        }
        try (TraceScope span = tracing.continueTrace(call.message(), call.consumer())) {
            try {
                return ctx.proceed();
            } catch (Exception | Error e) {
                span.fail(e);
                throw e;
            }
        }
    }
}
