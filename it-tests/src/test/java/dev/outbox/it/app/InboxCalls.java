package dev.outbox.it.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.outbox.inbox.Inbox;

/** The programmatic inbox, called in a transaction as user code would. */
@ApplicationScoped
public class InboxCalls {

    @Inject Inbox inbox;

    @Transactional
    public boolean markProcessed(String consumer, String messageId) {
        return inbox.markProcessed(consumer, messageId);
    }

    /** Marks, then fails: the row must roll back with the work. */
    @Transactional
    public void markProcessedAndFail(String consumer, String messageId) {
        inbox.markProcessed(consumer, messageId);
        throw new IllegalStateException("work failed after marking " + messageId);
    }

    /** No transaction: refused. */
    @Transactional(Transactional.TxType.NEVER)
    public boolean markProcessedWithoutTransaction(String consumer, String messageId) {
        return inbox.markProcessed(consumer, messageId);
    }
}
