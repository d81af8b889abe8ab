package dev.outbox.it.app;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import dev.outbox.cdi.internal.RelayHandle;
import dev.outbox.it.Await;
import dev.outbox.jpa.OutboxRecordEntity;

/**
 * What the tests look at: records in the table and messages on queues. (Arquillian does not inject
 * persistence contexts into test classes.)
 */
@ApplicationScoped
public class Probe {

    /** Resolved when used: not every test application asks for it. */
    @Inject Instance<RelayHandle> relays;

    /**
     * Waits until the relay has begun two runs after this call: the first of them has then ended
     * (one runner), having seen every record committed before the call. What a test waits for to
     * show that the relay left something alone, instead of sleeping through its intervals.
     */
    public void awaitTwoRelayRuns() {
        RelayHandle relay = relays.get();
        Instant start = Instant.now();
        Instant[] first = new Instant[1];
        Await.until(
                "a relay run after " + start,
                Duration.ofSeconds(30),
                () -> {
                    Instant last = relay.lastRun();
                    if (last != null && last.isAfter(start)) {
                        first[0] = last;
                        return true;
                    }
                    return false;
                });
        Await.until(
                "a relay run after " + first[0],
                Duration.ofSeconds(30),
                () -> {
                    Instant last = relay.lastRun();
                    return last != null && last.isAfter(first[0]);
                });
    }

    @PersistenceContext EntityManager em;

    private volatile ConnectionFactory cf;

    /**
     * The relay's connection factory, looked up by the name the servers of the suite give it. Not
     * {@code @Resource(lookup = ...)}: WildFly resolves a relative name there against {@code
     * java:module/env}, while a naming-context lookup resolves it against {@code java:/}, as the
     * outbox's own lookups do.
     */
    private ConnectionFactory cf() {
        if (cf == null) {
            try {
                cf =
                        (ConnectionFactory)
                                new javax.naming.InitialContext()
                                        .lookup("jms/outboxConnectionFactory");
            } catch (javax.naming.NamingException e) {
                throw new IllegalStateException(e);
            }
        }
        return cf;
    }

    /** This bean through its proxy: each read of {@link #records} a transaction of its own. */
    @Inject Instance<Probe> self;

    /**
     * @return whether the records of these keys exist and are all DISPATCHED
     */
    public boolean allDispatched(String aggregateIdPrefix) {
        List<OutboxRecordEntity> found = records(aggregateIdPrefix);
        return !found.isEmpty()
                && found.stream()
                        .allMatch(r -> r.status() == dev.outbox.admin.RecordStatus.DISPATCHED);
    }

    /**
     * The records of these keys, read again when the database made the read a deadlock's victim:
     * Derby's reads take shared row locks, and a relay marking the same rows at that moment can
     * close a cycle with them (seen in {@code OrderingIT} on Derby).
     *
     * @return the records, by key and sequence
     */
    public List<OutboxRecordEntity> records(String aggregateIdPrefix) {
        for (int attempt = 1; ; attempt++) {
            try {
                return self.get().readRecords(aggregateIdPrefix);
            } catch (RuntimeException e) {
                if (attempt == 5 || !lockConflict(e)) {
                    throw e;
                }
            }
        }
    }

