package dev.outbox.ops.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.outbox.Outbox;
import dev.outbox.OutboxRecord;
import dev.outbox.RecordStatus;
import dev.outbox.ops.internal.Views.ActionView;

/**
 * The admin actions, each in one transaction with its audit row. The log line is written by the
 * caller once the transaction has committed.
 */
@ApplicationScoped
@Transactional
public class AdminActions {

    @Inject Outbox outbox;
    @Inject Audit audit;

    private final Clock clock = Clock.systemUTC();

    /** Retries a FAILED or QUARANTINED record. */
    public ActionView retry(String id, String actor) {
        Optional<OutboxRecord> r = outbox.find(id);
        String outcome;
        boolean done = false;
        if (r.isEmpty()) {
            outcome = "no such record";
        } else if (r.get().status() != RecordStatus.FAILED
                && r.get().status() != RecordStatus.QUARANTINED) {
            outcome = "refused: the record is " + r.get().status();
        } else {
            done = outbox.retry(id);
            outcome = done ? "PENDING again, due now" : "refused: the record changed meanwhile";
        }
        return audited("retry", id, actor, done, outcome);
    }

    /** Sends a DISPATCHED record once more. */
    public ActionView replay(String id, String actor) {
        Optional<OutboxRecord> r = outbox.find(id);
        String outcome;
        boolean done = false;
        if (r.isEmpty()) {
            outcome = "no such record (dispatched records are kept for outbox.retention only)";
        } else if (r.get().status() != RecordStatus.DISPATCHED) {
            outcome = "refused: the record is " + r.get().status();
        } else {
            done = outbox.replay(id);
            outcome = done ? "PENDING again, due now" : "refused: the record changed meanwhile";
        }
        return audited("replay", id, actor, done, outcome);
    }

    /** Deletes a record that is not pending. */
    public ActionView delete(String id, String actor) {
        Optional<OutboxRecord> r = outbox.find(id);
        String outcome;
        boolean done = false;
        if (r.isEmpty()) {
            outcome = "no such record";
        } else if (r.get().status() == RecordStatus.PENDING) {
            outcome = "refused: the record is PENDING and may be being sent";
        } else {
            done = outbox.delete(id);
            outcome =
                    done
                            ? "deleted (was " + r.get().status() + ")"
                            : "refused: the record changed meanwhile";
        }
        return audited("delete", id, actor, done, outcome);
    }

    /** Pauses a destination. */
    public ActionView pause(String destination, String actor) {
        boolean already = outbox.paused().contains(destination);
        outbox.pause(destination, actor);
        return audited(
                "pause", destination, actor, !already, already ? "already paused" : "paused");
    }

    /** Resumes a destination. */
    public ActionView resume(String destination, String actor) {
        boolean done = outbox.resume(destination);
        return audited("resume", destination, actor, done, done ? "resumed" : "was not paused");
    }

    private ActionView audited(
            String action, String target, String actor, boolean done, String outcome) {
        Instant now = clock.instant();
        audit.write(now, actor, action, target, outcome);
        return new ActionView(action, target, done, outcome);
    }
}
