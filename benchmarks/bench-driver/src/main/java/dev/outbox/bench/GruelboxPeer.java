package dev.outbox.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import com.gruelbox.transactionoutbox.Dialect;
import com.gruelbox.transactionoutbox.Instantiator;
import com.gruelbox.transactionoutbox.Persistor;
import com.gruelbox.transactionoutbox.Submitter;
import com.gruelbox.transactionoutbox.ThreadLocalContextTransactionManager;
import com.gruelbox.transactionoutbox.TransactionManager;
import com.gruelbox.transactionoutbox.TransactionOutbox;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The peer: gruelbox transaction-outbox, configured as its documentation shows (a DataSource
 * transaction manager, the PostgreSQL persistor with its own TXNO_OUTBOX table, an executor
 * submitter), in this JVM, sending each scheduled call as one persistent JMS message with the same
 * properties to the same Artemis queue.
 */
final class GruelboxPeer implements AutoCloseable {

    /** What gruelbox invokes for each record: one JMS send. */
    public static class ArtemisSender {
        private final jakarta.jms.Connection connection;
        private final ThreadLocal<Object[]> sessions;

        ArtemisSender(jakarta.jms.Connection connection) {
            this.connection = connection;
            this.sessions = ThreadLocal.withInitial(this::open);
        }

        private Object[] open() {
            try {
                Session s = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer p = s.createProducer(s.createQueue(Broker.QUEUE));
                p.setDeliveryMode(DeliveryMode.PERSISTENT);
                return new Object[] {s, p};
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        }

        public void send(String id, String aggregateId, long seq, long writtenAt, String payload) {
            Object[] sp = sessions.get();
            try {
                TextMessage m = ((Session) sp[0]).createTextMessage(payload);
                Broker.outboxProperties(m, id, aggregateId, seq, writtenAt);
                ((MessageProducer) sp[1]).send(m);
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    final int threads;
    private final HikariDataSource dataSource;
    private final ThreadLocalContextTransactionManager transactions;
    private final jakarta.jms.Connection jms;
    private final ArtemisSender sender;
    private final ExecutorService executor;
    private final TransactionOutbox seeder;
    private final TransactionOutbox relay;

    /** A peer whose pool holds a connection per executor thread and two more (the drain). */
    GruelboxPeer(int threads) throws JMSException {
        this(threads, threads + 2);
    }

    /**
     * @param threads the executor submitter's threads
     * @param poolSize HikariCP's maximum pool size, shared by the business transactions ({@link
     *     #placeOrder()}) and the executor's attempts
     */
    GruelboxPeer(int threads, int poolSize) throws JMSException {
        this.threads = threads;
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(Pg.URL);
        hc.setUsername(Pg.USER);
        hc.setPassword(Pg.PASSWORD);
        hc.setMaximumPoolSize(poolSize);
        hc.setAutoCommit(false);
        dataSource = new HikariDataSource(hc);
        transactions = TransactionManager.fromDataSource(dataSource);
        jms = Broker.connect();
        sender = new ArtemisSender(jms);
        executor = Executors.newFixedThreadPool(threads);
        Persistor persistor = Persistor.forDialect(Dialect.POSTGRESQL_9);
        // seeding only writes: its submitter does nothing, so the records wait for the measured
        // flush
        seeder =
                TransactionOutbox.builder()
                        .transactionManager(transactions)
                        .persistor(persistor)
                        .instantiator(Instantiator.using(c -> sender))
                        .submitter((entry, work) -> {})
                        .build();
        relay =
                TransactionOutbox.builder()
                        .transactionManager(transactions)
                        .persistor(persistor)
                        .instantiator(Instantiator.using(c -> sender))
                        .submitter(Submitter.withExecutor(executor))
                        .build();
    }

    /** Schedules {@code keys * perKey} sends, 1,000 per transaction, through gruelbox's API. */
    void seed(int keys, int perKey) {
        long base = System.currentTimeMillis();
        int total = keys * perKey;
        for (int from = 0; from < total; from += 1000) {
            int start = from;
            transactions.inTransaction(
                    () -> {
                        for (int g = start; g < Math.min(total, start + 1000); g++) {
                            String key = "g" + base + "-" + (g % keys);
                            String id = java.util.UUID.randomUUID().toString();
                            seeder.schedule(ArtemisSender.class)
                                    .send(id, key, g / keys + 1, base, Broker.payload(0, key));
                        }
                    });
        }
        // gruelbox schedules each call for an attempt right after commit (a no-op here) and the
        // next
        // one attemptFrequency later: make them all due now, as a backlog whose time has come
        try {
            Pg.exec("UPDATE txno_outbox SET nextAttemptTime = now() - interval '1 hour'");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The server's order row ({@code BenchOrder}), as OrderService's {@code em.persist} writes it.
     */
    private static final String INSERT_ORDER =
            "INSERT INTO bench_order (id, customer, total, placed_at) VALUES (?, 'bench', 42.50, ?)";

    /**
     * One business transaction as the server's {@code OrderService.place(true)}, with gruelbox: the
     * order row and one scheduled send of its event, in one JDBC transaction of gruelbox's
     * transaction manager. The send is attempted right after the commit on the executor (gruelbox's
     * immediate mode: {@code relay}'s submitter); nothing flushes meanwhile, so a call the executor
     * did not complete would wait for a flush that never comes (none is expected: its queue is
     * unbounded). The payload is the floor producer's, with {@code firedAt} taken at the start of
     * the transaction, as the server takes it in {@code place}.
     */
    void placeOrder() throws SQLException {
        transactions.inTransactionThrows(
                tx -> {
                    Instant now = Instant.now();
                    long fired = ChronoUnit.MICROS.between(Instant.EPOCH, now);
                    String id = UUID.randomUUID().toString();
                    try (PreparedStatement order = tx.connection().prepareStatement(INSERT_ORDER)) {
                        order.setString(1, id);
                        order.setObject(2, now.atOffset(ZoneOffset.UTC));
                        order.executeUpdate();
                    }
                    relay.schedule(ArtemisSender.class)
                            .send(id, id, 1, fired / 1000, Broker.payload(fired, id));
                });
    }

    static long count() throws Exception {
        try (Connection c = Pg.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM txno_outbox")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Flushes until the table is empty. */
    void drain() throws Exception {
        try (Connection c = Pg.connect()) {
            while (true) {
                boolean found = relay.flush();
                if (!found) {
                    try (Statement s = c.createStatement();
                            ResultSet rs =
                                    s.executeQuery("SELECT EXISTS (SELECT 1 FROM txno_outbox)")) {
                        rs.next();
                        if (!rs.getBoolean(1)) {
                            return;
                        }
                    }
                    Thread.sleep(20);
                }
            }
        }
    }

    @Override
    public void close() throws Exception {
        executor.shutdown();
        executor.awaitTermination(30, TimeUnit.SECONDS);
        jms.close();
        dataSource.close();
    }
}
