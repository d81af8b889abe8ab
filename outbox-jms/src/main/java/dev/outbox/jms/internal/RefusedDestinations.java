package dev.outbox.jms.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.outbox.admin.OutboxRecord;
import dev.outbox.cdi.internal.Durations;
import dev.outbox.cdi.internal.Msg;

/**
 * Destinations the broker refuses the relay for security (an ACL that changed): such a destination
 * pauses as for an outage, its records stay pending and are charged no attempt, and the other
 * destinations go on. Its pause doubles from the relay interval up to the maximum backoff; one
 * warning names it when it starts, one line when a send to it succeeds again. Not thread-safe: used
 * by the one thread that runs the batches.
 */
final class RefusedDestinations {

    private final Duration initial;
    private final Duration max;
    private final Map<String, RelayPause> paused = new HashMap<>();

    RefusedDestinations(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
    }

    /**
     * Leaves out the records of destinations that pause now.
     *
     * @param claimed the records, in order
     * @param now the time
     * @return the others, in order
     */
    List<OutboxRecord> trim(List<OutboxRecord> claimed, Instant now) {
        if (paused.isEmpty()) {
            return claimed;
        }
        return claimed.stream().filter(r -> !pauses(r.destination(), now)).toList();
    }

    /**
     * Notes that the broker refused a destination for security.
     *
     * @param destination the destination
     * @param cause the broker's refusal
     * @param now the time
     */
    void refused(String destination, Throwable cause, Instant now) {
        RelayPause pause = paused.computeIfAbsent(destination, d -> new RelayPause(initial, max));
        if (pause.failed(now) == RelayPause.Report.FIRST) {
            Msg.RELAY_DESTINATION_REFUSED.log(
                    destination, Durations.format(max), Failures.describe(cause));
        }
    }

    /**
     * Notes records the broker took: their destinations no longer pause.
     *
     * @param sent the records sent
     * @param now the time
     */
    void accepted(List<OutboxRecord> sent, Instant now) {
        if (paused.isEmpty()) {
            return;
        }
        for (OutboxRecord r : sent) {
            RelayPause pause = paused.remove(r.destination());
            if (pause != null) {
                Msg.RELAY_DESTINATION_ACCEPTED.log(
                        r.destination(), pause.failures(), Durations.format(pause.failingFor(now)));
            }
        }
    }

    /**
     * @return whether the destination pauses now
     */
    boolean pauses(String destination, Instant now) {
        RelayPause pause = paused.get(destination);
        return pause != null && !pause.mayTry(now);
    }
}
