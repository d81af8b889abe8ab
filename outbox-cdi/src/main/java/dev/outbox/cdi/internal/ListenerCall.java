package dev.outbox.cdi.internal;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.interceptor.InvocationContext;
import jakarta.jms.Message;

import dev.outbox.inbox.Deduplicated;

/**
 * A call of a {@link Deduplicated} listener, as the interceptors around it see it: the message and
 * the consumer's settings.
 *
 * @param message the message parameter, or {@code null} when the method has none
 * @param consumer the consumer name: the annotation's, else the declaring class's simple name
 * @param ordering the annotation's order check
 */
public record ListenerCall(Message message, String consumer, Deduplicated.Ordering ordering) {

    private static final Map<Method, Deduplicated> SETTINGS = new ConcurrentHashMap<>();

    /**
     * @param ctx the intercepted invocation
     * @return what the call is about
     */
    public static ListenerCall of(InvocationContext ctx) {
        Message message = null;
        for (Object p : ctx.getParameters()) {
            if (p instanceof Message m) {
                message = m;
                break;
            }
        }
        Method method = ctx.getMethod();
        Deduplicated settings = SETTINGS.computeIfAbsent(method, ListenerCall::settings);
        String consumer =
                settings == null || settings.consumer().isBlank()
                        ? method.getDeclaringClass().getSimpleName()
                        : settings.consumer();
        return new ListenerCall(
                message,
                consumer,
                settings == null ? Deduplicated.Ordering.CONFIGURED : settings.ordering());
    }

    private static Deduplicated settings(Method method) {
        Deduplicated d = method.getAnnotation(Deduplicated.class);
        return d != null ? d : method.getDeclaringClass().getAnnotation(Deduplicated.class);
    }
}
