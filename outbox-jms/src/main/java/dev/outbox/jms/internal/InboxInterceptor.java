package dev.outbox.jms.internal;

import jakarta.annotation.Priority;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;

import dev.outbox.MessageProperties;
import dev.outbox.OutboxException;
import dev.outbox.cdi.internal.InboxService;
import dev.outbox.cdi.internal.InboxService.Admission;
import dev.outbox.cdi.internal.InboxService.Position;
import dev.outbox.cdi.internal.ListenerCall;
import dev.outbox.cdi.internal.Msg;
import dev.outbox.cdi.internal.Transactions;
import dev.outbox.inbox.Deduplicated;
import dev.outbox.inbox.RedeliveryRequiredException;

/**
 * Runs a {@link Deduplicated} listener only for messages its consumer has not processed: the inbox
 * row is written in the listener's transaction, first, so that it commits or rolls back with the
 * listener's work. A message the strict order check holds back rolls the transaction back; outside
 * a message-driven bean's own {@code onMessage} it also throws {@link RedeliveryRequiredException},
 * so that the message is not acknowledged.
 */
@Deduplicated
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE + 100)
public class InboxInterceptor {

    @Inject InboxService inbox;

    @AroundInvoke
    Object deduplicate(InvocationContext ctx) throws Exception {
        ListenerCall call = ListenerCall.of(ctx);
        Message message = call.message();
        if (message == null) {
            throw new OutboxException(Msg.INBOX_NO_MESSAGE.format(ctx.getMethod()));
        }
        String id = messageId(message);
        Admission admission = inbox.admit(call.consumer(), id, position(message), call.ordering());
        return switch (admission) {
            case PROCESS -> ctx.proceed();
            case DUPLICATE, OLDER -> null;
            case WAIT, REFUSE -> {
                Transactions.registry().setRollbackOnly();
                if (deliveredInThisTransaction(ctx)) {
                    // a message-driven bean's own transaction: its rollback redelivers the message
                    yield null;
                }
                // elsewhere the message may have been received outside this transaction (the
                // pattern without XA): only an exception keeps it from being acknowledged
                throw new RedeliveryRequiredException(
                        admission == Admission.WAIT
                                ? Msg.INBOX_HELD.format(call.consumer(), id)
                                : Msg.INBOX_REFUSED.format(call.consumer(), id));
            }
        };
    }

    /**
     * @return whether the call is a message-driven bean's {@code onMessage} in a transaction: the
     *     container's, which holds the message's delivery (a transaction begun inside {@code
     *     onMessage} starts after this interceptor)
     */
    private static boolean deliveredInThisTransaction(InvocationContext ctx) {
        if (!ctx.getMethod().getName().equals("onMessage") || ctx.getTarget() == null) {
            return false;
        }
        for (Class<?> c = ctx.getTarget().getClass(); c != null; c = c.getSuperclass()) {
            if (c.isAnnotationPresent(MessageDriven.class)) {
                return true;
            }
        }
        return false;
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
        long sequence = m.getLongProperty(MessageProperties.SEQUENCE);
        return new Position(
                m.getStringProperty(MessageProperties.AGGREGATE_TYPE),
                m.getStringProperty(MessageProperties.AGGREGATE_ID),
                sequence,
                m.propertyExists(MessageProperties.FOLLOWS)
                        ? m.getLongProperty(MessageProperties.FOLLOWS)
                        : sequence - 1);
    }
}
