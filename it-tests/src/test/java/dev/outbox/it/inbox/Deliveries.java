package dev.outbox.it.inbox;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.jms.Message;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Counts every delivery of a message to an {@link Observed} listener, whatever the inbox then does
 * with it, and how many deliveries of one message were in the listener at once: the signals the
 * tests wait for instead of sleeping. Runs outside the inbox's interceptor. A message is known by
 * its {@code testId} property, else its {@code outboxRecordId}.
 */
@Observed
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE)
public class Deliveries {

    /** What happened to the deliveries of one message. */
    public static final class Stats {
        final AtomicInteger entered = new AtomicInteger();
        final AtomicInteger returned = new AtomicInteger();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();

        /**
         * @return the deliveries that have ended: their transaction committed or rolled back (or,
         *     outside a transaction, the listener returned or threw)
         */
        public int returned() {
            return returned.get();
        }

        /**
         * @return the most deliveries of the message whose transactions were open at once
         */
        public int maxInFlight() {
            return maxInFlight.get();
        }
    }

    private static final Map<String, Stats> STATS = new ConcurrentHashMap<>();

    /**
     * @param id the message's {@code testId} or {@code outboxRecordId}
     * @return its deliveries so far
     */
    public static Stats of(String id) {
        return STATS.computeIfAbsent(id, k -> new Stats());
    }

    @AroundInvoke
    Object count(InvocationContext ctx) throws Exception {
        Message m = null;
        for (Object p : ctx.getParameters()) {
            if (p instanceof Message message) {
                m = message;
            }
        }
        String id = m == null ? null : m.getStringProperty("testId");
        if (id == null && m != null) {
            id = m.getStringProperty("outboxRecordId");
        }
        if (id == null) {
            return ctx.proceed();
        }
        Stats s = of(id);
        s.entered.incrementAndGet();
        s.maxInFlight.accumulateAndGet(s.inFlight.incrementAndGet(), Math::max);
        TransactionSynchronizationRegistry tx = registry();
        boolean inTransaction = tx.getTransactionStatus() == Status.STATUS_ACTIVE;
        if (inTransaction) {
            // counted once the transaction has ended: its effects are visible, or rolled back
            tx.registerInterposedSynchronization(
                    new Synchronization() {
                        @Override
                        public void beforeCompletion() {}

                        @Override
                        public void afterCompletion(int status) {
                            s.inFlight.decrementAndGet();
                            s.returned.incrementAndGet();
                        }
                    });
        }
        try {
            return ctx.proceed();
        } finally {
            if (!inTransaction) {
                s.inFlight.decrementAndGet();
                s.returned.incrementAndGet();
            }
        }
    }

    private static TransactionSynchronizationRegistry registry() throws NamingException {
        return (TransactionSynchronizationRegistry)
                new InitialContext().lookup("java:comp/TransactionSynchronizationRegistry");
    }
}
