package dev.outbox.jms.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.jms.Connection;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/** The watch that keeps a connection factory retrying for ever from holding the relay's thread. */
class BrokerWatchTest {

    @Test
    void interruptsAnArtemisClientThatRetriesForEverAndLeavesNoInterruptBehind() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nobody listens there
        }
        // WildFly's defaults for a remote pooled connection factory: retry for ever
        ActiveMQConnectionFactory forever =
                new ActiveMQConnectionFactory(
                        "tcp://127.0.0.1:"
                                + port
                                + "?initialConnectAttempts=-1&reconnectAttempts=-1"
                                + "&retryInterval=100");
        BrokerWatch watch = new BrokerWatch(Duration.ofMillis(300));
        CountDownLatch begun = new CountDownLatch(1);
        CompletableFuture<Boolean> interruptedAfterEnd = new CompletableFuture<>();
        CompletableFuture<Throwable> failure =
                CompletableFuture.supplyAsync(
                        () -> {
                            BrokerWatch.Call call = watch.begin(System.nanoTime());
                            begun.countDown();
                            try (Connection c = forever.createConnection()) {
                                return null;
                            } catch (Exception | Error e) {
                                return e;
                            } finally {
                                watch.end(call);
                                interruptedAfterEnd.complete(
                                        Thread.currentThread().isInterrupted());
                            }
                        });
        assertTrue(begun.await(10, TimeUnit.SECONDS));
        assertEquals(0, watch.check(System.nanoTime()), "not overdue yet");
        long overdue = System.nanoTime() + Duration.ofMillis(300).toNanos();
        assertEquals(1, watch.check(overdue));
        Throwable e = failure.get(10, TimeUnit.SECONDS);
        assertTrue(e != null, "the connection attempt ended with a failure");
        assertTrue(
                Failures.describe(e).contains("Interrupt"),
                "Artemis reports the interrupt: " + Failures.describe(e));
        assertFalse(interruptedAfterEnd.get(), "the interrupt does not outlive the call");
        assertEquals(0, watch.check(System.nanoTime() + Duration.ofHours(1).toNanos()));
        forever.close();
    }

    @Test
    void aCallThatEndedIsNeverInterrupted() {
        BrokerWatch watch = new BrokerWatch(Duration.ofMillis(1));
        BrokerWatch.Call call = watch.begin(0);
        watch.end(call);
        assertEquals(0, watch.check(Duration.ofHours(1).toNanos()));
        assertFalse(Thread.currentThread().isInterrupted());
        assertFalse(call.interrupted());
    }

    @Test
    void anOverdueCallIsCountedOnceInterruptedUntilItEndsAndItsEndClearsTheInterrupt() {
        BrokerWatch watch = new BrokerWatch(Duration.ofSeconds(30));
        BrokerWatch.Call call = watch.begin(0);
        assertEquals(0, watch.check(Duration.ofSeconds(29).toNanos()));
        assertFalse(Thread.currentThread().isInterrupted());
        assertEquals(1, watch.check(Duration.ofSeconds(30).toNanos()));
        assertTrue(call.interrupted());
        assertTrue(Thread.interrupted(), "interrupted; a call that swallowed it waits on");
        assertEquals(0, watch.check(Duration.ofSeconds(31).toNanos()), "counted once only");
        assertTrue(Thread.currentThread().isInterrupted(), "and is interrupted again");
        watch.end(call);
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void anUncountedCallIsInterruptedButNotCountedAsTheBrokersFailure() {
        BrokerWatch watch = new BrokerWatch(Duration.ofSeconds(30));
        BrokerWatch.Call call = watch.begin(0, false);
        assertEquals(0, watch.check(Duration.ofSeconds(30).toNanos()));
        assertTrue(call.interrupted(), "interrupted all the same");
        watch.end(call);
        assertFalse(Thread.currentThread().isInterrupted());
    }
}
