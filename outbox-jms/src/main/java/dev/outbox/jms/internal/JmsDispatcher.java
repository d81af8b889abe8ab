package dev.outbox.jms.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import dev.outbox.MessageProperties;
import dev.outbox.admin.OutboxRecord;
import dev.outbox.cdi.internal.Durations;
import dev.outbox.cdi.internal.Follows;
import dev.outbox.cdi.internal.OutboxSettings;
import dev.outbox.cdi.internal.ReservedHeaders;
import dev.outbox.cdi.internal.Unsendable;

/**
 * Sends records as JMS messages through the resource adapter's connection factory, in order, with
 * one producer per destination per batch (its destination reused from the batches of the last
 * second: {@link ResolvedDestinations}).
 *
 * <p>Inside a JTA transaction (XA mode) the session is enlisted in it, so the sends commit with the
 * records' marks. Outside one (local mode) the session is transacted locally and committed here,
 * before the marks.
 */
@ApplicationScoped
public class JmsDispatcher {

    private static final Logger LOG = Logger.getLogger(JmsDispatcher.class.getName());

    @Inject OutboxSettings settings;

    private ConnectionFactory connectionFactory;
    private String connectionFactoryName;
    private BrokerWatch watch;
    private final DestinationCheck destinations = new DestinationCheck();
    private final ResolvedDestinations resolved = new ResolvedDestinations();
    private RelaySessions sessions;

    @PostConstruct
    void init() {
        RelayConnectionFactory found = RelayConnectionFactory.find(settings);
        connectionFactory = found.factory();
        connectionFactoryName = found.name();
        sessions = new RelaySessions(connectionFactoryName);
        watch = new BrokerWatch(settings.brokerTimeout());
    }

    /**
     * @return the JNDI name of the connection factory the relay sends through
     */
    public String connectionFactoryName() {
        return connectionFactoryName;
    }

    /**
     * Interrupts every send that has waited for the broker longer than {@code
     * outbox.relay.broker-timeout}.
     *
     * @return how many it interrupted
     */
    public int interruptOverdueSends() {
        return watch.check(System.nanoTime());
    }

    /**
     * Sends a batch in the caller's JTA transaction.
     *
     * @param records the records, in order
     * @throws DispatchException naming the record that failed, or the relay's failure
     */
    public void sendEnlisted(List<OutboxRecord> records) throws DispatchException {
        send(records, false);
    }

    /**
     * Sends a batch on a local JMS transaction and commits it. Must run outside any JTA
     * transaction.
     *
     * @param records the records, in order
     * @throws DispatchException naming the record that failed, or the relay's failure
     */
    public void sendLocal(List<OutboxRecord> records) throws DispatchException {
        send(records, true);
    }

    /**
     * Connects to the broker and opens a session as a batch would, then closes them: the resource
     * adapter keeps the connection in its pool, and the first batch no longer pays for the broker
     * client's start (its classes, thread pools and first connection: 1.2 to 2.3 s before the first
     * message on a loaded two-core server, docs/benchmarks.md). The configured destinations are
     * checked as the first send would check them, and a message is built, none sent. Interrupted
     * after {@code outbox.relay.broker-timeout} like a send, but not counted as the broker's
     * failure: a slow first connection is no outage. A failure is left to the first batch to
     * report.
     */
    public void warmUp() {
        BrokerWatch.Call call = watch.begin(System.nanoTime(), false);
        try (Connection connection = connectionFactory.createConnection()) {
            Session session = sessions.open(connection, !settings.xa());
            Set<String> known = new TreeSet<>(settings.routes().values());
            settings.defaultDestination().ifPresent(known::add);
            for (String name : known) {
                // asks after the queue as the first send would, and builds a message, sending none
                Destination to = DestinationCheck.create(session, name);
                destinations.problem(session, name, to, Instant.now());
                session.createProducer(to).close();
            }
            session.createTextMessage("").setStringProperty(MessageProperties.RECORD_ID, "");
        } catch (DispatchException | JMSException | RuntimeException e) {
            LOG.fine(
                    () ->
                            "The relay could not connect to the broker ahead of its first batch: "
                                    + e);
        } finally {
            watch.end(call);
        }
    }

    private void send(List<OutboxRecord> records, boolean local) throws DispatchException {
        BrokerWatch.Call call = watch.begin(System.nanoTime());
        try {
            sendWatched(records, local, call);
        } catch (DispatchException | RuntimeException e) {
            // the broker may have lost or deleted a queue: the next batch asks after each again
            resolved.forgetAll();
            if (call.interrupted()) {
                throw Failures.relay(
                        "the broker did not answer within "
                                + Durations.format(settings.brokerTimeout())
                                + " (outbox.relay.broker-timeout)",
                        e);
            }
            throw e;
        } finally {
            watch.end(call);
        }
    }

