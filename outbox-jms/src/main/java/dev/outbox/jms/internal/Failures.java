package dev.outbox.jms.internal;

import java.util.Locale;

import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.MessageFormatException;

import dev.outbox.admin.OutboxRecord;

/**
 * Decides, in one place, what a failure means: retry the record later, quarantine it, pause its
 * destination, or pause the whole relay.
 *
 * <ul>
 *   <li>Anything before the first send (connection, session) is the relay's: the broker is down or
 *       refuses us. Nothing about a record is known, so no record pays for it.
 *   <li>A send failure whose cause chain says the connection is gone or timed out is the relay's
 *       too: the relay pauses and the record is charged nothing.
 *   <li>A destination we may not send to (security), or whose address is full and fails senders:
 *       the destination pauses as for an outage, and its records wait; an access list that changed
 *       is put right by an operator, consumers that come back make room, neither by charging the
 *       records one by one.
 *   <li>A destination the broker does not have, a message the broker cannot take as it is:
 *       permanent, the record is quarantined.
 *   <li>Anything else on a send: the record is retried with backoff.
 * </ul>
 */
final class Failures {

    private Failures() {}

    static DispatchException relay(String what, Throwable cause) {
        return new DispatchException(
                DispatchException.Kind.RELAY, null, what + ": " + describe(cause), cause);
    }

    static DispatchException onCommit(Throwable cause) {
        return new DispatchException(
                DispatchException.Kind.RELAY,
                null,
                "the broker did not commit the batch: " + describe(cause),
                cause,
                true);
    }

    /**
     * Artemis refuses a whole transaction at commit when one of its messages repeats a duplicate id
     * the broker has seen: the message was accepted before (a resend after the marks failed).
     *
     * @return whether the failure is such a refusal
     */
    static boolean duplicateRefused(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().equals("ActiveMQDuplicateIdException")
                    || String.valueOf(t.getMessage()).contains("Duplicate message detected")) {
                return true;
            }
        }
        return false;
    }

    static DispatchException onSend(OutboxRecord record, Throwable cause) {
        DispatchException.Kind kind = classifySend(cause);
        return new DispatchException(kind, record, describe(cause), cause);
    }

    static DispatchException unsendable(OutboxRecord record, String why) {
        return new DispatchException(DispatchException.Kind.PERMANENT, record, why, null);
    }

    static DispatchException.Kind classifySend(Throwable failure) {
        if (securityRefused(failure) || addressFull(failure)) {
            return DispatchException.Kind.REFUSED;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidDestinationException
                    || t instanceof MessageFormatException
                    || t instanceof InvalidSelectorException
                    || t instanceof IllegalArgumentException) {
                return DispatchException.Kind.PERMANENT;
            }
            String name = t.getClass().getSimpleName();
            String text = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (name.contains("NotConnected")
                    || name.contains("ConnectionTimedOut")
                    || name.contains("Unblocked")
                    || name.contains("Disconnected")
                    || name.contains("ResourceAllocation")
                    || name.contains("ResourceException")
                    || name.contains("IllegalStateException") && text.contains("closed")
                    || t instanceof java.net.ConnectException
                    || text.contains("connection failure")
                    || text.contains("timed out waiting")) {
                return DispatchException.Kind.RELAY;
            }
            if (text.contains("there is no queue with name")) {
                // the Artemis client's createQueue: no such queue, and none may be created
                return DispatchException.Kind.PERMANENT;
            }
            if (name.equals("ActiveMQAddressDoesNotExistException")
                    || name.equals("ActiveMQNonExistentQueueException")) {
                return DispatchException.Kind.PERMANENT;
            }
        }
        return DispatchException.Kind.RETRYABLE;
    }

    /**
     * @return whether the broker refused the relay for security (Jakarta Messaging's exceptions, or
     *     Artemis's, matched by name: the library does not link against it)
     */
    static boolean securityRefused(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JMSSecurityException
                    || t instanceof JMSSecurityRuntimeException
                    || t.getClass().getSimpleName().equals("ActiveMQSecurityException")) {
                return true;
            }
        }
        return false;
    }

    /**
     * @return whether the broker refused a send because the destination's address is full and its
     *     policy is to fail senders (Artemis's {@code address-full-policy=FAIL}: {@code AMQ219058}
     *     in the client, {@code AMQ229102} in the broker), matched by name and code: the library
     *     does not link against Artemis
     */
    static boolean addressFull(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String text = String.valueOf(t.getMessage());
            if (t.getClass().getSimpleName().equals("ActiveMQAddressFullException")
                    || text.contains("AMQ219058")
                    || text.contains("AMQ229102")) {
                return true;
            }
        }
        return false;
    }

    /**
     * @return whether the failure is a lock conflict in the database (a deadlock, a lock wait that
     *     timed out): the work is simply tried again, it says nothing about the database's health
     */
    static boolean lockConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException e && e.getSQLState() != null) {
                String state = e.getSQLState();
                if (state.equals("40001") || state.equals("40P01") || state.startsWith("40XL")) {
                    return true;
                }
            }
            String name = t.getClass().getSimpleName();
            if (name.contains("LockAcquisition")
                    || name.contains("PessimisticLock")
                    || name.contains("LockTimeout")) {
                return true;
            }
        }
        return false;
    }

    static String describe(Throwable t) {
        StringBuilder text = new StringBuilder(String.valueOf(t));
        Throwable cause = t.getCause();
        for (int depth = 0; cause != null && depth < 4; depth++, cause = cause.getCause()) {
            text.append(" <- ").append(cause);
        }
        return text.toString();
    }
}
