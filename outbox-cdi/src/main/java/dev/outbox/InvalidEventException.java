package dev.outbox;

/**
 * Thrown when a fired {@link OutboxEvent} cannot be stored as it is: a blank or oversized key or
 * type, no route to a destination, an invalid header, or a payload that cannot be serialized. The
 * caller's transaction is marked for rollback, so nothing of it is committed.
 */
public class InvalidEventException extends OutboxException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message the full message, naming the event type and what is wrong
     */
    public InvalidEventException(String message) {
        super(message);
    }

    /**
     * @param message the full message, naming the event type and what is wrong
     * @param cause the underlying failure, such as a serializer's exception
     */
    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
