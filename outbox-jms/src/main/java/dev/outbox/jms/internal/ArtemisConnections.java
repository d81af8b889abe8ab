package dev.outbox.jms.internal;

import java.lang.reflect.Method;

import jakarta.jms.Session;

/**
 * Throws away the broker connection under a resource adapter's session whose call the broker watch
 * interrupted. An interrupt leaves Artemis's client in a state it does not recover from: a producer
 * interrupted while it waited for credits from a full address ({@code address-full-policy=BLOCK})
 * keeps waiting for credits that never come, in every later batch, because the resource adapter
 * pools the session (the fault suite's scenario s10 saw a relay blocked for good after the address
 * had room again). Failing the connection makes the adapter destroy it and the next batch start on
 * a new one. Reached by reflection: the library does not link against Artemis.
 */
final class ArtemisConnections {

    private static final String ARTEMIS = "org.apache.activemq.artemis.";

    private ArtemisConnections() {}

    /**
     * @param session an open session of the resource adapter, or a plain Artemis JMS session
     * @return the Artemis JMS session behind the resource adapter's session; the session itself
     *     when it is not wrapped (a plain Artemis session, or another broker's)
     */
    static Object artemisSession(Session session) throws ReflectiveOperationException {
        try {
            Method inner = session.getClass().getDeclaredMethod("getSessionInternal");
            inner.setAccessible(true);
            return inner.invoke(session);
        } catch (NoSuchMethodException e) {
            return session;
        }
    }

    /**
     * @param session an open session of the resource adapter, or a plain Artemis JMS session
     * @param why the reason, for the broker client's log
     * @return whether the connection was failed; {@code false} on another broker's session
     */
    static boolean fail(Session session, String why) {
        try {
            Object jms = artemisSession(session);
            Object core = jms.getClass().getMethod("getCoreSession").invoke(jms);
            ClassLoader loader = core.getClass().getClassLoader();
            Object connection =
                    Class.forName(ARTEMIS + "core.client.impl.ClientSessionInternal", false, loader)
                            .getMethod("getConnection")
                            .invoke(core);
            Class<?> exception =
                    Class.forName(ARTEMIS + "api.core.ActiveMQException", false, loader);
            Class.forName(ARTEMIS + "spi.core.protocol.RemotingConnection", false, loader)
                    .getMethod("fail", exception)
                    .invoke(connection, exception.getConstructor(String.class).newInstance(why));
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return false;
        }
    }
}
