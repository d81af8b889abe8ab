package dev.outbox.jms.internal;

import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Session;

/**
 * Asks the broker whether a queue exists before sending to it. Artemis does not refuse a message
 * for a queue that does not exist and may not be created (auto-create off): it drops it. The outbox
 * must not lose a record that way, so it asks first, through Artemis's core session (reached by
 * reflection, the library does not link against Artemis), and quarantines the record when the
 * answer is no. The question names the address of the very {@link Queue} the session created for
 * the send, so a connection factory that prefixes names (WildFly's {@code jms.queue.}) is asked
 * about the queue it will send to. A queue found once is trusted for {@link #TRUST}. On any other
 * broker, or if the question cannot be asked, every queue is taken to exist.
 */
final class DestinationCheck {

    static final Duration TRUST = Duration.ofMinutes(1);

    private static final String ARTEMIS = "org.apache.activemq.artemis.api.core.";

    private static final Logger LOG = Logger.getLogger(DestinationCheck.class.getName());

    private final Map<String, Instant> known = new ConcurrentHashMap<>();

    /**
     * @param session an open session of the resource adapter
     * @param queue the queue, as the session created it for the send
     * @param now the current time
     * @return {@code false} only when the broker says the queue does not exist and will not be
     *     created
     */
    boolean exists(Session session, Queue queue, Instant now) {
        String address = address(queue);
        Instant seen = known.get(address);
        if (seen != null && seen.plus(TRUST).isAfter(now)) {
            return true;
        }
        Boolean answer = ask(session, address);
        if (answer == null || answer) {
            known.put(address, now);
            return true;
        }
        return false;
    }

    /**
     * @return the broker's name of the queue: Artemis's destination knows the address it routes to
     *     (with any prefix the connection factory adds); else the JMS name
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
     * @return whether the queue exists or would be created; {@code null} when unknown
     */
    private static Boolean ask(Session session, String queue) {
        try {
            Object jmsSession = session;
            try {
                // the resource adapter's session wraps the Artemis JMS session
                Method inner = session.getClass().getDeclaredMethod("getSessionInternal");
                inner.setAccessible(true);
                jmsSession = inner.invoke(session);
            } catch (NoSuchMethodException e) {
                // a plain Artemis JMS session
            }
            Object clientSession =
                    jmsSession.getClass().getMethod("getCoreSession").invoke(jmsSession);
            ClassLoader loader = clientSession.getClass().getClassLoader();
            Class<?> simpleString = Class.forName(ARTEMIS + "SimpleString", false, loader);
            Class<?> coreSession = Class.forName(ARTEMIS + "client.ClientSession", false, loader);
            Class<?> queueQuery =
                    Class.forName(ARTEMIS + "client.ClientSession$QueueQuery", false, loader);
            Object name = simpleString.getMethod("of", String.class).invoke(null, queue);
            Object answer =
                    coreSession.getMethod("queueQuery", simpleString).invoke(clientSession, name);
            return (Boolean) queueQuery.getMethod("isExists").invoke(answer)
                    || (Boolean) queueQuery.getMethod("isAutoCreateQueues").invoke(answer);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.log(
                    Level.FINE,
                    e,
                    () -> "Cannot ask the broker whether queue " + queue + " exists");
            return null;
        }
    }
}
