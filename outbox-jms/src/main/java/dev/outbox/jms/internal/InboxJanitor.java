package dev.outbox.jms.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import dev.outbox.cdi.internal.Durations;
import dev.outbox.cdi.internal.InboxService;
import dev.outbox.cdi.internal.InboxStore;
import dev.outbox.cdi.internal.Msg;
import dev.outbox.cdi.internal.OutboxSettings;

/**
 * Deletes inbox rows older than {@code outbox.inbox.retention}, in bounded statements, on a timer
 * that starts when the application first uses the inbox. It runs every quarter of the retention, at
 * least every hour and at most every second.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class InboxJanitor {

    private static final int MAX_STATEMENTS_PER_RUN = 20;

    @Resource TimerService timers;
    @Inject OutboxSettings settings;
    @Inject InboxStore store;

    private static final Logger LOG = Logger.getLogger(InboxJanitor.class.getName());

    private final Clock clock = Clock.systemUTC();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    /**
     * Starts the purge timer when the inbox is first used. Outside the caller's transaction: a
     * timer created in a transaction that rolls back is never created.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void start(@Observes InboxService.FirstUse firstUse) {
        if (!scheduled.compareAndSet(false, true)) {
            return;
        }
        Duration every = settings.inboxRetention().dividedBy(4);
        if (every.compareTo(Duration.ofSeconds(1)) < 0) {
            every = Duration.ofSeconds(1);
        } else if (every.compareTo(Duration.ofHours(1)) > 0) {
            every = Duration.ofHours(1);
        }
        timers.createIntervalTimer(
                every.toMillis(), every.toMillis(), new TimerConfig("dev.outbox.inbox", false));
        String period = Durations.format(every);
        LOG.fine(() -> "Inbox purge scheduled every " + period);
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    void purge(Timer timer) {
        int total = 0;
        int batch = settings.purgeBatchSize();
        for (int i = 0; i < MAX_STATEMENTS_PER_RUN; i++) {
            int n = store.purge(clock.instant().minus(settings.inboxRetention()), batch);
            total += n;
            if (n < batch) {
                break;
            }
        }
        LOG.finer("Inbox purge deleted " + total + " rows");
        if (total > 0) {
            Msg.INBOX_PURGED.logAt(
                    java.util.logging.Level.FINE,
                    total,
                    Durations.format(settings.inboxRetention()));
        }
    }
}