    private static boolean lockConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof jakarta.persistence.PessimisticLockException
                    || t instanceof jakarta.persistence.LockTimeoutException
                    || String.valueOf(t.getMessage()).contains("deadlock")) {
                return true;
            }
        }
        return false;
    }

    /** One read of {@link #records}, in a transaction of its own (called through the proxy). */
    @Transactional
    public List<OutboxRecordEntity> readRecords(String aggregateIdPrefix) {
        List<OutboxRecordEntity> found =
                em.createQuery(
                                "select r from OutboxRecord r where r.aggregateId like :p"
                                        + " order by r.aggregateId, r.sequence",
                                OutboxRecordEntity.class)
                        .setParameter("p", aggregateIdPrefix + "%")
                        .getResultList();
        found.forEach(em::detach);
        return found;
    }

    /** Deletes records and orders left by an earlier run of a test. */
    @Transactional
    public void deleteAll(String idPrefix) {
        em.createQuery("delete from OutboxRecord r where r.aggregateId like :p")
                .setParameter("p", idPrefix + "%")
                .executeUpdate();
        em.createQuery("delete from PurchaseOrder o where o.id like :p")
                .setParameter("p", idPrefix + "%")
                .executeUpdate();
    }

    /**
     * Deletes every record that is not dispatched, whatever application wrote it, so that health
     * checks see only what a test makes.
     */
    @Transactional
    public void deleteUnsent() {
        em.createQuery("delete from OutboxRecord r where r.status <> :s")
                .setParameter("s", dev.outbox.admin.RecordStatus.DISPATCHED)
                .executeUpdate();
    }

    /**
     * @return the rows of the admin audit table it_audit about a target: acted_at, actor, action,
     *     outcome
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Object[]> audit(String target) {
        return em.createNativeQuery(
                        "SELECT acted_at, actor, action, outcome FROM it_audit WHERE target = ?1"
                                + " ORDER BY acted_at")
                .setParameter(1, target)
                .getResultList();
    }

    @Transactional
    public long orders(String idPrefix) {
        return em.createQuery("select count(o) from PurchaseOrder o where o.id like :p", Long.class)
                .setParameter("p", idPrefix + "%")
                .getSingleResult();
    }

    /**
     * Receives one message of the aggregates whose id starts with the prefix, waiting up to the
     * timeout; null when none came.
     */
    public Received receive(String queue, String aggregateIdPrefix, long timeoutMillis)
            throws JMSException {
        try (Connection c = cf().createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (MessageConsumer consumer =
                    s.createConsumer(s.createQueue(queue), selector(aggregateIdPrefix))) {
                Message m = consumer.receive(timeoutMillis);
                return m == null ? null : Received.of(m);
            }
        }
    }

    /**
     * Receives messages of the aggregates whose id starts with the prefix until none comes for
     * quietMillis, and then some more once {@code expected} came (to catch duplicates).
     */
    public List<Received> receiveAll(
            String queue, String aggregateIdPrefix, int expected, long quietMillis)
            throws JMSException {
        return receiveAll(
                s -> s.createConsumer(s.createQueue(queue), selector(aggregateIdPrefix)),
                null,
                expected,
                quietMillis,
                m -> {});
    }

    /**
     * Creates a shared durable subscription to a topic (a queue on its address), taking nothing.
     */
    public void subscribe(String topic, String subscription) throws JMSException {
        try (Connection c = cf().createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            s.createSharedDurableConsumer(s.createTopic(topic), subscription).close();
        }
    }

    /** Ends a shared durable subscription, and drops what it holds. */
    public void unsubscribe(String subscription) throws JMSException {
        try (Connection c = cf().createConnection()) {
            c.createSession(false, Session.AUTO_ACKNOWLEDGE).unsubscribe(subscription);
        }
    }

    /**
     * Receives from a subscription, as {@link #receiveAll(String, String, int, long)} does from a
     * queue, handing each message of the keys with the prefix to the handler before it is
     * acknowledged.
     */
    public List<Received> receiveAll(
            String topic,
            String subscription,
            String aggregateIdPrefix,
            int expected,
            long quietMillis,
            Handler handler)
            throws JMSException {
        return receiveAll(
                s -> s.createSharedDurableConsumer(s.createTopic(topic), subscription),
                aggregateIdPrefix,
                expected,
                quietMillis,
                handler);
    }

    /**
     * Reads from the consumer until none comes for quietMillis, and then some more once {@code
     * expected} came (to catch duplicates), handing each message to the handler.
     *
     * @param keep the prefix of the aggregate ids kept, or {@code null} for every message
     */
    private List<Received> receiveAll(
            Opener opener, String keep, int expected, long quietMillis, Handler handler)
            throws JMSException {
        List<Received> messages = new ArrayList<>();
        try (Connection c = cf().createConnection()) {
            c.start();
            try (MessageConsumer consumer =
                    opener.open(c.createSession(false, Session.AUTO_ACKNOWLEDGE))) {
                Message m;
                while ((m = consumer.receive(quietMillis)) != null) {
                    String key = m.getStringProperty("outboxAggregateId");
                    if (keep != null && (key == null || !key.startsWith(keep))) {
                        continue;
                    }
                    handler.handle(m);
                    messages.add(Received.of(m));
                    if (messages.size() >= expected) {
                        // keep reading briefly: extra messages are what the tests look for
                        quietMillis = Math.min(quietMillis, 1500);
                    }
                }
            }
        }
        return messages;
    }

    /** Opens the consumer a receive reads from. */
    @FunctionalInterface
    private interface Opener {
        MessageConsumer open(Session session) throws JMSException;
    }

    /** What a test does with a message it received. */
    @FunctionalInterface
    public interface Handler {
        void handle(Message m) throws JMSException;
    }

    /** Sends a plain text message (no outbox properties) to a queue. */
    public void sendPlain(String queue, String text) throws JMSException {
        try (Connection c = cf().createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            s.createProducer(s.createQueue(queue)).send(s.createTextMessage(text));
        }
    }

    /** Sends a text message with the given string or long properties, as any producer could. */
    public void sendWith(String queue, Map<String, ?> properties, String text) throws JMSException {
        send(queue, properties, text, false);
    }

    /**
     * Sends a text message with the given properties and no JMS message id (a producer that
     * disables message ids).
     */
    public void sendWithoutMessageId(String queue, Map<String, ?> properties, String text)
            throws JMSException {
        send(queue, properties, text, true);
    }

    private void send(String queue, Map<String, ?> properties, String text, boolean noId)
            throws JMSException {
        try (Connection c = cf().createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            jakarta.jms.TextMessage m = s.createTextMessage(text);
            for (Map.Entry<String, ?> p : properties.entrySet()) {
                m.setObjectProperty(p.getKey(), p.getValue());
            }
            jakarta.jms.MessageProducer producer = s.createProducer(s.createQueue(queue));
            producer.setDisableMessageID(noId);
            producer.send(m);
        }
    }

    /**
     * @return how many messages wait on the queue
     */
    public int depth(String queue) throws JMSException {
        try (Connection c = cf().createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (jakarta.jms.QueueBrowser b = s.createBrowser(s.createQueue(queue))) {
                return java.util.Collections.list(b.getEnumeration()).size();
            }
        }
    }

    /**
     * @return the side effects of a consumer for a message id prefix, in processing order
     */
    @Transactional
    public List<Effect> effects(String consumer, String messageIdPrefix) {
        return em.createQuery(
                        "select e from Effect e where e.consumer = :c and e.messageId like :m"
                                + " order by e.processedNanos",
                        Effect.class)
                .setParameter("c", consumer)
                .setParameter("m", messageIdPrefix + "%")
                .getResultList();
    }

    /**
     * @return the inbox rows of a consumer for a message id prefix
     */
    @Transactional
    public long inboxRows(String consumer, String messageIdPrefix) {
        return ((Number)
                        em.createNativeQuery(
                                        "SELECT COUNT(*) FROM outbox_processed WHERE consumer = ?1"
                                                + " AND message_id LIKE ?2")
                                .setParameter(1, consumer)
                                .setParameter(2, messageIdPrefix + "%")
                                .getSingleResult())
                .longValue();
    }

    /**
     * @return a record's status as stored, read with SQL (the entity cannot hold an unknown one)
     */
    @Transactional
    public String status(String recordId) {
        return (String)
                em.createNativeQuery("SELECT status FROM outbox_record WHERE id = ?1")
                        .setParameter(1, recordId)
                        .getSingleResult();
    }

    /**
     * Runs a native statement with parameters ?1, ?2, ... in a transaction of its own.
     *
     * @return the rows it changed
     */
    @Transactional
    public int execute(String sql, Object... parameters) {
        var query = em.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return query.executeUpdate();
    }

    /**
     * @return the count a native query with one parameter (?1) returns
     */
    @Transactional
    public long count(String sql, String parameter) {
        return ((Number) em.createNativeQuery(sql).setParameter(1, parameter).getSingleResult())
                .longValue();
    }

    /**
     * Runs a statement in autocommit, outside any transaction (some databases refuse DDL in an XA
     * transaction).
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void execute(String sql) throws java.sql.SQLException, javax.naming.NamingException {
        try (java.sql.Connection c = outboxDataSource().getConnection();
                java.sql.Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute(sql);
        }
    }

    /**
     * @return the database product name of the outbox datasource, such as {@code PostgreSQL}
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public String databaseProduct() throws java.sql.SQLException, javax.naming.NamingException {
        try (java.sql.Connection c = outboxDataSource().getConnection()) {
            return c.getMetaData().getDatabaseProductName();
        }
    }

    private static javax.sql.DataSource outboxDataSource() throws javax.naming.NamingException {
        return (javax.sql.DataSource) new javax.naming.InitialContext().lookup("jdbc/outboxDS");
    }

    /** Consumes every message on a queue; returns how many there were. */
    public int drain(String queue) throws JMSException {
        int n = 0;
        try (Connection c = cf().createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (MessageConsumer consumer = s.createConsumer(s.createQueue(queue))) {
                while (consumer.receive(500) != null) {
                    n++;
                }
            }
        }
        return n;
    }

    private static String selector(String aggregateIdPrefix) {
        return "outboxAggregateId LIKE '" + aggregateIdPrefix.replace("'", "''") + "%'";
    }
}
