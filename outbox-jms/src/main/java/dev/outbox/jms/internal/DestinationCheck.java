package dev.outbox.jms.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.Topic;

import dev.outbox.cdi.internal.Destinations;
import dev.outbox.cdi.internal.Msg;

/**
 * Asks the broker whether a destination can take a message before sending to it. Artemis does not
 * refuse a message for a queue that does not exist and may not be created (auto-create off): it
 * drops it, or, when its JMS client falls back to the 1.x name {@code jms.queue.X}, creates and
 * fills that queue instead. A topic's message reaches only the subscriptions its address has when
 * it arrives: with none, the broker drops it. The outbox must not lose a record that way, so it
 * asks first, through Artemis's core session (reached by reflection, the library does not link
 * against Artemis), and quarantines the record when the answer is no.
 *
 * <p>The question names the broker's address of the destination the session created for the send,
 * which the session knows: a connection factory with 1.x prefixes on (WildFly's own) names queue
 * {@code X} {@code jms.queue.X} and topic {@code X} {@code jms.topic.X}, any other names it {@code
 * X}. A destination the session resolved to any other address came from the client's fallback and
 * is refused. A destination found once is trusted for {@link #TRUST}. On any other broker, or if
 * the question cannot be asked, every destination is taken to exist.
 */
final class DestinationCheck {

    static final Duration TRUST = Duration.ofMinutes(1);

    /** The prefix of a JMS queue's address in Artemis 1.x, which WildFly still uses. */
    static final String LEGACY_QUEUE_PREFIX = "jms.queue.";

    /** The prefix of a JMS topic's address in Artemis 1.x. */
    static final String LEGACY_TOPIC_PREFIX = "jms.topic.";

    private static final String ARTEMIS = "org.apache.activemq.artemis.api.core.";

    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private final Map<String, Instant> known = new ConcurrentHashMap<>();

    /**
     * @param session a session
     * @param destination a destination as routed: a queue's name, or {@code topic://} and a topic's
     * @return the session's queue or topic of that name
     */
    static Destination create(Session session, String destination) throws JMSException {
        String name = Destinations.name(destination);
        return Destinations.isTopic(destination)
                ? session.createTopic(name)
                : session.createQueue(name);
    }

    /**
     * @param session an open session of the resource adapter
     * @param destination the destination, as the record is routed
     * @param created the queue or topic, as the session created it for the send
     * @param now the current time
     * @return empty when the destination can take the message; else why the broker would lose it
     */
    Optional<String> problem(
            Session session, String destination, Destination created, Instant now) {
        String address = address(created);
        Instant seen = known.get(address);
        if (seen != null && seen.plus(TRUST).isAfter(now)) {
            return Optional.empty();
        }
        Object jmsSession = artemisSession(session);
        if (jmsSession == null) {
            return Optional.empty();
        }
        boolean topic = Destinations.isTopic(destination);
        String name = Destinations.name(destination);
        String what = (topic ? "the topic " : "the queue ") + name;
        String expected =
                (prefixes(jmsSession) ? topic ? LEGACY_TOPIC_PREFIX : LEGACY_QUEUE_PREFIX : "")
                        + name;
        if (!address.equals(expected)) {
            return Optional.of(
                    what
                            + " does not exist on the broker and may not be created there"
                            + " (auto-create is off): the broker would put the message on "
                            + address
                            + " instead");
        }
        String where = address.equals(name) ? "" : " (address " + address + " on the broker)";
        Answer answer = topic ? askTopic(jmsSession, address) : askQueue(jmsSession, address);
        if (answer == null || answer == Answer.YES) {
            known.put(address, now);
            return Optional.empty();
        }
        if (answer == Answer.NOT_MULTICAST) {
            return Optional.of(
                    what
                            + where
                            + " is an anycast address on the broker (a queue's), not a multicast"
                            + " one: a topic's message would reach no subscription. Route the"
                            + " event to the queue, or make the address multicast");
        }
        if (answer == Answer.NO_SUBSCRIPTION) {
            return Optional.of(
                    what
                            + where
                            + " has no subscription: the broker would drop the message. Create its"
                            + " subscriptions (deploy the consumers, or declare queues on the"
                            + " multicast address), then retry the record");
        }
        return Optional.of(
                what
                        + where
                        + " does not exist on the broker and may not be created there (auto-create"
                        + " is off): the broker would drop the message");
    }

