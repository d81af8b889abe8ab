package dev.outbox.jms.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the relay's runner ({@link DrainLoop}) runs: each call in a transaction of its own. */
interface RelayWork {
    /**
     * Relays one batch.
     *
     * @return the records claimed: the drain goes on while it is the batch size
     * @throws DispatchException when the relay as a whole must pause
     */
    int batch() throws DispatchException;

    /**
     * @return how many dispatched records past their retention one statement deleted
     */
    int purge();

    /**
     * Keeps the archive's days, where dispatched records go to one.
     *
     * @return the days it retired
     */
    default List<LocalDate> keepArchive() {
        return List.of();
    }

    /** Quarantines records with a status the outbox does not know. */
    void sweep();

    /**
     * Lifts the relay's pauses of refused destinations, whichever server took them.
     *
     * @param olderThan the time the pauses were taken before
     * @return how many destinations it resumed
     */
    int liftRefusals(Instant olderThan);
}