    private void sendWatched(List<OutboxRecord> records, boolean local, BrokerWatch.Call call)
            throws DispatchException {
        Connection connection;
        try {
            connection = connectionFactory.createConnection();
        } catch (JMSException | RuntimeException e) {
            throw Failures.relay("cannot connect to the broker", e);
        }
        try (connection) {
            Session session = sessions.open(connection, local);
            boolean commit = local && session.getTransacted();
            Map<String, MessageProducer> producers = new HashMap<>();
            try {
                for (OutboxRecord r : records) {
                    sendOne(session, producers, r);
                }
            } catch (DispatchException | RuntimeException e) {
                if (discardIfInterrupted(session, call)) {
                    throw e;
                }
                if (commit) {
                    RelaySessions.rollback(session, e);
                }
                throw e;
            }
            if (commit) {
                try {
                    session.commit();
                } catch (JMSException | RuntimeException e) {
                    if (discardIfInterrupted(session, call)) {
                        throw Failures.onCommit(e);
                    }
                    RelaySessions.rollback(session, e);
                    if (records.size() == 1 && Failures.duplicateRefused(e)) {
                        // the broker has this record already: it was sent before its marks failed
                        return;
                    }
                    throw Failures.onCommit(e);
                }
            }
        } catch (JMSException | RuntimeException e) {
            throw Failures.relay("the broker connection failed", e);
        }
    }

    /**
     * A call the broker watch interrupted leaves the broker client unusable (see {@link
     * ArtemisConnections}): its connection is failed, which also discards the batch's sends.
     *
     * @return whether the call was interrupted
     */
    private boolean discardIfInterrupted(Session session, BrokerWatch.Call call) {
        if (!call.interrupted()) {
            return false;
        }
        boolean failed =
                ArtemisConnections.fail(
                        session,
                        "outbox relay: a call interrupted after outbox.relay.broker-timeout");
        LOG.fine(() -> "Interrupted call; broker connection failed and discarded: " + failed);
        return true;
    }

    private void sendOne(Session session, Map<String, MessageProducer> producers, OutboxRecord r)
            throws DispatchException {
        if (r instanceof Unsendable u && u.problem() != null) {
            throw Failures.unsendable(r, u.problem());
        }
        if (r.destination() == null || r.destination().isBlank()) {
            throw Failures.unsendable(r, "the record has no destination");
        }
        for (String name : r.headers().keySet()) {
            if (ReservedHeaders.isReserved(name) && !name.equals(MessageProperties.FOLLOWS)) {
                throw Failures.unsendable(
                        r,
                        "its stored header '"
                                + name
                                + "' has a reserved name ("
                                + ReservedHeaders.RULE
                                + "): the row was not written by capture");
            }
        }
        String follows = Follows.problem(r);
        if (follows != null) {
            throw Failures.unsendable(r, follows);
        }
        try {
            MessageProducer producer = producers.get(r.destination());
            if (producer == null) {
                Instant now = Instant.now();
                Destination to = resolved.resolve(session, r.destination(), now);
                Optional<String> missing = destinations.problem(session, r.destination(), to, now);
                if (missing.isPresent()) {
                    throw Failures.unsendable(r, missing.get());
                }
                producer = session.createProducer(to);
                resolved.checked(r.destination(), to, now);
                producers.put(r.destination(), producer);
            }
            producer.send(toMessage(session, r));
        } catch (JMSException | RuntimeException e) {
            throw Failures.onSend(r, e);
        }
    }

    static TextMessage toMessage(Session session, OutboxRecord r) throws JMSException {
        TextMessage m = session.createTextMessage(r.payload());
        // stored headers first: the outbox's own properties below always win
        for (Map.Entry<String, String> h : r.headers().entrySet()) {
            m.setStringProperty(h.getKey(), h.getValue());
        }
        // a replay of a dispatched record needs a duplicate id of its own, or the broker drops it
        m.setStringProperty(
                MessageProperties.DUPLICATE_ID,
                r.dispatchedAt() == null
                        ? r.id()
                        : r.id() + "/replay/" + r.dispatchedAt().toEpochMilli());
        m.setStringProperty(MessageProperties.RECORD_ID, r.id());
        m.setStringProperty(MessageProperties.EVENT_TYPE, r.eventType());
        m.setIntProperty(MessageProperties.EVENT_VERSION, r.eventVersion());
        m.setStringProperty(MessageProperties.AGGREGATE_TYPE, r.aggregateType());
        m.setStringProperty(MessageProperties.AGGREGATE_ID, r.aggregateId());
        m.setLongProperty(MessageProperties.SEQUENCE, r.sequence());
        if (r.headers().containsKey(MessageProperties.FOLLOWS)) {
            m.setLongProperty(MessageProperties.FOLLOWS, Follows.of(r)); // a skip's, checked
        }
        m.setLongProperty(MessageProperties.WRITTEN_AT, r.writtenAt().toEpochMilli());
        m.setStringProperty(MessageProperties.CONTENT_TYPE, r.contentType());
        m.setStringProperty("JMSXGroupID", r.aggregateId());
        m.setJMSType(r.eventType());
        return m;
    }
}
