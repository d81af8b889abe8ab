package dev.outbox;

/**
 * Thrown when an {@link OutboxEvent} is fired without an active JTA transaction. Nothing is
 * written. Fire events from a {@code @Transactional} method or an EJB with container-managed
 * transactions.
 */
public class NoTransactionException extends OutboxException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message the full message, naming the event type
     */
    public NoTransactionException(String message) {
        super(message);
    }
}
