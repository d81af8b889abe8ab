package dev.outbox.ops.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.outbox.admin.BlockedKey;
import dev.outbox.admin.DestinationBacklog;
import dev.outbox.admin.OutboxRecord;

/** What the admin API returns, as JSON-B serializes it. */
public final class Views {

    private Views() {}

    /**
     * A record as listed; the payload only when one record is shown.
     *
     * @param id the record id
     * @param eventType the event type
     * @param eventVersion the payload version
     * @param aggregateType the key's type
     * @param aggregateId the key's id
     * @param sequence the position within the key
     * @param destination the queue
     * @param status the status
     * @param attempts failed attempts
     * @param writtenAt when it was written (ISO-8601)
     * @param ageSeconds how long ago it was written
     * @param nextAttemptAt when it is due, or null
     * @param deliverAt when its event asked it to be delivered, or null for at once
     * @param dispatchedAt when it was sent, or null
     * @param lastError the last send error, or null
     * @param headers the headers, or null in lists
     * @param contentType the payload's media type, or null in lists
     * @param payload the payload, or null in lists
     */
    public record RecordView(
            String id,
            String eventType,
            int eventVersion,
            String aggregateType,
            String aggregateId,
            long sequence,
            String destination,
            String status,
            int attempts,
            String writtenAt,
            long ageSeconds,
            String nextAttemptAt,
            String deliverAt,
            String dispatchedAt,
            String lastError,
            Map<String, String> headers,
            String contentType,
            String payload) {

        static RecordView of(OutboxRecord r, Instant now, boolean full) {
            return new RecordView(
                    r.id(),
                    r.eventType(),
                    r.eventVersion(),
                    r.aggregateType(),
                    r.aggregateId(),
                    r.sequence(),
                    r.destination(),
                    r.status().name(),
                    r.attempts(),
                    text(r.writtenAt()),
                    secondsSince(r.writtenAt(), now),
                    text(r.nextAttemptAt()),
                    text(r.deliverAt()),
                    text(r.dispatchedAt()),
                    r.lastError(),
                    full ? r.headers() : null,
                    full ? r.contentType() : null,
                    full ? r.payload() : null);
        }
    }

    /**
     * The backlog of one destination.
     *
     * @param destination the queue
     * @param pending records waiting
     * @param failed FAILED records
     * @param quarantined QUARANTINED records
     * @param oldestPending when the oldest pending record became due (written, or its delivery
     *     time; in the future while every pending record waits for its time), or null
     * @param oldestPendingAgeSeconds its age, 0 when none waits
     * @param paused whether the destination is paused
     */
    public record BacklogView(
            String destination,
            long pending,
            long failed,
            long quarantined,
            String oldestPending,
            long oldestPendingAgeSeconds,
            boolean paused) {

        static BacklogView of(DestinationBacklog b, Instant now) {
            return new BacklogView(
                    b.destination(),
                    b.pending(),
                    b.failed(),
                    b.quarantined(),
                    text(b.oldestPending()),
                    secondsSince(b.oldestPending(), now),
                    b.paused());
        }
    }

    /**
     * A key a dead letter blocks.
     *
     * @param aggregateType the key's type
     * @param aggregateId the key's id
     * @param head the dead letter at its head, without payload
     * @param held how many pending records wait behind it
     * @param oldestHeld when the oldest of them was written, or null
     * @param oldestHeldAgeSeconds its age, 0 when none waits
     */
    public record BlockedKeyView(
            String aggregateType,
            String aggregateId,
            RecordView head,
            long held,
            String oldestHeld,
            long oldestHeldAgeSeconds) {

        static BlockedKeyView of(BlockedKey k, Instant now) {
            return new BlockedKeyView(
                    k.aggregateType(),
                    k.aggregateId(),
                    RecordView.of(k.head(), now, false),
                    k.held(),
                    text(k.oldestHeld()),
                    secondsSince(k.oldestHeld(), now));
        }
    }

    /**
     * The answer to an action.
     *
     * @param action what was asked
     * @param target the record id or destination
     * @param done whether it was done
     * @param outcome what happened, in words
     * @param warning something the caller should check, or null
     */
    public record ActionView(
            String action, String target, boolean done, String outcome, String warning) {

        ActionView(String action, String target, boolean done, String outcome) {
            this(action, target, done, outcome, null);
        }
    }

    /**
     * A page of records.
     *
     * @param records the records, oldest first, without payloads
     * @param next the position to ask for the next page with ({@code after}), or null on the last
     */
    public record PageView(List<RecordView> records, String next) {}

    /**
     * The answer to a bulk action.
     *
     * @param action what was asked: retry, replay or delete
     * @param filter the records it applies to, in words
     * @param dryRun whether it only counted
     * @param matching how many records the filter selects now
     * @param done how many records it changed (0 in a dry run)
     * @param more whether records remain that one call could not take (at most {@value
     *     AdminActions#BULK_LIMIT} per call)
     */
    public record BulkView(
            String action, String filter, boolean dryRun, long matching, int done, boolean more) {}

    /**
     * An error.
     *
     * @param error the message, starting with its id
     */
    public record ErrorView(String error) {}

    /** Seconds from a time to now, 0 for none or a time still ahead. */
    private static long secondsSince(Instant from, Instant now) {
        return from == null ? 0 : Math.max(0, Duration.between(from, now).toSeconds());
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
