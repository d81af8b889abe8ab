package dev.outbox.jms.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Session;

import dev.outbox.cdi.internal.Msg;

/**
 * Asks the broker whether a queue exists before sending to it. Artemis does not refuse a message
 * for a queue that does not exist and may not be created (auto-create off): it drops it, or, when
 * its JMS client falls back to the 1.x name {@code jms.queue.X}, creates and fills that queue
 * instead. The outbox must not lose a record that way, so it asks first, through Artemis's core
 * session (reached by reflection, the library does not link against Artemis), and quarantines the
 * record when the answer is no.
 *
 * <p>The question names the broker's address of the {@link Queue} the session created for the send,
 * which the session knows: a connection factory with 1.x prefixes on (WildFly's own) names queue
 * {@code X} {@code jms.queue.X}, any other names it {@code X}. A queue the session resolved to any
 * other address came from the client's fallback and is refused. A queue found once is trusted for
 * {@link #TRUST}. On any other broker, or if the question cannot be asked, every queue is taken to
 * exist.
 */
final class DestinationCheck {

    static final Duration TRUST = Duration.ofMinutes(1);

    /** The prefix of a JMS queue's address in Artemis 1.x, which WildFly still uses. */
    static final String LEGACY_QUEUE_PREFIX = "jms.queue.";

    private static final String ARTEMIS = "org.apache.activemq.artemis.api.core.";

    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private final Map<String, Instant> known = new ConcurrentHashMap<>();

    /**
     * @param session an open session of the resource adapter
     * @param name the queue's name, as the record is routed
     * @param queue the queue, as the session created it for the send
     * @param now the current time
     * @return empty when the queue exists or will be created; else why the broker would lose the
     *     message
     */
    Optional<String> problem(Session session, String name, Queue queue, Instant now) {
        String address = address(queue);
        Instant seen = known.get(address);
        if (seen != null && seen.plus(TRUST).isAfter(now)) {
            return Optional.empty();
        }
        Object jmsSession = artemisSession(session);
        if (jmsSession == null) {
            return Optional.empty();
        }
        String expected = (prefixes(jmsSession) ? LEGACY_QUEUE_PREFIX : "") + name;
        if (!address.equals(expected)) {
            return Optional.of(
                    "the queue "
                            + name
                            + " does not exist on the broker and may not be created there"
                            + " (auto-create is off): the broker would put the message on "
                            + address
                            + " instead");
        }
        Boolean answer = ask(jmsSession, address);
        if (answer == null || answer) {
            known.put(address, now);
            return Optional.empty();
        }
        return Optional.of(
                "the queue "
                        + name
                        + (address.equals(name) ? "" : " (address " + address + " on the broker)")
                        + " does not exist on the broker and may not be created there (auto-create"
                        + " is off): the broker would drop the message");
    }

    /**
     * @return the broker's name of the queue: Artemis's destination knows the address it routes to;
     *     else the JMS name
     */
    static String address(Queue queue) {
        try {
            Object address = queue.getClass().getMethod("getAddress").invoke(queue);
            if (address instanceof String a && !a.isEmpty()) {
                return a;
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // not an Artemis destination
        }
        try {
            return queue.getQueueName();
        } catch (JMSException e) {
            return String.valueOf(queue);
        }
    }

    /**
     * @return the Artemis JMS session behind the resource adapter's session, or {@code null}
     */
    private static Object artemisSession(Session session) {
        try {
            return ArtemisConnections.artemisSession(session);
        } catch (ReflectiveOperationException | RuntimeException e) {
            cannotCheck(e);
            return null;
        }
    }

    /**
     * @return whether the session names JMS queues with the 1.x prefix (WildFly's factories do)
     */
    private static boolean prefixes(Object jmsSession) {
        try {
            return (Boolean)
                    jmsSession.getClass().getMethod("isEnable1xPrefixes").invoke(jmsSession);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /**
     * @return whether the queue exists or would be created; {@code null} when unknown
     */
    private static Boolean ask(Object jmsSession, String address) {
        try {
            Object clientSession =
                    jmsSession.getClass().getMethod("getCoreSession").invoke(jmsSession);
            ClassLoader loader = clientSession.getClass().getClassLoader();
            Class<?> simpleString = Class.forName(ARTEMIS + "SimpleString", false, loader);
            Class<?> coreSession = Class.forName(ARTEMIS + "client.ClientSession", false, loader);
            Class<?> queueQuery =
                    Class.forName(ARTEMIS + "client.ClientSession$QueueQuery", false, loader);
            Object name = simpleString.getMethod("of", String.class).invoke(null, address);
            Object answer =
                    coreSession.getMethod("queueQuery", simpleString).invoke(clientSession, name);
            return (Boolean) queueQuery.getMethod("isExists").invoke(answer)
                    || (Boolean) queueQuery.getMethod("isAutoCreateQueues").invoke(answer);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            cannotCheck(e);
            return null;
        }
    }

    /** Says once, at WARNING, that the check cannot run here; the relay then trusts the broker. */
    private static void cannotCheck(Throwable cause) {
        if (WARNED.compareAndSet(false, true)) {
            Msg.RELAY_QUEUE_CHECK_UNAVAILABLE.log(cause, String.valueOf(cause));
        }
    }
}
