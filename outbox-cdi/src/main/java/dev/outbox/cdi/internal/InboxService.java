package dev.outbox.cdi.internal;

import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;

import dev.outbox.InvalidEventException;
import dev.outbox.NoTransactionException;
import dev.outbox.inbox.Deduplicated.Ordering;
import dev.outbox.inbox.Inbox;

/** The {@link Inbox}, and the admission of a message to a {@code @Deduplicated} consumer. */
@ApplicationScoped
public class InboxService implements Inbox {

    /** What a consumer does with a message. */
    public enum Admission {
        /** New: run the consumer. */
        PROCESS,
        /** Already processed: acknowledge and skip. */
        DUPLICATE,
        /** Older than the last processed message of its key: acknowledge and skip. */
        OLDER,
        /** After a gap, under the strict check: roll back so that it comes again later. */
        WAIT,
        /**
         * Not trusted (no id, or a sequence implausibly far ahead): roll back, so that the broker
         * moves it to its dead-letter address after its delivery attempts.
         */
        REFUSE
    }

    /**
     * A message's place within its key, as the relay sent it.
     *
     * @param aggregateType the key's type
     * @param aggregateId the key's id
     * @param sequence the sequence number
     * @param follows the sequence sent before it: {@code sequence - 1}, or lower after records an
     *     operator skipped ({@code outboxFollows})
     */
    public record Position(String aggregateType, String aggregateId, long sequence, long follows) {

        /**
         * A position right after the one before.
         *
         * @param aggregateType the key's type
         * @param aggregateId the key's id
         * @param sequence the sequence number
         */
        public Position(String aggregateType, String aggregateId, long sequence) {
            this(aggregateType, aggregateId, sequence, sequence - 1);
        }
    }

    /** Fired once, when the inbox is first used, so that its rows get purged. */
    public static final class FirstUse {
        FirstUse() {}
    }

    @Inject InboxStore store;
    @Inject OutboxSettings settings;
    @Inject Event<FirstUse> firstUse;
    @Inject Counters counters;

    private final Clock clock = Clock.systemUTC();
    private final AtomicBoolean used = new AtomicBoolean();
    private static final int REPORTED_GAPS = 10_000;
    private final java.util.Set<String> reportedGaps = new java.util.HashSet<>();
    private final java.util.Set<String> warnedWithoutId = ConcurrentHashMap.newKeySet();
    TransactionSynchronizationRegistry transactions;

    @PostConstruct
    void init() {
        transactions = Transactions.registry();
    }

    @Override
    public boolean markProcessed(String consumer, String messageId) {
        check(consumer, messageId);
        boolean fresh = store.insertIfAbsent(consumer, messageId, clock.instant());
        if (!fresh) {
            counters.countDuplicateSkipped();
        }
        return fresh;
    }

    /**
     * Decides what a consumer does with a message, recording it as processed (in the caller's
     * transaction) unless it is a duplicate.
     *
     * @param consumer the consumer name
     * @param messageId the message id; {@code null} when the message has none
     * @param position the message's place in its key, or {@code null} when it has none
     * @param ordering the consumer's order check
     * @return what to do
     */
    public Admission admit(
            String consumer, String messageId, Position position, Ordering ordering) {
        if (messageId == null) {
            return withoutId(consumer);
        }
        if (!markProcessed(consumer, messageId)) {
            Msg.INBOX_DUPLICATE.logAt(Level.FINE, consumer, messageId);
            return Admission.DUPLICATE;
        }
        Ordering check = ordering == Ordering.CONFIGURED ? configuredOrdering() : ordering;
        if (check == Ordering.NONE || position == null || position.sequence() < 1) {
            return Admission.PROCESS;
        }
        long last =
                store.lockLastSequence(consumer, position.aggregateType(), position.aggregateId());
        long seq = position.sequence();
        if (seq <= last) {
            Msg.INBOX_OLDER.log(
                    consumer,
                    messageId,
                    position.aggregateType(),
                    position.aggregateId(),
                    seq,
                    last,
                    last - seq);
            return Admission.OLDER;
        }
        if (seq - last > settings.inboxMaxSequenceJump()) {
            Msg.INBOX_IMPLAUSIBLE_SEQUENCE.log(
                    consumer,
                    messageId,
                    position.aggregateType(),
                    position.aggregateId(),
                    seq,
                    seq - last,
                    last,
                    settings.inboxMaxSequenceJump());
            return Admission.REFUSE;
        }
        if (position.follows() > last) {
            boolean strict = check == Ordering.STRICT;
            if (firstReport(consumer, position)) {
                counters.countGap();
                Msg.INBOX_GAP.log(
                        consumer,
                        messageId,
                        position.aggregateType(),
                        position.aggregateId(),
                        seq,
                        last,
                        position.follows() - last,
                        strict
                                ? "rolled back for redelivery until they have been processed"
                                : "processed anyway");
            }
            if (strict) {
                return Admission.WAIT;
            }
        }
        store.saveLastSequence(
                consumer, position.aggregateType(), position.aggregateId(), seq, clock.instant());
        return Admission.PROCESS;
    }

    /** A message with no id cannot be deduplicated: refused, or processed as configured. */
    private Admission withoutId(String consumer) {
        boolean reject = settings.inboxRejectMissingId();
        if (warnedWithoutId.add(consumer)) {
            Msg.INBOX_NO_ID.log(
                    consumer,
                    reject ? "rolled back" : "processed without the inbox",
                    reject ? "reject" : "process-undeduplicated");
        }
        return reject ? Admission.REFUSE : Admission.PROCESS;
    }

    /**
     * A message waiting after a gap comes back many times; report its gap once (while it is
     * remembered among the last {@value #REPORTED_GAPS} gaps).
     */
    private boolean firstReport(String consumer, Position p) {
        String gap =
                consumer
                        + '\u0000'
                        + p.aggregateType()
                        + '\u0000'
                        + p.aggregateId()
                        + '\u0000'
                        + p.sequence();
        synchronized (reportedGaps) {
            if (reportedGaps.size() >= REPORTED_GAPS) {
                reportedGaps.clear();
            }
            return reportedGaps.add(gap);
        }
    }

    private Ordering configuredOrdering() {
        return Ordering.valueOf(settings.inboxOrdering().toUpperCase(Locale.ROOT));
    }

    private void check(String consumer, String messageId) {
        int status = transactions.getTransactionStatus();
        if (status != Status.STATUS_ACTIVE) {
            throw new NoTransactionException(
                    Msg.INBOX_NO_TRANSACTION.format(consumer, Transactions.describe(status)));
        }
        String problem = null;
        if (consumer == null || consumer.isBlank() || consumer.length() > 255) {
            problem = "the consumer name must be 1 to 255 characters";
        } else if (messageId == null || messageId.isBlank() || messageId.length() > 255) {
            problem = "the message id must be 1 to 255 characters";
        }
        if (problem != null) {
            throw new InvalidEventException(Msg.INBOX_INVALID.format(consumer, messageId, problem));
        }
        if (used.compareAndSet(false, true)) {
            firstUse.fire(new FirstUse());
        }
    }
}
