package dev.outbox.ops.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.logging.Level;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.outbox.cdi.internal.AuditStore;
import dev.outbox.cdi.internal.Msg;
import dev.outbox.cdi.internal.OutboxSettings;

/**
 * The admin API's audit: a log line, and a row in {@code outbox.admin.audit-table} when one is
 * configured, for every action, every payload read and every refused request, each written once its
 * outcome is known. An action's row is written in the action's own transaction ({@link #inAction}),
 * so that it commits exactly when the action does; its log line follows the commit ({@link
 * #committed}). An action that failed, a payload read and a refusal get a row of their own
 * transaction ({@link #failed}, {@link #viewed}, {@link #refused}). Every value from the request is
 * escaped for the log ({@link LogText}).
 */
@ApplicationScoped
public class AuditTrail {

    @Inject OutboxSettings settings;
    @Inject AuditStore store;

    private final Clock clock = Clock.systemUTC();

    /**
     * Writes an action's row in the caller's transaction, which must be the action's.
     *
     * @param actor who
     * @param action what
     * @param target on which record, destination or filter
     * @param outcome what happened
     */
    public void inAction(String actor, String action, String target, String outcome) {
        row(clock.instant(), actor, action, target, outcome);
    }

    /** Logs an action whose transaction, with its row, has committed. */
    public void committed(String actor, String action, String target, String outcome) {
        Msg.OPS_AUDIT.log(
                LogText.of(action), LogText.of(target), LogText.of(actor), LogText.of(outcome));
    }

    /**
     * Records an action that failed: its transaction rolled back, its row with it.
     *
     * @param failure what went wrong
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void failed(String actor, String action, String target, Throwable failure) {
        String outcome = "failed: " + failure.getClass().getName();
        Msg.OPS_AUDIT_FAILED.log(
                failure, LogText.of(action), LogText.of(target), LogText.of(actor), outcome);
        row(clock.instant(), actor, action, target, outcome);
    }

    /** Records that a user read a record's payload and headers. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void viewed(String actor, String recordId) {
        Msg.OPS_PAYLOAD_READ.log(LogText.of(recordId), LogText.of(actor));
        row(clock.instant(), actor, "read-payload", recordId, "shown");
    }

    /**
     * Records a refused request.
     *
     * @param actor the user, or {@code null} when none authenticated
     * @param request the method and path
     * @param status the answer's status
     * @param why why
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void refused(String actor, String request, int status, String why) {
        Msg.OPS_ADMIN_REFUSED.logAt(
                Level.INFO,
                LogText.of(request),
                status,
                LogText.of(actor == null ? "(nobody)" : actor),
                LogText.of(why));
        row(
                clock.instant(),
                actor == null ? "(nobody)" : actor,
                "refused",
                request,
                status + " " + why);
    }

    private void row(Instant at, String actor, String action, String target, String outcome) {
        if (settings.adminAuditTable().isEmpty()) {
            return;
        }
        store.write(
                settings.adminAuditTable().get(),
                at,
                clip(actor, 255),
                clip(action, 32),
                clip(target, 512),
                clip(outcome, 512));
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
