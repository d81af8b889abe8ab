package dev.outbox.inbox;

import jakarta.ejb.ApplicationException;

import dev.outbox.OutboxException;

/**
 * Thrown by a {@link Deduplicated} method whose strict order check holds a message back (a message
 * of its key before it has not been processed yet), or whose inbox refuses a message it cannot
 * trust (no id, or a sequence implausibly far ahead: see {@code outbox.inbox.missing-id} and {@code
 * outbox.inbox.max-sequence-jump}), unless the method is a message-driven bean's own {@code
 * onMessage}, whose rolled-back transaction already redelivers the message. The transaction rolls
 * back, and the exception must reach the resource adapter, so that the broker delivers the message
 * again later: let it propagate out of {@code onMessage}. Catching it acknowledges the message,
 * which is then lost to this consumer.
 *
 * <p>An application exception: the container rolls back without discarding the bean or logging a
 * system error.
 */
@ApplicationException(rollback = true)
public class RedeliveryRequiredException extends OutboxException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message the full message, naming the consumer, the message and its key
     */
    public RedeliveryRequiredException(String message) {
        super(message);
    }
}
