package dev.outbox.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/** The standalone Artemis broker, through the Artemis core JMS client. */
final class Broker {

    static final int PORT = Integer.getInteger("bench.artemis.port", 61626);
    static final String QUEUE = "bench.orders";
    static final String FLOOR_QUEUE = "bench.floor";

    private Broker() {}

    static ActiveMQConnectionFactory factory() {
        ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + PORT);
        cf.setUser("outbox");
        cf.setPassword("outbox");
        return cf;
    }

    static Connection connect() throws JMSException {
        Connection c = factory().createConnection();
        c.start();
        return c;
    }

    static long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }

    /** Sets the properties the outbox sets, so that every relay sends messages of the same size. */
    static void outboxProperties(
            Message m, String id, String aggregateId, long seq, long writtenAtMillis)
            throws JMSException {
        m.setStringProperty("_AMQ_DUPL_ID", id);
        m.setStringProperty("outboxRecordId", id);
        m.setStringProperty("outboxEventType", "OrderPlaced");
        m.setIntProperty("outboxEventVersion", 1);
        m.setStringProperty("outboxAggregateType", "Order");
        m.setStringProperty("outboxAggregateId", aggregateId);
        m.setLongProperty("outboxSequence", seq);
        m.setLongProperty("outboxWrittenAt", writtenAtMillis);
        m.setStringProperty("outboxContentType", "application/json");
        m.setStringProperty("JMSXGroupID", aggregateId);
        m.setJMSType("OrderPlaced");
    }

    /**
     * The event's JSON as the outbox sends it for the server's OrderPlaced: the same shape and size
     * from every producer, with {@code firedAt} (epoch microseconds) for the consumer's latency.
     */
    static String payload(long firedAtMicros, String orderId) {
        return "{\"customer\":\"bench\",\"firedAt\":"
                + firedAtMicros
                + ",\"orderId\":\""
                + orderId
                + "\",\"total\":42.50}";
    }

    /**
     * A consumer on its own thread that counts what arrives and, when asked, records each message's
     * latency: receive time minus {@code firedAt} (epoch microseconds in the payload, taken in the
     * sending transaction), and minus {@code outboxWrittenAt} (milliseconds) as a cross-check.
     */
    static final class Sink implements AutoCloseable {
        private final Connection connection;
        private final Thread thread;
        private final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicLong received = new AtomicLong();
        final AtomicLong lastReceivedNanos = new AtomicLong();

        /** When the first message after {@link #mark()} arrived (System.nanoTime), or 0. */
        final AtomicLong firstAfterMark = new AtomicLong();

        volatile Stats.Longs latencies;
        volatile Stats.Longs writtenLatencies;

        /** When set, every message's {@code firedAt} and arrival, in arrival order. */
        volatile List<ColdStart.Arrival> arrivals;

        Sink(String queue) throws JMSException {
            connection = connect();
            Session session = connection.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            thread = new Thread(() -> loop(consumer), "sink-" + queue);
            thread.setDaemon(true);
            thread.start();
        }

        private void loop(MessageConsumer consumer) {
            while (running.get()) {
                try {
                    Message m = consumer.receive(200);
                    if (m == null) {
                        continue;
                    }
                    long now = nowMicros();
                    received.incrementAndGet();
                    long arrived = System.nanoTime();
                    lastReceivedNanos.set(arrived);
                    firstAfterMark.compareAndSet(0, arrived);
                    List<ColdStart.Arrival> a = arrivals;
                    if (a != null && m instanceof TextMessage t) {
                        long fired = firedAt(t.getText());
                        if (fired > 0) {
                            a.add(new ColdStart.Arrival(fired, now));
                        }
                    }
                    Stats.Longs l = latencies;
                    if (l != null && m instanceof TextMessage t) {
                        long fired = firedAt(t.getText());
                        if (fired > 0) {
                            l.add(now - fired);
                        }
                        Stats.Longs w = writtenLatencies;
                        if (w != null && m.propertyExists("outboxWrittenAt")) {
                            w.add(now / 1000 - m.getLongProperty("outboxWrittenAt"));
                        }
                    }
                } catch (JMSException | RuntimeException e) {
                    if (running.get()) {
                        System.err.println("[bench] consumer: " + e);
                    }
                }
            }
        }

        static long firedAt(String json) {
            int i = json.indexOf("\"firedAt\":");
            if (i < 0) {
                return -1;
            }
            int s = i + 10;
            int e = s;
            while (e < json.length() && Character.isDigit(json.charAt(e))) {
                e++;
            }
            return e > s ? Long.parseLong(json.substring(s, e)) : -1;
        }

        /** Starts watching for the next first message. */
        void mark() {
            firstAfterMark.set(0);
        }

        /** Waits until nothing has arrived for {@code quietMillis}. */
        void awaitQuiet(long quietMillis, long timeoutMillis) throws InterruptedException {
            long deadline = System.currentTimeMillis() + timeoutMillis;
            long last = received.get();
            long since = System.currentTimeMillis();
            while (System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
                long now = received.get();
                if (now != last) {
                    last = now;
                    since = System.currentTimeMillis();
                } else if (System.currentTimeMillis() - since >= quietMillis) {
                    return;
                }
            }
        }

        /** Waits until {@code count} messages have arrived in total. */
        boolean awaitCount(long count, long timeoutMillis) throws InterruptedException {
            long deadline = System.currentTimeMillis() + timeoutMillis;
            while (received.get() < count) {
                if (System.currentTimeMillis() > deadline) {
                    return false;
                }
                Thread.sleep(20);
            }
            return true;
        }

        @Override
        public void close() throws Exception {
            running.set(false);
            thread.join(2000);
            connection.close();
        }
    }

    /** A producer for the broker-only latency floor: persistent sends, as the relay's. */
    static final class FloorProducer implements AutoCloseable {
        private final Connection connection;
        private final ThreadLocal<Object[]> sessions;
        private final AtomicLong seq = new AtomicLong();

        FloorProducer() throws JMSException {
            connection = connect();
            sessions =
                    ThreadLocal.withInitial(
                            () -> {
                                try {
                                    Session s =
                                            connection.createSession(
                                                    false, Session.AUTO_ACKNOWLEDGE);
                                    MessageProducer p =
                                            s.createProducer(s.createQueue(FLOOR_QUEUE));
                                    p.setDeliveryMode(DeliveryMode.PERSISTENT);
                                    return new Object[] {s, p};
                                } catch (JMSException e) {
                                    throw new IllegalStateException(e);
                                }
                            });
        }

        void send() throws JMSException {
            Object[] sp = sessions.get();
            Session s = (Session) sp[0];
            MessageProducer p = (MessageProducer) sp[1];
            long n = seq.incrementAndGet();
            String id = java.util.UUID.randomUUID().toString();
            long fired = nowMicros();
            TextMessage m = s.createTextMessage(payload(fired, id));
            outboxProperties(m, id, id, n, fired / 1000);
            p.send(m);
        }

        @Override
        public void close() throws JMSException {
            connection.close();
        }
    }
}
