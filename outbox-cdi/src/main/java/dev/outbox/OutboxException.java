package dev.outbox;

/**
 * The base of every exception the outbox throws. Each message starts with a stable id such as
 * {@code OUTBOX0101E}, listed in the project's message catalogue.
 */
public class OutboxException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message the full message, starting with its id
     */
    public OutboxException(String message) {
        super(message);
    }

    /**
     * @param message the full message, starting with its id
     * @param cause the underlying failure
     */
    public OutboxException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * For failures whose stack trace says nothing useful, such as invalid configuration.
     *
     * @param message the full message, starting with its id
     * @param cause the underlying failure, or {@code null}
     * @param stackTrace whether to record the stack trace
     */
    protected OutboxException(String message, Throwable cause, boolean stackTrace) {
        super(message, cause, true, stackTrace);
    }
}
