package dev.outbox.jms.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSException;

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
}
