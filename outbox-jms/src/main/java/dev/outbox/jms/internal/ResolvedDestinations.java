package dev.outbox.jms.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Session;

/**
 * The JMS destinations of the last batches, reused for {@link #REUSE} after the broker's client
 * checked them. Artemis's client asks the broker after a queue when a session creates it and again
 * when a producer is created for it (three round trips, a fifth of the relay's CPU in batches of
 * one record), unless the destination object has been checked before: reusing the object spares the
 * batches of the next second those questions. The window is short because the check is also what
 * re-creates an auto-created queue the broker deleted when it was empty and had no consumer: such a
 * deletion is seen at the latest {@link #REUSE} later (before, at the next batch), and a failed
 * batch forgets every destination.
 */
final class ResolvedDestinations {

    /** How long a destination checked by the broker's client is reused. */
    static final Duration REUSE = Duration.ofSeconds(1);

    private record Resolved(Destination destination, Instant checked) {}

    private final Map<String, Resolved> resolved = new ConcurrentHashMap<>();

    /**
     * @param session the batch's session
     * @param destination a destination as routed
     * @param now the current time
     * @return the destination checked within {@link #REUSE}, else the session's new one (not yet
     *     checked: pass it to {@link #checked} once a producer was created for it)
     */
    Destination resolve(Session session, String destination, Instant now) throws JMSException {
        Resolved r = resolved.get(destination);
        if (r != null && r.checked().plus(REUSE).isAfter(now)) {
            return r.destination();
        }
        return DestinationCheck.create(session, destination);
    }

    /**
     * Notes that a producer was created for the destination: the broker's client has checked it. A
     * destination reused within its window keeps the time of its check.
     *
     * @param destination a destination as routed
     * @param created the object {@link #resolve} returned
     * @param now the current time
     */
    void checked(String destination, Destination created, Instant now) {
        resolved.compute(
                destination,
                (name, r) ->
                        r != null && r.destination() == created ? r : new Resolved(created, now));
    }

    /** Forgets every destination (after a failed batch): the next batch asks the broker again. */
    void forgetAll() {
        resolved.clear();
    }
}
