package dev.outbox.ops.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import dev.outbox.admin.DestinationBacklog;

/**
 * What the health checks decide, as plain functions of the relay's state and the backlog, so that
 * they can be tested without a server.
 */
public final class HealthRules {

    /** The shortest time without a relay run that makes liveness DOWN. */
    static final Duration MIN_STALL = Duration.ofSeconds(30);

    /** How many relay intervals without a run make liveness DOWN (above {@link #MIN_STALL}). */
    static final int STALL_INTERVALS = 10;

    private HealthRules() {}

    /** The tables of the outbox cannot be read: the application's own writes fail too. */
    public static final String DATABASE_UNREACHABLE = "database-unreachable";

    /** The relay pauses because the broker (or the database) failed; records stay pending. */
    public static final String BROKER_UNREACHABLE = "broker-unreachable";

    /** A pending record waits longer than {@code outbox.health.max-pending-age}. */
    public static final String RECORDS_WAITING = "records-waiting";

    /**
     * A check's verdict.
     *
     * @param up whether the check is UP
     * @param reason why it is DOWN (stable codes, such as {@value #DATABASE_UNREACHABLE}), or empty
     * @param data the figures it reports (String, Long or Boolean values); never an exception's
     *     text
     * @param conditions what is wrong now, by code, with the details for the log
     */
    public record Verdict(
            boolean up, String reason, Map<String, Object> data, Map<String, String> conditions) {

        Verdict(boolean up, String reason, Map<String, Object> data) {
            this(up, reason, data, Map.of());
        }
    }

    /**
     * @param interval the relay interval
     * @return how long the relay may go without a run before liveness is DOWN
     */
    public static Duration stallLimit(Duration interval) {
        Duration n = interval.multipliedBy(STALL_INTERVALS);
        return n.compareTo(MIN_STALL) > 0 ? n : MIN_STALL;
    }

    /**
     * Liveness: DOWN when the relay runs on this server but its timer has stopped firing.
     *
     * @param running whether the relay runs on this server
     * @param lastRun when the relay last looked for records, or {@code null} if never
     * @param since when the check started watching (stands for the last run until the first)
     * @param interval the relay interval
     * @param now the current time
     * @return the verdict
     */
    public static Verdict liveness(
            boolean running, Instant lastRun, Instant since, Duration interval, Instant now) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("relay", running ? "running" : "disabled");
        if (!running) {
            return new Verdict(true, "", data);
        }
        Duration limit = stallLimit(interval);
        Instant reference = lastRun != null ? lastRun : since;
        long ago = Math.max(0, Duration.between(reference, now).toMillis());
        data.put("lastRun", lastRun == null ? "never" : lastRun.toString());
        data.put("lastRunMillisAgo", ago);
        data.put("stallLimitMillis", limit.toMillis());
        if (ago > limit.toMillis()) {
            return new Verdict(
                    false,
                    "the relay timer has not run for "
                            + ago
                            + " ms (limit "
                            + limit.toMillis()
                            + " ms)",
                    data);
        }
        return new Verdict(true, "", data);
    }

    /**
     * Readiness. What the outbox copes with by design, a relay that cannot reach the broker and
     * records waiting for it, is reported as a condition in the data, and makes readiness DOWN only
     * when so configured ({@code outbox.health.readiness=outbox}): a broker outage must not take
     * the application out of service. Outbox tables that cannot be read make it DOWN always.
     *
     * @param running whether the relay runs on this server
     * @param failing whether the relay pauses because the broker or the database failed
     * @param backlog the backlog per destination, or {@code null} when it could not be read
     * @param strict whether the relay's conditions make readiness DOWN too
     * @param maxPendingAge the age from which a pending record counts as waiting
     * @param now the current time
     * @return the verdict
     */
    public static Verdict readiness(
            boolean running,
            boolean failing,
            List<DestinationBacklog> backlog,
            boolean strict,
            Duration maxPendingAge,
            Instant now) {
        Map<String, Object> data = new LinkedHashMap<>();
        Map<String, String> conditions = new LinkedHashMap<>();
        data.put("relay", !running ? "disabled" : failing ? "failing" : "running");
        if (running && failing) {
            conditions.put(
                    BROKER_UNREACHABLE,
                    "the relay cannot reach the broker or the database and pauses; records stay"
                            + " pending (OUTBOX0306W gives the cause)");
        }
        data.put("maxPendingAgeSeconds", maxPendingAge.toSeconds());
        if (backlog == null) {
            data.put("database", "unreachable");
            conditions.put(
                    DATABASE_UNREACHABLE,
                    "the outbox tables cannot be read (OUTBOX0610W gives the cause)");
        } else {
            data.put("database", "ok");
            long pending = 0;
            long failed = 0;
            long quarantined = 0;
            Instant oldest = null;
            TreeSet<String> stalled = new TreeSet<>();
            TreeSet<String> paused = new TreeSet<>();
            for (DestinationBacklog b : backlog) {
                pending += b.pending();
                failed += b.failed();
                quarantined += b.quarantined();
                if (b.paused()) {
                    paused.add(b.destination());
                    continue;
                }
                if (b.oldestPending() != null) {
                    if (oldest == null || b.oldestPending().isBefore(oldest)) {
                        oldest = b.oldestPending();
                    }
                    if (Duration.between(b.oldestPending(), now).compareTo(maxPendingAge) > 0) {
                        stalled.add(b.destination());
                    }
                }
            }
            data.put("pending", pending);
            data.put("failed", failed);
            data.put("quarantined", quarantined);
            data.put(
                    "oldestPendingAgeSeconds",
                    oldest == null ? 0L : Math.max(0, Duration.between(oldest, now).toSeconds()));
            data.put("pausedDestinations", String.join(",", paused));
            if (!stalled.isEmpty()) {
                data.put("stalledDestinations", String.join(",", stalled));
                conditions.put(
                        RECORDS_WAITING,
                        "records of "
                                + String.join(", ", stalled)
                                + " wait longer than "
                                + maxPendingAge.toSeconds()
                                + " s");
            }
        }
        data.put("conditions", String.join(",", conditions.keySet()));
        List<String> down = new ArrayList<>();
        for (String c : conditions.keySet()) {
            if (strict || c.equals(DATABASE_UNREACHABLE)) {
                down.add(c);
            }
        }
        return new Verdict(down.isEmpty(), String.join(",", down), data, conditions);
    }
}
