package dev.outbox.it.app;

/**
 * Which broker the relay sends to, for JUnit's {@code @EnabledIf}: evaluated in the test JVM, where
 * the pass's properties are set, and again in the server, where they are not (and the answer is
 * then the test JVM's: the test only reaches the server when it holds).
 */
public final class Brokers {

    private Brokers() {}

    /**
     * @return whether the relay sends to the test broker, whose addresses under {@code it.failing.}
     *     fail sends; on WildFly with {@code -Dit.broker=embedded} it sends to WildFly's own
     *     Artemis
     */
    public static boolean testBroker() {
        return !("wildfly".equals(System.getProperty("outbox.it.server"))
                && "embedded".equals(System.getProperty("outbox.it.broker")));
    }
}
