package dev.outbox.inbox;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

/**
 * Protects a message listener with the {@link Inbox}: a copy of a message the consumer has already
 * processed is acknowledged and skipped without running the method.
 *
 * <pre>{@code
 * @MessageDriven(...)
 * public class BillingListener implements MessageListener {
 *     @Deduplicated(consumer = "billing")
 *     public void onMessage(Message message) { ... }
 * }
 * }</pre>
 *
 * The method must take a {@code jakarta.jms.Message} and run in a container-managed JTA transaction
 * (the default for message-driven beans). The message id is the outbox record id ({@code
 * outboxRecordId}); for messages that do not come from the outbox, the JMS message id.
 */
@Documented
@Inherited
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Deduplicated {

    /**
     * The consumer's name in the inbox. Defaults to the bean class's simple name (the default EJB
     * name); name it explicitly so that renaming the class keeps the memory.
     *
     * @return the consumer name, or empty for the default
     */
    @Nonbinding
    String consumer() default "";

    /**
     * What to do with the per-key sequence the outbox sends ({@code outboxSequence}). Defaults to
     * {@code outbox.inbox.ordering}.
     *
     * @return the ordering check
     */
    @Nonbinding
    Ordering ordering() default Ordering.CONFIGURED;

    /** The per-key ordering check of a consumer. */
    enum Ordering {
        /** Use the value of {@code outbox.inbox.ordering} (which defaults to {@link #NONE}). */
        CONFIGURED,
        /** No check: every new message is processed. */
        NONE,
        /**
         * A message older than the last one processed of its key is skipped; a gap (a message newer
         * than the next expected) is reported and processed.
         */
        CHECK,
        /**
         * As {@link #CHECK}, but a message after a gap is rolled back for redelivery until its
         * predecessors have been processed. Needs a redelivery delay on the broker.
         */
        STRICT
    }
}
