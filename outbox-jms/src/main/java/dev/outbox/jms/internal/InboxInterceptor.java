package dev.outbox.jms.internal;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;

import dev.outbox.Deduplicated;
import dev.outbox.MessageProperties;
import dev.outbox.OutboxException;
import dev.outbox.cdi.internal.InboxService;
import dev.outbox.cdi.internal.InboxService.Admission;
import dev.outbox.cdi.internal.InboxService.Position;
import dev.outbox.cdi.internal.Msg;
import dev.outbox.cdi.internal.Transactions;

/**
 * Runs a {@link Deduplicated} listener only for messages its consumer has not processed: the inbox
 * row is written in the listener's transaction, first, so that it commits or rolls back with the
 * listener's work.
 */
@Deduplicated
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE + 100)
public class InboxInterceptor {

    private static final Map<Method, Deduplicated> SETTINGS = new ConcurrentHashMap<>();

    @Inject InboxService inbox;

    @AroundInvoke
    Object deduplicate(InvocationContext ctx) throws Exception {
        Message message = null;
        for (Object p : ctx.getParameters()) {
            if (p instanceof Message m) {
                message = m;
                break;
            }
        }
        if (message == null) {
            throw new OutboxException(Msg.INBOX_NO_MESSAGE.format(ctx.getMethod()));
        }
        Deduplicated settings =
                SETTINGS.computeIfAbsent(ctx.getMethod(), InboxInterceptor::settings);
        String consumer =
                settings == null || settings.consumer().isBlank()
                        ? ctx.getMethod().getDeclaringClass().getSimpleName()
                        : settings.consumer();
        Deduplicated.Ordering ordering =
                settings == null ? Deduplicated.Ordering.CONFIGURED : settings.ordering();
        Admission admission =
                inbox.admit(consumer, messageId(message), position(message), ordering);
        return switch (admission) {
            case PROCESS -> ctx.proceed();
            case DUPLICATE, OLDER -> null;
            case WAIT -> {
                Transactions.registry().setRollbackOnly();
                yield null;
            }
        };
    }

    private static Deduplicated settings(Method method) {
        Deduplicated d = method.getAnnotation(Deduplicated.class);
        return d != null ? d : method.getDeclaringClass().getAnnotation(Deduplicated.class);
    }

    private static String messageId(Message m) throws JMSException {
        String id = m.getStringProperty(MessageProperties.RECORD_ID);
        return id != null ? id : m.getJMSMessageID();
    }

    private static Position position(Message m) throws JMSException {
        if (!m.propertyExists(MessageProperties.SEQUENCE)
                || !m.propertyExists(MessageProperties.AGGREGATE_TYPE)
                || !m.propertyExists(MessageProperties.AGGREGATE_ID)) {
            return null;
        }
        return new Position(
                m.getStringProperty(MessageProperties.AGGREGATE_TYPE),
                m.getStringProperty(MessageProperties.AGGREGATE_ID),
                m.getLongProperty(MessageProperties.SEQUENCE));
    }
}
