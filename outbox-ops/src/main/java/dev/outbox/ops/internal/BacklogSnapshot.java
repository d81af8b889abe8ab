package dev.outbox.ops.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.enterprise.concurrent.ManagedExecutorService;

import dev.outbox.DestinationBacklog;
import dev.outbox.Outbox;
import dev.outbox.cdi.internal.Msg;

/**
 * The backlog per destination for metric callbacks, which run on the exporter's own thread where no
 * transaction or persistence context can be had: the query runs on a managed thread, at most every
 * {@link #MAX_AGE}, and callbacks report the last figures read, never waiting for the database.
 */
final class BacklogSnapshot {

    static final Duration MAX_AGE = Duration.ofSeconds(5);

    private final Outbox outbox;
    private final ManagedExecutorService executor;
    private final Clock clock = Clock.systemUTC();
    private final AtomicBoolean warned = new AtomicBoolean();
    private final AtomicBoolean reading = new AtomicBoolean();
    private volatile List<DestinationBacklog> last = List.of();
    private volatile Instant readAt = Instant.MIN;

    BacklogSnapshot(Outbox outbox) {
        this.outbox = outbox;
        this.executor = lookupExecutor();
    }

    /**
     * @return the last backlog read; starts a new read when it is older than {@link #MAX_AGE} (the
     *     next call sees its result), so that the caller never waits for the database
     */
    List<DestinationBacklog> get() {
        Instant now = clock.instant();
        if (executor != null
                && readAt.plus(MAX_AGE).isBefore(now)
                && reading.compareAndSet(false, true)) {
            try {
                executor.execute(this::read);
            } catch (RuntimeException e) {
                reading.set(false);
            }
        }
        return last;
    }

    private void read() {
        try {
            last = outbox.backlog();
            readAt = clock.instant();
            warned.set(false);
        } catch (RuntimeException e) {
            if (warned.compareAndSet(false, true)) {
                Msg.OPS_BACKLOG_UNREADABLE.log(e, String.valueOf(e));
            }
        } finally {
            reading.set(false);
        }
    }

    private static ManagedExecutorService lookupExecutor() {
        try {
            return (ManagedExecutorService)
                    new InitialContext().lookup("java:comp/DefaultManagedExecutorService");
        } catch (NamingException | ClassCastException | NoClassDefFoundError e) {
            Msg.OPS_BACKLOG_UNREADABLE.log(
                    "no managed executor (Jakarta Concurrency; Open Liberty: the concurrent feature) to read it with: "
                            + e);
            return null;
        }
    }
}
