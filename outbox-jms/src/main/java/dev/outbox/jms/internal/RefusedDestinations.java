package dev.outbox.jms.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;

import dev.outbox.admin.OutboxRecord;
import dev.outbox.cdi.internal.Durations;
import dev.outbox.cdi.internal.Msg;

/**
 * Destinations the broker refuses the relay: for security (an access list that changed), or because
 * their address is full and fails senders ({@code address-full-policy=FAIL} while the consumers are
 * away). Such a destination is paused in {@code outbox_pause}, where operators pause destinations,
 * marked {@link #PAUSED_BY} or {@link #PAUSED_BY_FULL}: every relay's claim leaves its records out,
 * so the other destinations go on however many of its records wait, and operators see it among the
 * paused destinations. Its records stay pending and are charged nothing. Any server's housekeeping
 * lifts such a pause once it is older than {@code outbox.relay.max-backoff} ({@link Housekeeping}),
 * so a pause outlives the server that took it; its records are tried then and, refused again, pause
 * it again. A full address frees itself as soon as its consumers catch up, so the server that
 * paused it lifts its own pause sooner ({@link #liftDue}): after the relay interval, doubling while
 * the address stays full, up to the maximum backoff.
 *
 * <p>In memory, per server, only what the log needs: one warning when a destination starts to be
 * refused here, one line when a send to it succeeds again here; a destination refused again within
 * {@link RelayPause#SUMMARY_EVERY} of its recovery logs both at FINE only. Not thread-safe: used by
 * the one thread that runs the batches.
 */
final class RefusedDestinations {

    /**
     * The {@code paused_by} of the relay's own pauses: the relay lifts these, and never a pause
     * with any other.
     */
    static final String PAUSED_BY = "outbox-relay: broker refused (security)";

    /** The {@code paused_by} of the relay's pauses of a destination whose address is full. */
    static final String PAUSED_BY_FULL = "outbox-relay: broker refused (address full)";

    /** Every {@code paused_by} of the relay's own pauses. */
    static final List<String> RELAY_PAUSES = List.of(PAUSED_BY, PAUSED_BY_FULL);

    private final RelayWorker worker;
    private final Duration firstRetry;
    private final Duration retryAfter;
    private final Map<String, RelayPause> refused = new HashMap<>();
    private final Set<String> fullAndPaused = new HashSet<>();
    private final Map<String, Instant> recovered = new HashMap<>();
    private final Set<String> quiet = new HashSet<>();

    /**
     * @param worker pauses a destination in a transaction of its own
     * @param firstRetry how long the first pause of a full address lasts, doubling after
     * @param retryAfter how long a pause lasts before it is lifted
     */
    RefusedDestinations(RelayWorker worker, Duration firstRetry, Duration retryAfter) {
        this.worker = worker;
        this.firstRetry = firstRetry;
        this.retryAfter = retryAfter;
    }

    /**
     * Pauses a destination the broker refused, on every server. The refused batch has rolled back:
     * the pause commits in a transaction of its own.
     *
     * @param destination the destination
     * @param cause the broker's refusal: for security, or a full address
     * @param now the time
     * @throws RuntimeException when the database fails: the relay pauses, and the next batch that
     *     is refused pauses the destination
     */
    void refused(String destination, Throwable cause, Instant now) {
        boolean full = !Failures.securityRefused(cause) && Failures.addressFull(cause);
        String by = full ? PAUSED_BY_FULL : PAUSED_BY;
        RelayPause pause =
                refused.computeIfAbsent(
                        destination,
                        d -> new RelayPause(full ? firstRetry : retryAfter, retryAfter));
        if (pause.failed(now) == RelayPause.Report.FIRST) {
            Instant last = recovered.get(destination);
            if (last != null && now.isBefore(last.plus(RelayPause.SUMMARY_EVERY))) {
                // refused again soon after it recovered (a full address that its consumers keep
                // emptying and the relay keeps filling): the log has said so already
                quiet.add(destination);
            } else if (full) {
                Msg.RELAY_DESTINATION_FULL.log(
                        destination,
                        by,
                        Durations.format(firstRetry),
                        Durations.format(retryAfter),
                        Failures.describe(cause));
            } else {
                Msg.RELAY_DESTINATION_REFUSED.log(
                        destination, by, Durations.format(retryAfter), Failures.describe(cause));
            }
        }
        worker.pauseRefused(destination, by);
        if (full) {
            fullAndPaused.add(destination);
        }
    }

    /**
     * Lifts this server's pauses of full addresses whose backoff has passed: their records are
     * tried again, and a refusal pauses them again for twice as long.
     *
     * @param now the time
     * @return how many destinations it resumed
     * @throws RuntimeException when the database fails: the pauses stay, and the housekeeping lifts
     *     them after the maximum backoff
     */
    int liftDue(Instant now) {
        int lifted = 0;
        for (Iterator<String> i = fullAndPaused.iterator(); i.hasNext(); ) {
            String destination = i.next();
            RelayPause pause = refused.get(destination);
            if (pause == null || pause.mayTry(now)) {
                i.remove();
                if (worker.resumeFull(destination)) {
                    lifted++;
                }
            }
        }
        return lifted;
    }

    /**
     * Notes records the broker took: their destinations are no longer refused.
     *
     * @param sent the records sent
     * @param now the time
     */
    void accepted(List<OutboxRecord> sent, Instant now) {
        if (refused.isEmpty()) {
            return;
        }
        for (OutboxRecord r : sent) {
            RelayPause pause = refused.remove(r.destination());
            if (pause != null) {
                Level level = quiet.remove(r.destination()) ? Level.FINE : null;
                pause.recovered(now, level, Msg.RELAY_DESTINATION_ACCEPTED, r.destination());
                recovered.put(r.destination(), now);
            }
        }
    }
}
