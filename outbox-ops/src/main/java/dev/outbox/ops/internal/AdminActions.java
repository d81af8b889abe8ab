package dev.outbox.ops.internal;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.outbox.admin.Outbox;
import dev.outbox.admin.OutboxRecord;
import dev.outbox.admin.RecordQuery;
import dev.outbox.admin.RecordStatus;
import dev.outbox.cdi.internal.OutboxSettings;
import dev.outbox.ops.internal.Views.ActionView;
import dev.outbox.ops.internal.Views.BulkView;

/**
 * The admin actions, each in one transaction with its audit row, so that the row commits exactly
 * when the action does. The caller logs the outcome once the transaction has committed, or records
 * the failure when it did not ({@link AuditTrail}).
 */
@ApplicationScoped
@Transactional
public class AdminActions {

    /** The most records one bulk action takes; the answer says when more remain. */
    public static final int BULK_LIMIT = 10_000;

    @Inject Outbox outbox;
    @Inject AuditTrail audit;
    @Inject OutboxSettings settings;

    /** Retries a FAILED or QUARANTINED record. */
    public ActionView retry(String id, String actor) {
        String outcome = notADeadLetter(id);
        boolean done = false;
        if (outcome == null) {
            done = outbox.retry(id);
            outcome = done ? "PENDING again, due now" : "refused: the record changed meanwhile";
        }
        return audited("retry", id, actor, done, outcome);
    }

    /** Skips a FAILED or QUARANTINED record that blocks its key. */
    public ActionView skip(String id, String actor) {
        String outcome = notADeadLetter(id);
        boolean done = false;
        if (outcome == null) {
            done = outbox.skip(id);
            outcome =
                    done
                            ? "SKIPPED: the records of its key after it are sent"
                            : "refused: the record does not block its key (an earlier record of"
                                    + " its key is unsent, or no unsent record follows it)";
        }
        return audited("skip", id, actor, done, outcome);
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

    /** Sends a key's dispatched records in a range of sequences once more, in order. */
    public ActionView replay(String type, String id, long from, long to, String actor) {
        String range = "#" + from + (to == Long.MAX_VALUE ? " on" : " to #" + to);
        int n = outbox.replay(type, id, from, to);
        String outcome =
                n > 0
                        ? n + " records (" + range + ") PENDING again, due now, to be sent in order"
                        : "no such records: none of "
                                + range
                                + " is DISPATCHED (dispatched records"
                                + " are kept for outbox.retention only)";
        return audited("replay-key", type + "/" + id, actor, n > 0, outcome);
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

    /**
     * Pauses a destination. Pausing one that no route names and no record waits for is done, but
     * answered with a warning: the name may be misspelt.
     */
    public ActionView pause(String destination, String actor) {
        boolean already = outbox.paused().contains(destination);
        boolean known = already || known(destination); // a paused one is in the backlog
        outbox.pause(destination, actor);
        ActionView v =
                audited(
                        "pause",
                        destination,
                        actor,
                        !already,
                        already ? "already paused" : "paused");
        return known
                ? v
                : new ActionView(
                        v.action(),
                        v.target(),
                        v.done(),
                        v.outcome(),
                        "no route names "
                                + destination
                                + " and no record of it is in the table: is the name right?");
    }

    /** Resumes a destination. */
    public ActionView resume(String destination, String actor) {
        boolean done = outbox.resume(destination);
        return audited("resume", destination, actor, done, done ? "resumed" : "was not paused");
    }

    /**
     * Retries, replays or deletes the records a filter selects, up to {@link #BULK_LIMIT}; in a dry
     * run only counts them. Audited as one action with its count.
     *
     * @param action retry, replay or delete
     * @param query the filter, as records of the status the action takes
     * @param filter the filter in words, for the answer and the audit
     * @param dryRun whether to count only
     * @param actor who
     * @return the count, and how many were changed
     */
    public BulkView bulk(
            String action, RecordQuery query, String filter, boolean dryRun, String actor) {
        long matching = outbox.count(query);
        if (dryRun) {
            return new BulkView(action, filter, true, matching, 0, matching > BULK_LIMIT);
        }
        RecordQuery batch = query.withoutContent().withLimit(BULK_LIMIT);
        int done =
                switch (action) {
                    case "retry" -> outbox.retry(batch);
                    case "replay" -> outbox.replay(batch);
                    case "delete" -> outbox.delete(batch);
                    default -> throw new IllegalArgumentException(action);
                };
        audit.inAction(actor, action + "-bulk", filter, done + " of " + matching + " records");
        return new BulkView(action, filter, false, matching, done, matching > done);
    }

    private boolean known(String destination) {
        return settings.routes().containsValue(destination)
                || settings.defaultDestination().filter(destination::equals).isPresent()
                || outbox.backlog().stream().anyMatch(b -> b.destination().equals(destination))
                || outbox.count(RecordQuery.all().withDestination(destination)) > 0;
    }

    /**
     * @return why an action on dead letters refuses the record, or {@code null} when it is {@code
     *     FAILED} or {@code QUARANTINED}
     */
    private String notADeadLetter(String id) {
        Optional<OutboxRecord> r = outbox.find(id);
        if (r.isEmpty()) {
            return "no such record";
        }
        RecordStatus status = r.get().status();
        return status == RecordStatus.FAILED || status == RecordStatus.QUARANTINED
                ? null
                : "refused: the record is " + status;
    }

    private ActionView audited(
            String action, String target, String actor, boolean done, String outcome) {
        audit.inAction(actor, action, target, outcome);
        return new ActionView(action, target, done, outcome);
    }
}
