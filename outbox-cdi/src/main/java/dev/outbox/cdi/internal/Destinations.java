package dev.outbox.cdi.internal;

/**
 * How a record names where it goes: a queue by its name, a topic as {@code topic://<name>}, as
 * Artemis writes a qualified topic name. A route, {@code @Route} and the stored record all use this
 * one form.
 */
public final class Destinations {

    /** The prefix of a topic's destination. */
    public static final String TOPIC = "topic://";

    private Destinations() {}

    /**
     * @param destination a destination as routed
     * @return whether it names a topic
     */
    public static boolean isTopic(String destination) {
        return destination.startsWith(TOPIC);
    }

    /**
     * @param destination a destination as routed
     * @return the queue's or topic's name on the broker
     */
    public static String name(String destination) {
        return isTopic(destination) ? destination.substring(TOPIC.length()) : destination;
    }

    /**
     * Checks a destination as configured or annotated.
     *
     * @param destination a trimmed name without whitespace
     * @return the destination
     * @throws IllegalArgumentException when it has a scheme other than {@code topic://}, or none
     *     after it
     */
    public static String check(String destination) {
        if (isTopic(destination)) {
            if (destination.length() == TOPIC.length()) {
                throw new IllegalArgumentException("expected a topic name after topic://");
            }
        } else if (destination.contains("://")) {
            throw new IllegalArgumentException(
                    "expected a queue name, or topic:// and a topic name");
        }
        return destination;
    }
}
