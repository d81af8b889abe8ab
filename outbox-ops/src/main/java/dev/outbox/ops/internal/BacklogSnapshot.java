package dev.outbox.ops.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
 * {@link #MAX_AGE}, and the callback waits for it briefly; otherwise the last figures are reported.
 */
final class BacklogSnapshot {

    static final Duration MAX_AGE = Duration.ofSeconds(5);
    static final Duration WAIT = Duration.ofSeconds(3);

    private final Outbox outbox;
    private final ManagedExecutorService executor;
    private final Clock clock = Clock.systemUTC();
    private final AtomicBoolean warned = new AtomicBoolean();
    private volatile List<DestinationBacklog> last = List.of();
    private volatile Instant readAt = Instant.MIN;

    BacklogSnapshot(Outbox outbox) {
        this.outbox = outbox;
        this.executor = lookupExecutor();
    }

    /**
     * @return the backlog, at most {@link #MAX_AGE} old when the database answers in time
     */
    synchronized List<DestinationBacklog> get() {
        Instant now = clock.instant();
        if (readAt.plus(MAX_AGE).isAfter(now) || executor == null) {
            return last;
        }
        try {
            Future<List<DestinationBacklog>> f = executor.submit(outbox::backlog);
            last = f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            readAt = now;
            warned.set(false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (warned.compareAndSet(false, true)) {
                Msg.OPS_BACKLOG_UNREADABLE.log(e, String.valueOf(e));
            }
        }
        return last;
    }

    private static ManagedExecutorService lookupExecutor() {
        try {
            return (ManagedExecutorService)
                    new InitialContext().lookup("java:comp/DefaultManagedExecutorService");
        } catch (NamingException | ClassCastException | NoClassDefFoundError e) {
            Msg.OPS_BACKLOG_UNREADABLE.log(
                    "no managed executor (the concurrent feature) to read it with: " + e);
            return null;
        }
    }
}
