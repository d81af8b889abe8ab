package dev.outbox.testkit.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import dev.outbox.OutboxException;
import dev.outbox.admin.Outbox;
import dev.outbox.admin.OutboxRecord;
import dev.outbox.admin.RecordQuery;
import dev.outbox.admin.RecordStatus;
import dev.outbox.cdi.internal.Durations;
import dev.outbox.cdi.internal.Msg;
import dev.outbox.cdi.internal.OutboxSettings;
import dev.outbox.cdi.internal.RelayHandle;
import dev.outbox.testkit.OutboxTestKit;
import dev.outbox.testkit.QueuedMessage;

/** The test kit ({@link OutboxTestKit}): waits on the outbox table, drains it, reads queues. */
@ApplicationScoped
public class TestKitBean implements OutboxTestKit {

    @Inject Outbox outbox;
    @Inject OutboxSettings settings;
    @Inject RelayHandle relay;

    private final Clock clock = Clock.systemUTC();

    /**
     * @param eventType the event type, or {@code null} for any
     * @param aggregateId the aggregate id, or {@code null} for any
     * @return the records of that type and key now in the table, oldest first
     */
    @Override
    public List<OutboxRecord> records(String eventType, String aggregateId) {
        return outbox.find(RecordQuery.all().withKey(null, aggregateId).withLimit(10_000)).stream()
                .filter(r -> eventType == null || eventType.equals(r.eventType()))
                .toList();
    }

    /**
     * Waits up to {@link #DEFAULT_TIMEOUT} until a record of the event type and aggregate id is
     * committed.
     *
     * @param eventType the event type
     * @param aggregateId the aggregate id
     * @return the newest such record
     * @throws AssertionError when none is committed in time
     */
    @Override
    public OutboxRecord awaitWritten(String eventType, String aggregateId) {
        return awaitWritten(eventType, aggregateId, DEFAULT_TIMEOUT);
    }

    /**
     * Waits until a record of the event type and aggregate id is committed.
     *
     * @param eventType the event type
     * @param aggregateId the aggregate id
     * @param timeout how long to wait
     * @return the newest such record
     * @throws AssertionError when none is committed in time
     */
    @Override
    public OutboxRecord awaitWritten(String eventType, String aggregateId, Duration timeout) {
        List<OutboxRecord> found =
                await(
                        eventType + " of " + aggregateId + " is written",
                        timeout,
                        () -> records(eventType, aggregateId),
                        l -> !l.isEmpty());
        return found.get(found.size() - 1);
    }

    /**
     * Waits up to {@link #DEFAULT_TIMEOUT} until a record of the event type and aggregate id is
     * dispatched. Needs {@code outbox.retention} above zero in the test configuration: with the
     * default, dispatched records are deleted at once.
     *
     * @param eventType the event type
     * @param aggregateId the aggregate id
     * @return the newest such record
     * @throws AssertionError when none is dispatched in time
     * @throws IllegalStateException when {@code outbox.retention} is zero
     */
    @Override
    public OutboxRecord awaitDispatched(String eventType, String aggregateId) {
        return awaitDispatched(eventType, aggregateId, DEFAULT_TIMEOUT);
    }

    /**
     * Waits until a record of the event type and aggregate id is dispatched. Needs {@code
     * outbox.retention} above zero.
     *
     * @param eventType the event type
     * @param aggregateId the aggregate id
     * @param timeout how long to wait
     * @return the newest such record
     * @throws AssertionError when none is dispatched in time
     * @throws IllegalStateException when {@code outbox.retention} is zero
     */
    @Override
    public OutboxRecord awaitDispatched(String eventType, String aggregateId, Duration timeout) {
        if (settings.retention().isZero()) {
            throw new IllegalStateException(Msg.TESTKIT_NO_RETENTION.format());
        }
        List<OutboxRecord> found =
                await(
                        eventType + " of " + aggregateId + " is dispatched",
                        timeout,
                        () ->
                                records(eventType, aggregateId).stream()
                                        .filter(r -> r.status() == RecordStatus.DISPATCHED)
                                        .toList(),
                        l -> !l.isEmpty());
        return found.get(found.size() - 1);
    }

    /**
     * Sends every record that is due now, on the calling thread, through the relay's own batches,
     * and waits until no due record is left (records another relay is sending at the moment
     * included, for up to {@link #DEFAULT_TIMEOUT}). A record that fails is rescheduled or set
     * aside as the relay would; records held behind a dead letter or on a paused destination stay.
     *
     * @return the number of records this call sent
     * @throws OutboxException when the broker or the database cannot be used
     */
    @Override
    public int drain() {
        int sent = 0;
        Instant deadline = clock.instant().plus(DEFAULT_TIMEOUT);
        do {
            sent += runBatches();
            if (dueHeads().isEmpty()) {
                return sent;
            }
            sleep(50);
        } while (clock.instant().isBefore(deadline));
        return sent;
    }