    /** What the broker says of a destination. */
    private enum Answer {
        YES,
        MISSING,
        NOT_MULTICAST,
        NO_SUBSCRIPTION
    }

    /**
     * @return the broker's name of the destination: Artemis's destination knows the address it
     *     routes to; else the JMS name
     */
    static String address(Destination destination) {
        try {
            Object address = destination.getClass().getMethod("getAddress").invoke(destination);
            if (address instanceof String a && !a.isEmpty()) {
                return a;
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // not an Artemis destination
        }
        try {
            if (destination instanceof Topic t) {
                return t.getTopicName();
            }
            return ((Queue) destination).getQueueName();
        } catch (JMSException | RuntimeException e) {
            return String.valueOf(destination);
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
     * @return whether the session names JMS destinations with the 1.x prefixes (WildFly's factories
     *     do)
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
    private static Answer askQueue(Object jmsSession, String address) {
        try {
            Core core = Core.of(jmsSession);
            Class<?> query =
                    Class.forName(ARTEMIS + "client.ClientSession$QueueQuery", false, core.loader);
            Object answer = core.ask("queueQuery", address);
            return (Boolean) query.getMethod("isExists").invoke(answer)
                            || (Boolean) query.getMethod("isAutoCreateQueues").invoke(answer)
                    ? Answer.YES
                    : Answer.MISSING;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            cannotCheck(e);
            return null;
        }
    }

    /**
     * @return whether the topic's address has a subscription (a queue), or does not exist and may
     *     not be created; {@code null} when unknown
     */
    private static Answer askTopic(Object jmsSession, String address) {
        try {
            Core core = Core.of(jmsSession);
            Class<?> query =
                    Class.forName(
                            ARTEMIS + "client.ClientSession$AddressQuery", false, core.loader);
            Object answer = core.ask("addressQuery", address);
            boolean exists = (Boolean) query.getMethod("isExists").invoke(answer);
            if (!exists && !(Boolean) query.getMethod("isAutoCreateAddresses").invoke(answer)) {
                return Answer.MISSING;
            }
            if (exists && !(Boolean) query.getMethod("isSupportsMulticast").invoke(answer)) {
                return Answer.NOT_MULTICAST;
            }
            List<?> queues = (List<?>) query.getMethod("getQueueNames").invoke(answer);
            return exists && !queues.isEmpty() ? Answer.YES : Answer.NO_SUBSCRIPTION;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            cannotCheck(e);
            return null;
        }
    }

    /** Artemis's core client session, and a question put to it by address. */
    private record Core(Object session, Class<?> type, Class<?> simpleString, ClassLoader loader) {

        static Core of(Object jmsSession) throws ReflectiveOperationException {
            Object clientSession =
                    jmsSession.getClass().getMethod("getCoreSession").invoke(jmsSession);
            ClassLoader loader = clientSession.getClass().getClassLoader();
            return new Core(
                    clientSession,
                    Class.forName(ARTEMIS + "client.ClientSession", false, loader),
                    Class.forName(ARTEMIS + "SimpleString", false, loader),
                    loader);
        }

        Object ask(String question, String address) throws ReflectiveOperationException {
            Object name = simpleString.getMethod("of", String.class).invoke(null, address);
            return type.getMethod(question, simpleString).invoke(session, name);
        }
    }

    /** Says once, at WARNING, that the check cannot run here; the relay then trusts the broker. */
    private static void cannotCheck(Throwable cause) {
        if (WARNED.compareAndSet(false, true)) {
            Msg.RELAY_QUEUE_CHECK_UNAVAILABLE.log(cause, String.valueOf(cause));
        }
    }
}
