package dev.outbox.jms.internal;

import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.jms.Session;

/**
 * Asks the broker whether a queue exists before sending to it. Artemis does not refuse a message
 * for a queue that does not exist and may not be created (auto-create off): it drops it. The outbox
 * must not lose a record that way, so it asks first, through Artemis's core session (reached by
 * reflection, the library does not link against Artemis), and quarantines the record when the
 * answer is no. A queue found once is trusted for {@link #TRUST}. On any other broker, or if the
 * question cannot be asked, every queue is taken to exist.
 */
final class DestinationCheck {

    static final Duration TRUST = Duration.ofMinutes(1);

    private static final String ARTEMIS = "org.apache.activemq.artemis.api.core.";

    private static final Logger LOG = Logger.getLogger(DestinationCheck.class.getName());

    private final Map<String, Instant> known = new ConcurrentHashMap<>();

    /**
     * @param session an open session of the resource adapter
     * @param queue the queue name
     * @param now the current time
     * @return {@code false} only when the broker says the queue does not exist and will not be
     *     created
     */
    boolean exists(Session session, String queue, Instant now) {
        Instant seen = known.get(queue);
        if (seen != null && seen.plus(TRUST).isAfter(now)) {
            return true;
        }
        Boolean answer = ask(session, queue);
        if (answer == null || answer) {
            known.put(queue, now);
            return true;
        }
        return false;
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
