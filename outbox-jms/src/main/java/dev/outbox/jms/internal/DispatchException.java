package dev.outbox.jms.internal;

import jakarta.ejb.ApplicationException;

import dev.outbox.admin.OutboxRecord;

/**
 * A batch could not be sent. Says which record failed (if one did) and whether the failure is the
 * record's or the relay's as a whole. The container rolls back the batch's transaction and hands
 * this exception to the caller unwrapped.
 */
@ApplicationException(rollback = true)
public class DispatchException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Whose failure it is, which decides what happens next. */
    public enum Kind {
        /** The broker or the database cannot be used: the whole relay pauses and tries later. */
        RELAY,
        /** This record could not be sent this time: it is retried after a backoff. */
        RETRYABLE,
        /** This record can never be sent as it is: it is quarantined at once. */
        PERMANENT,
        /**
         * The broker refuses the relay this record's destination (security, or its address is full
         * and fails senders): the destination pauses and is tried again later; the record is
         * charged nothing.
         */
        REFUSED
    }

    private final transient OutboxRecord record;
    private final Kind kind;
    private final boolean atCommit;

    DispatchException(Kind kind, OutboxRecord record, String message, Throwable cause) {
        this(kind, record, message, cause, false);
    }

    DispatchException(
            Kind kind, OutboxRecord record, String message, Throwable cause, boolean atCommit) {
        super(message, cause);
        this.kind = kind;
        this.record = record;
        this.atCommit = atCommit;
    }

    /**
     * @return whether the broker refused the batch when committing it, so that the record at fault
     *     is not known (a transacted send reports its failure at commit)
     */
    public boolean atCommit() {
        return atCommit;
    }

    /**
     * @return whose failure it is
     */
    public Kind kind() {
        return kind;
    }

    /**
     * @return the record that failed, or {@code null} for a relay-wide failure
     */
    public OutboxRecord record() {
        return record;
    }
}
