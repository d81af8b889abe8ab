package dev.outbox.jpa.internal;

/**
 * The name of every statement a {@link Dialect} may write. Placeholders are JDBC's {@code ?}, or
 * numbered ({@code ?1}, {@code ?2}, see {@link Sql}) where the text says so. Tables are named bare
 * ({@code outbox_record}); {@link Tables#qualify} puts the configured schema in front of each.
 */
enum Statement {
    /** Takes the key's next number and inserts the record in one statement (numbered). */
    APPEND,
    /** Inserts the record with its number given as ?11 (numbered, as {@link #APPEND}). */
    APPEND_NUMBERED,
    /** Increments, or creates at 1, the sequence of key (?1, ?2) in one statement (numbered). */
    INCREMENT_SEQUENCE,
    /** Creates a key's sequence row: type, id, number. */
    KEY_INSERT,
    /** Whether a key's sequence row exists. */
    KEY_EXISTS,
    /** Counts a key's sequence up by one. */
    KEY_INCREMENT,
    /** Reads a key's last number. */
    KEY_READ,
    /** Runs in the relay's transaction before its claim. */
    BEFORE_CLAIM,
    /** The claim (?1 now, ?2 limit) where FAILED and QUARANTINED records hold their key. */
    CLAIM_HOLD_UNSENT,
    /** The claim (?1 now, ?2 limit) where only PENDING records hold their key. */
    CLAIM_HOLD_PENDING,
    /** Without SKIP LOCKED: ids of due head records, unlocked, as {@link #CLAIM_HOLD_UNSENT}. */
    CANDIDATES_HOLD_UNSENT,
    /** Without SKIP LOCKED: ids of due head records, unlocked, as {@link #CLAIM_HOLD_PENDING}. */
    CANDIDATES_HOLD_PENDING,
    /** Locks one candidate (id, now) while it is still due. */
    LOCK_CANDIDATE,
    /** Reads a whole record by id. */
    READ_RECORD,
    /** Marks records dispatched (time, id; or time, array of ids where the dialect has arrays). */
    MARK_DISPATCHED,
    /** Deletes sent records (id; or array of ids where the dialect has arrays). */
    MARK_DELETED,
    /** A failed attempt that will be retried: attempts, status, error, next attempt, id, before. */
    ATTEMPT_FAILED_RETRY,
    /** A failed attempt that ends the retries: attempts, status, error, id, attempts before. */
    ATTEMPT_FAILED_FINAL,
    /** Deletes at most ?2 records dispatched before ?1 (numbered). */
    PURGE,
    /** Where there is no {@link #PURGE}: ids of records dispatched before ?1, at most ?2. */
    PURGE_CANDIDATES,
    /** Deletes one candidate of {@link #PURGE_CANDIDATES} while it is still dispatched. */
    PURGE_ONE,
    /** Records whose status this version does not know. */
    UNKNOWN_STATUS,
    /** Quarantines one of them: error, id, the status read. */
    QUARANTINE_UNKNOWN,
    /** Operator: a FAILED or QUARANTINED record pending again (now, id). */
    RETRY,
    /** Operator: a DISPATCHED record pending again (now, id). */
    REPLAY,
    /**
     * Operator, skipping a dead letter: whether an earlier record of its key is unsent (type, id,
     * sequence).
     */
    KEY_EARLIER_UNSENT,
    /** Operator, skipping: the key's next records, id, status and headers (type, id, sequence). */
    KEY_LATER,
    /**
     * Operator: the ids of a key's dispatched records in a range, in order (type, id, from, to).
     */
    KEY_DISPATCHED,
    /** Operator: a dead letter skipped (id, the status read). */
    SKIP,
    /** Operator, skipping: the next record's headers (headers, id). */
    SET_HEADERS,
    /** Operator: deletes a record that is not pending (id). */
    DELETE,
    /**
     * Archive: a dispatched record moved back from the archive, pending again (now, id); the
     * dialects without an archive have none.
     */
    ARCHIVE_REPLAY,
    /** Archive: deletes an archived record (id). */
    ARCHIVE_DELETE,
    /** Archive: deletes at most ?2 records dispatched before ?1 from its default partition. */
    ARCHIVE_PURGE,
    /** Archive: the names of its partitions (the archive's qualified name). */
    ARCHIVE_PARTITIONS,
    /** Archive: whether it is partitioned, and has a default partition (its qualified name). */
    ARCHIVE_LAYOUT,
    /** Archive: one server at a time changes its partitions, for this transaction. */
    ARCHIVE_LOCK,
    /** Archive: a new day's table ({@code %s}: its name), to attach. */
    ARCHIVE_NEW_DAY,
    /** Archive: attaches a day's table ({@code %s}: name, first instant, next day's). */
    ARCHIVE_ATTACH_DAY,
    /** Archive: detaches a day's partition ({@code %s}: its name). */
    ARCHIVE_DETACH_DAY,
    /** Archive: drops a detached day ({@code %s}: its name). */
    ARCHIVE_DROP_DAY,
    /** Operator: counts and oldest record per destination and status. */
    BACKLOG,
    /**
     * Operator: the dead letters that head their key, with the records held behind them ({@code
     * held}, {@code oldest_held}); followed by a WHERE condition and an order.
     */
    BLOCKED_HEADS,
    /** Operator search: whole records, followed by a WHERE clause and the order. */
    FIND_RECORDS,
    /** Operator search: records without payload and headers, followed as {@link #FIND_RECORDS}. */
    FIND_SUMMARIES,
    /** Operator search: the count, followed by a WHERE clause. */
    COUNT_RECORDS,
    /** Pauses a destination: destination, time, by whom. */
    PAUSE_INSERT,
    /** {@link #PAUSE_INSERT} doing nothing when the destination is paused already. */
    PAUSE_INSERT_IF_ABSENT,
    /** Whether a destination is paused. */
    PAUSE_EXISTS,
    /** Resumes a destination. */
    RESUME,
    /** Resumes the destinations one pauser (paused_by) paused before a time: by whom, time. */
    RESUME_PAUSED_BY,
    /** Resumes a destination if one pauser paused it: destination, by whom. */
    RESUME_ONE_PAUSED_BY,
    /** The paused destinations. */
    PAUSED,
    /** Inbox: records a processed message: consumer, message id, time. */
    PROCESSED_INSERT,
    /** {@link #PROCESSED_INSERT} doing nothing when the message is recorded already. */
    PROCESSED_INSERT_IF_ABSENT,
    /** Inbox: whether a message is recorded. */
    PROCESSED_EXISTS,
    /** Inbox: deletes at most ?2 processed messages recorded before ?1 (numbered). */
    PROCESSED_PURGE,
    /** Inbox: creates a consumer's key row: consumer, type, id, number, time. */
    INBOX_KEY_INSERT,
    /** {@link #INBOX_KEY_INSERT} doing nothing when the row exists. */
    INBOX_KEY_INSERT_IF_ABSENT,
    /** Inbox: whether a consumer's key row exists. */
    INBOX_KEY_EXISTS
}
