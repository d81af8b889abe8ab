package dev.outbox.inbox;

/**
 * A consumer's memory of the messages it has processed, so that it processes each at most once
 * although the outbox delivers at least once. Inject it with {@code @Inject Inbox}.
 *
 * <p>Call it inside the consumer's JTA transaction, before the work: the row it writes commits or
 * rolls back with the work. If the work fails, the row disappears with it and the redelivered
 * message is processed; once it commits, every later copy is recognised.
 *
 * <pre>{@code
 * if (inbox.markProcessed("billing", message.getStringProperty(MessageProperties.RECORD_ID))) {
 *     bill(message);
 * }
 * }</pre>
 *
 * For message-driven beans, {@link Deduplicated} on {@code onMessage} does this for you.
 */
public interface Inbox {

    /**
     * Records that a consumer processes a message, in the caller's transaction.
     *
     * @param consumer a stable name of the consumer, at most 255 characters
     * @param messageId the message's id: the outbox record id ({@code outboxRecordId}), or any
     *     other id stable across redeliveries, at most 255 characters
     * @return {@code true} the first time, {@code false} when the consumer has already processed
     *     that message (in a committed transaction); if another transaction is processing it right
     *     now, waits for that one to end
     * @throws dev.outbox.NoTransactionException when there is no active JTA transaction
     */
    boolean markProcessed(String consumer, String messageId);
}
