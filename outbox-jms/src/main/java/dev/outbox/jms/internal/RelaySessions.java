package dev.outbox.jms.internal;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;

import dev.outbox.cdi.internal.Msg;

/**
 * Opens the relay's sessions: in XA mode one enlisted in the caller's transaction; in local mode a
 * locally transacted one, or, where the connection factory refuses local transactions, one that is
 * not transacted (warned of once).
 */
final class RelaySessions {

    private final String factoryName;
    private final AtomicBoolean warnedNotTransacted = new AtomicBoolean();
    private volatile boolean localTransactions = true;

    /**
     * @param factoryName the connection factory's JNDI name, for the warning
     */
    RelaySessions(String factoryName) {
        this.factoryName = factoryName;
    }

    /**
     * @param connection the connection
     * @param local whether the relay sends on local transactions (else in the caller's JTA one)
     * @return the session
     * @throws DispatchException when the broker cannot open one
     */
    Session open(Connection connection, boolean local) throws DispatchException {
        try {
            if (!local) {
                return connection.createSession();
            }
            if (localTransactions) {
                try {
                    return connection.createSession(true, Session.SESSION_TRANSACTED);
                } catch (JMSException e) {
                    if (!refusesLocalTransactions(e)) {
                        throw e;
                    }
                    localTransactions = false;
                    if (warnedNotTransacted.compareAndSet(false, true)) {
                        Msg.RELAY_LOCAL_NOT_TRANSACTED.log(factoryName, e);
                    }
                }
            }
            return connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        } catch (JMSException | RuntimeException e) {
            throw Failures.relay("cannot open a session on the broker", e);
        }
    }

    /**
     * Discards the sends of a batch that failed before its commit. Closing the connection does not:
     * the resource adapter pools the session, and its next commit would deliver them.
     */
    static void rollback(Session session, Exception failure) {
        try {
            session.rollback();
        } catch (JMSException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** Artemis's AMQ159007: the connection factory lacks AllowLocalTransactions=true. */
    private static boolean refusesLocalTransactions(JMSException e) {
        String text = String.valueOf(e.getMessage());
        return text.contains("AMQ159007") || text.contains("SESSION_TRANSACTED");
    }
}
