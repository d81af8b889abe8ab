package dev.outbox.jms.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;

import org.junit.jupiter.api.Test;

class FailuresTest {

    /** Stands for Artemis's exception, matched by name: the library does not link against it. */
    static final class ActiveMQDuplicateIdException extends RuntimeException {
        ActiveMQDuplicateIdException() {
            super("AMQ229xxx");
        }
    }

    @Test
    void aDuplicateIdRefusalAtCommitIsRecognisedThroughTheCauseChain() {
        JMSException byMessage =
                new JMSException("Duplicate message detected - message will not be routed");
        assertTrue(Failures.duplicateRefused(byMessage));
        JMSException wrapped = new JMSException("commit failed");
        wrapped.initCause(new ActiveMQDuplicateIdException());
        assertTrue(Failures.duplicateRefused(wrapped));
    }

    @Test
    void otherCommitFailuresAreNot() {
        assertFalse(Failures.duplicateRefused(new JMSException("AMQ219014: timed out")));
        assertFalse(Failures.duplicateRefused(new IllegalStateException((String) null)));
    }

    @Test
    void aFullAddressThatFailsSendersPausesTheDestination() {
        JMSException client =
                new JMSException(
                        "AMQ219058: Address \"orders\" is full. Message encode size = 1391B");
        assertTrue(Failures.addressFull(new IllegalStateException("commit failed", client)));
        assertEquals(DispatchException.Kind.REFUSED, Failures.classifySend(client));
        assertFalse(Failures.addressFull(new JMSException("AMQ219014: timed out")));
    }

    @Test
    void aSecurityRefusalPausesTheDestinationInsteadOfQuarantining() {
        assertEquals(
                DispatchException.Kind.REFUSED,
                Failures.classifySend(new JMSSecurityException("AMQ229032: no permission")));
        JMSException wrapped = new JMSException("send failed");
        wrapped.initCause(new ActiveMQSecurityException());
        assertEquals(DispatchException.Kind.REFUSED, Failures.classifySend(wrapped));
        assertEquals(
                DispatchException.Kind.PERMANENT,
                Failures.classifySend(new InvalidDestinationException("no such queue")));
    }

    /** Stands for Artemis's security exception, matched by name. */
    static final class ActiveMQSecurityException extends RuntimeException {
        ActiveMQSecurityException() {
            super("AMQ229032: User: relay does not have permission='SEND'");
        }
    }
}
