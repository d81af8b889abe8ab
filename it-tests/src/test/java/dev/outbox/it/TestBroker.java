package dev.outbox.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQExceptionType;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.core.transaction.Transaction;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Runs an Artemis broker in the failsafe JVM for the whole test run, on loopback. Duplicate
 * detection is on, as by default; security is off. Addresses under {@code it.refused.} cannot be
 * created (a destination the broker refuses), addresses under {@code it.full.} hold one message and
 * then refuse more (a broker that is full, {@code address-full-policy=FAIL}), and addresses under
 * {@code it.failing.} refuse outbox messages with an error of no particular kind while their queue
 * holds a message (a send that keeps failing until an operator acts). Tests running as clients can
 * stop and start it, and read {@link #LEDGER}: every outbox message that reached the broker.
 */
public class TestBroker implements LauncherSessionListener {

    /** Every outbox message that reached the broker, counted before duplicate detection. */
    public static final Ledger LEDGER = new Ledger();

    private static EmbeddedActiveMQ broker;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty("outbox.it.artemis.port") != null && broker == null) {
            start();
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        stop();
    }

    /** Starts the broker (again); nothing when it runs. */
    public static synchronized void start() {
        if (broker != null) {
            return;
        }
        String port = System.getProperty("outbox.it.artemis.port");
        try {
            ConfigurationImpl config = new ConfigurationImpl();
            config.setPersistenceEnabled(false);
            config.setSecurityEnabled(false);
            config.setJournalDirectory("target/artemis/journal");
            config.setBindingsDirectory("target/artemis/bindings");
            config.setLargeMessagesDirectory("target/artemis/large");
            config.setPagingDirectory("target/artemis/paging");
            config.addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port);
            config.addAddressSetting(
                    "it.refused.#",
                    new AddressSettings().setAutoCreateQueues(false).setAutoCreateAddresses(false));
            config.addAddressSetting(
                    "it.full.#",
                    new AddressSettings()
                            .setMaxSizeBytes(1)
                            .setAddressFullMessagePolicy(AddressFullMessagePolicy.FAIL));
            config.addAddressSetting(
                    "it.inbox.#",
                    new AddressSettings().setRedeliveryDelay(100).setMaxDeliveryAttempts(200));
            // the order check never rolls back but to refuse a message: give up on it soon
            config.addAddressSetting(
                    "it.inbox.check",
                    new AddressSettings().setRedeliveryDelay(100).setMaxDeliveryAttempts(5));
            config.registerBrokerPlugin(LEDGER);
            config.registerBrokerPlugin(new FailingAddresses());
            broker = new EmbeddedActiveMQ().setConfiguration(config);
            broker.start();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the test broker on port " + port, e);
        }
    }

    /** Stops the broker; its messages are lost (it keeps nothing on disk). */
    public static synchronized void stop() {
        try {
            if (broker != null) {
                broker.stop();
                broker = null;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates a queue (anycast, with its address), also where the broker may not create it. */
    public static synchronized void createQueue(String name) {
        try {
            broker.getActiveMQServer()
                    .createQueue(
                            QueueConfiguration.of(name)
                                    .setAddress(name)
                                    .setRoutingType(RoutingType.ANYCAST)
                                    .setAutoCreateAddress(true));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create queue " + name, e);
        }
    }

    /**
     * @return the messages waiting on a queue, or -1 when it does not exist
     */
    public static synchronized long messageCount(String name) {
        org.apache.activemq.artemis.core.server.Queue q =
                broker.getActiveMQServer().locateQueue(name);
        return q == null ? -1 : q.getMessageCount();
    }

    /**
     * Refuses outbox messages sent to an address under {@code it.failing.} while its queue holds a
     * message. The refusal marks the sender's transaction rollback-only, so that its commit fails,
     * as Artemis does for an address that is full.
     */
    static final class FailingAddresses implements ActiveMQServerMessagePlugin {
        @Override
        public void beforeSend(
                ServerSession session,
                Transaction tx,
                Message message,
                boolean direct,
                boolean noAutoCreateQueue)
                throws ActiveMQException {
            String address = message.getAddress();
            if (address == null
                    || !address.startsWith("it.failing.")
                    || message.getObjectProperty("outboxRecordId") == null
                    || messageCount(address) <= 0) {
                return;
            }
            ActiveMQException refused =
                    new ActiveMQException(
                            ActiveMQExceptionType.GENERIC_EXCEPTION,
                            "IT0001: the test broker refuses outbox messages to "
                                    + address
                                    + " while its queue holds a message");
            if (tx != null) {
                tx.markAsRollbackOnly(refused);
            }
            throw refused;
        }
    }

    /** Counts outbox messages by record id and remembers the order of sequence numbers per key. */
    public static final class Ledger implements ActiveMQServerMessagePlugin {
        private final Map<String, AtomicInteger> sends = new ConcurrentHashMap<>();
        private final Map<String, String> keys = new ConcurrentHashMap<>();
        private final Map<String, List<Long>> sequences = new ConcurrentHashMap<>();

        @Override
        public void beforeSend(
                ServerSession session,
                Transaction tx,
                Message message,
                boolean direct,
                boolean noAutoCreateQueue) {
            Object id = message.getObjectProperty("outboxRecordId");
            if (id == null) {
                return;
            }
            String key =
                    message.getObjectProperty("outboxAggregateType")
                            + "/"
                            + message.getObjectProperty("outboxAggregateId");
            sends.computeIfAbsent(id.toString(), k -> new AtomicInteger()).incrementAndGet();
            keys.put(id.toString(), key);
            List<Long> seqs = sequences.computeIfAbsent(key, k -> new ArrayList<>());
            synchronized (seqs) {
                seqs.add(((Number) message.getObjectProperty("outboxSequence")).longValue());
            }
        }

        /**
         * @param aggregateIdPrefix the start of the aggregate ids of interest
         * @return for each record of those keys, how many times it reached the broker
         */
        public Map<String, Integer> sends(String aggregateIdPrefix) {
            Map<String, Integer> out = new TreeMap<>();
            keys.forEach(
                    (id, key) -> {
                        if (key.substring(key.indexOf('/') + 1).startsWith(aggregateIdPrefix)) {
                            out.put(id, sends.get(id).get());
                        }
                    });
            return out;
        }

        /**
         * @param aggregateIdPrefix the start of the aggregate ids of interest
         * @return per key ("type/id"), the sequence numbers in the order they reached the broker
         */
        public Map<String, List<Long>> sequences(String aggregateIdPrefix) {
            Map<String, List<Long>> out = new TreeMap<>();
            sequences.forEach(
                    (key, seqs) -> {
                        if (key.substring(key.indexOf('/') + 1).startsWith(aggregateIdPrefix)) {
                            synchronized (seqs) {
                                out.put(key, List.copyOf(seqs));
                            }
                        }
                    });
            return out;
        }
    }
}
