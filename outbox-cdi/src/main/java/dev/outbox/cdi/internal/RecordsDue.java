package dev.outbox.cdi.internal;

/**
 * Fired inside a transaction that made records due outside the capture path (such as a retry by an
 * operator); the relay observes it after the commit and runs at once.
 */
public final class RecordsDue {

    /** The only instance. */
    public static final RecordsDue INSTANCE = new RecordsDue();

    private RecordsDue() {}
}
