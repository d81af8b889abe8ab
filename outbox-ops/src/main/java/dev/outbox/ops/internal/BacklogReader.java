package dev.outbox.ops.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.outbox.admin.BlockedKey;
import dev.outbox.admin.DestinationBacklog;
import dev.outbox.admin.Outbox;
import dev.outbox.cdi.internal.Msg;
import dev.outbox.cdi.internal.OutboxSettings;

/**
 * Reads the backlog per destination for the health checks and the metrics, at most once per {@code
 * outbox.health.backlog-cache}: a probe every second must not run a grouping query over the outbox
 * table every second. A health check reads on its own thread when the last reading is stale; a
 * metric callback runs on the exporter's thread, where no transaction or persistence context can be
 * had, so it starts a reading on a managed thread and reports the last figures, never waiting for
 * the database. That thread has no application context either, so the managed executor is looked up
 * beforehand ({@link #prepare}), on a thread of the application. A failed reading is remembered as
 * such for the same time, and logged once until a reading succeeds again (the exception goes to the
 * log, never to the health data).
 */
@ApplicationScoped
public class BacklogReader {

    /**
     * One reading: the backlog and the blocked keys per destination of their head, or {@code null}
     * when they could not be read, and when.
     */
    private record Reading(
            List<DestinationBacklog> backlog, Map<String, Long> blocked, Instant at) {}

    /** The most blocked keys a reading counts. */
    static final int BLOCKED_COUNTED = 10_000;

    @Inject Outbox outbox;
    @Inject OutboxSettings settings;

    private final Clock clock = Clock.systemUTC();
    private final AtomicBoolean warned = new AtomicBoolean();
    private final AtomicBoolean blockedWarned = new AtomicBoolean();
    private final AtomicBoolean reading = new AtomicBoolean();
    private volatile Reading last;
    private volatile ManagedExecutorService executor;

    /**
     * Looks up the managed executor that readings for the metrics run on. Call it on a thread of
     * the application (its JNDI context is not on the exporter's thread); without it, the metrics
     * show only the figures the health checks read.
     */
    public void prepare() {
        try {
            executor =
                    (ManagedExecutorService)
                            new InitialContext().lookup("java:comp/DefaultManagedExecutorService");
        } catch (NamingException | RuntimeException | LinkageError e) {
            Msg.OPS_BACKLOG_UNREADABLE.log(
                    "no managed executor (Jakarta Concurrency; Open Liberty: the concurrent"
                            + " feature) to read it with for the metrics: "
                            + e);
        }
    }

    /**
     * For a health check: the backlog, read now when the last reading is older than the cache.
     *
     * @return the backlog, or {@code null} when the outbox tables cannot be read
     */
    public synchronized List<DestinationBacklog> current() {
        Reading r = last;
        if (r != null && fresh(r, clock.instant())) {
            return r.backlog();
        }
        return read().backlog();
    }

    /**
     * For a metric callback: the last figures read (empty before the first), and a new reading
     * started on a managed thread when they are stale.
     *
     * @return the backlog last read successfully
     */
    public List<DestinationBacklog> latest() {
        Reading r = latestReading();
        return r == null || r.backlog() == null ? List.of() : r.backlog();
    }

    /**
     * For a metric callback, as {@link #latest}: the keys a dead letter blocks, per destination of
     * their head (counted up to {@value #BLOCKED_COUNTED}).
     *
     * @return the counts last read successfully
     */
    public Map<String, Long> latestBlocked() {
        Reading r = latestReading();
        return r == null || r.blocked() == null ? Map.of() : r.blocked();
    }

    private Reading latestReading() {
        Reading r = last;
        if ((r == null || !fresh(r, clock.instant())) && reading.compareAndSet(false, true)) {
            ManagedExecutorService e = executor;
            if (e == null) {
                reading.set(false);
            } else {
                try {
                    e.execute(
                            () -> {
                                try {
                                    synchronized (this) {
                                        read();
                                    }
                                } finally {
                                    reading.set(false);
                                }
                            });
                } catch (RuntimeException refused) {
                    reading.set(false);
                }
            }
        }
        return r;
    }

    private boolean fresh(Reading r, Instant now) {
        return !r.at().plus(settings.healthBacklogCache()).isBefore(now);
    }

    /**
     * @return the blocked keys per destination, or {@code null} when they cannot be read: the
     *     metric then shows none, and the health checks, which read only the backlog, go on
     */
    private Map<String, Long> blocked() {
        try {
            Map<String, Long> blocked = new TreeMap<>();
            for (BlockedKey k : outbox.blockedKeys(null, BLOCKED_COUNTED)) {
                blocked.merge(k.head().destination(), 1L, Long::sum);
            }
            blockedWarned.set(false);
            return blocked;
        } catch (RuntimeException e) {
            if (blockedWarned.compareAndSet(false, true)) {
                Msg.OPS_BACKLOG_UNREADABLE.log(e, "the blocked keys: " + e);
            }
            return null;
        }
    }

    private Reading read() {
        Reading r;
        try {
            r = new Reading(outbox.backlog(), blocked(), clock.instant());
            warned.set(false);
        } catch (RuntimeException e) {
            if (warned.compareAndSet(false, true)) {
                Msg.OPS_BACKLOG_UNREADABLE.log(e, String.valueOf(e));
            }
            r = new Reading(null, null, clock.instant());
        }
        last = r;
        return r;
    }
}
