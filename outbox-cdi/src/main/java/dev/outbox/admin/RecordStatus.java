package dev.outbox.admin;

/** Where an outbox record is in its life. */
public enum RecordStatus {
    /** Committed and waiting to be sent, possibly after a backoff. */
    PENDING,
    /** Sent to the broker. Kept only for the configured retention. */
    DISPATCHED,
    /** Retries exhausted: a dead letter that waits for an operator. */
    FAILED,
    /**
     * Can never be sent as it is (no route, destination refused, bad payload): waits for an
     * operator.
     */
    QUARANTINED,
    /**
     * A dead letter an operator passed over ({@link Outbox#skip}): never sent, kept until deleted,
     * and holds nothing back.
     */
    SKIPPED
}