    /**
     * Reads the messages on a queue without consuming them.
     *
     * @param queue the queue name
     * @return its messages, in queue order
     */
    @Override
    public List<QueuedMessage> browse(String queue) {
        return withSession(
                queue,
                s -> {
                    List<QueuedMessage> out = new ArrayList<>();
                    try (QueueBrowser b = s.createBrowser(s.createQueue(queue))) {
                        for (Enumeration<?> e = b.getEnumeration(); e.hasMoreElements(); ) {
                            out.add(copy((Message) e.nextElement()));
                        }
                    }
                    return out;
                });
    }

    /**
     * Consumes messages from a queue until {@code count} came or the timeout passed.
     *
     * @param queue the queue name
     * @param count how many to wait for
     * @param timeout how long to wait in all
     * @return the messages received, possibly fewer than {@code count}
     */
    @Override
    public List<QueuedMessage> receive(String queue, int count, Duration timeout) {
        return withSession(
                queue,
                s -> {
                    List<QueuedMessage> out = new ArrayList<>();
                    long deadline = System.nanoTime() + timeout.toNanos();
                    try (MessageConsumer c = s.createConsumer(s.createQueue(queue))) {
                        while (out.size() < count) {
                            long left = (deadline - System.nanoTime()) / 1_000_000;
                            if (left <= 0) {
                                break;
                            }
                            Message m = c.receive(left);
                            if (m != null) {
                                out.add(copy(m));
                            }
                        }
                    }
                    return out;
                });
    }

    private int runBatches() {
        return relay.drainDue();
    }

    /** Pending records a relay could claim now: due, not paused, first unsent of their key. */
    private List<OutboxRecord> dueHeads() {
        Instant now = clock.instant();
        Set<String> paused = outbox.paused();
        List<OutboxRecord> unsent =
                new ArrayList<>(
                        outbox.find(RecordQuery.status(RecordStatus.PENDING).withLimit(10_000)));
        if (settings.holdFailedHeads()) {
            unsent.addAll(outbox.deadLetters(10_000));
        }
        Map<String, OutboxRecord> heads = new HashMap<>();
        for (OutboxRecord r : unsent) {
            String key = r.aggregateType() + "\u0000" + r.aggregateId();
            heads.merge(key, r, (a, b) -> a.sequence() <= b.sequence() ? a : b);
        }
        List<OutboxRecord> due = new ArrayList<>();
        for (OutboxRecord r : heads.values()) {
            if (r.status() == RecordStatus.PENDING
                    && (r.nextAttemptAt() == null || !r.nextAttemptAt().isAfter(now))
                    && !paused.contains(r.destination())) {
                due.add(r);
            }
        }
        return due;
    }

    private <T> T await(String what, Duration timeout, Supplier<T> value, Predicate<T> ok) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = value.get();
        while (!ok.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        Msg.TESTKIT_TIMEOUT.format(Durations.format(timeout), what, last));
            }
            sleep(50);
            last = value.get();
        }
        return last;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutboxException(Msg.TESTKIT_INTERRUPTED.format(), e);
        }
    }

    /** Work on a JMS session. */
    private interface SessionWork<T> {
        T run(Session s) throws JMSException;
    }

    private <T> T withSession(String queue, SessionWork<T> work) {
        String cfName = settings.connectionFactory();
        try {
            RelayHandle.NamedFactory cf = relay.connectionFactory();
            cfName = cf.name();
            try (Connection c = cf.factory().createConnection()) {
                c.start();
                return work.run(c.createSession(false, Session.AUTO_ACKNOWLEDGE));
            }
        } catch (JMSException | RuntimeException e) {
            throw new OutboxException(Msg.TESTKIT_BROKER.format(queue, cfName, e), e);
        }
    }

    private static QueuedMessage copy(Message m) throws JMSException {
        Map<String, Object> props = new LinkedHashMap<>();
        for (Enumeration<?> names = m.getPropertyNames(); names.hasMoreElements(); ) {
            String name = (String) names.nextElement();
            props.put(name, m.getObjectProperty(name));
        }
        String body = m instanceof TextMessage t ? t.getText() : null;
        return new QueuedMessage(body, Collections.unmodifiableMap(props));
    }
}
