package dev.outbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.outbox.NoTransactionException;
import dev.outbox.it.app.Effect;
import dev.outbox.it.app.InboxCalls;
import dev.outbox.it.app.Probe;
import dev.outbox.it.inbox.Deliveries;
import dev.outbox.it.inbox.InboxListener;

/**
 * The consumer inbox with real message-driven beans on Artemis queues: copies of a message are
 * processed once, a failed delivery leaves nothing behind, concurrent copies run the handler once,
 * the per-key order check skips or waits as configured, and old rows are purged.
 */
@ExtendWith(ArquillianExtension.class)
class InboxIT {

    static final Duration WAIT = Duration.ofSeconds(20);

    /** Deliveries of a message to it.inbox.check before the broker gives up (test broker setup). */
    static final int CHECK_ATTEMPTS = 5;

    static final String XA =
            "a message-driven bean's transaction spans the message and the database only with an"
                    + " XA datasource; LocalListener shows the pattern without";

    @Deployment
    static WebArchive deployment() {
        return Deployments.withMessageDrivenBeans(
                Deployments.app("inbox-it", "outbox.inbox.retention=4s\n")
                        .addPackage(InboxListener.class.getPackage()),
                "it/inbox");
    }

    @Inject Probe probe;
    @Inject InboxCalls inbox;

    private static String unique(String what) {
        return what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private void send(String queue, String id, String mode) throws Exception {
        probe.sendWith(queue, Map.of("outboxRecordId", id, "mode", mode), "{}");
    }

    private void send(String queue, String id, String key, long seq) throws Exception {
        send(queue, id, key, seq, "plain");
    }

    private void send(String queue, String id, String key, long seq, String mode) throws Exception {
        probe.sendWith(
                queue,
                Map.of(
                        "outboxRecordId", id,
                        "mode", mode,
                        "outboxAggregateType", "Order",
                        "outboxAggregateId", key,
                        "outboxSequence", seq),
                "{}");
    }

    /** Waits until {@code n} deliveries of a message have ended (committed or rolled back). */
    private static void awaitDeliveries(String id, int n) {
        Await.until(
                n + " deliveries of " + id + " ended",
                WAIT,
                () -> Deliveries.of(id).returned() >= n);
    }

    private void awaitEmpty(String queue) {
        Await.until(
                queue + " is empty",
                WAIT,
                () -> {
                    try {
                        return probe.depth(queue) == 0;
                    } catch (Exception e) {
                        return false;
                    }
                });
    }

    @Test
    @DisabledIfSystemProperty(named = "outbox.it.xa", matches = "false", disabledReason = XA)
    void theSameMessageTwiceRunsTheHandlerOnceAndBothCopiesAreConsumed() throws Exception {
        String id = unique("twice");
        send("it.inbox.plain", id, "plain");
        Await.until("processed", WAIT, () -> probe.effects("it-inbox", id).size() == 1);
        send("it.inbox.plain", id, "plain");
        awaitDeliveries(id, 2);
        assertEquals(1, probe.effects("it-inbox", id).size());
        assertEquals(1, probe.inboxRows("it-inbox", id));
        awaitEmpty("it.inbox.plain");
    }

    @Test
    @DisabledIfSystemProperty(named = "outbox.it.xa", matches = "false", disabledReason = XA)
    void aHandlerThatFailsLeavesNothingAndTheRedeliveryIsProcessedOnce() throws Exception {
        String id = unique("fails");
        send("it.inbox.plain", id, "fail-once");
        List<Effect> effects =
                Await.value(
                        "processed on redelivery",
                        WAIT,
                        () -> probe.effects("it-inbox", id),
                        l -> l.size() == 1);
        assertEquals(2, effects.get(0).getDeliveryCount(), "processed on the second delivery");
        awaitEmpty("it.inbox.plain");
        assertEquals(1, probe.effects("it-inbox", id).size());
        assertEquals(1, probe.inboxRows("it-inbox", id));
    }

    @Test
    @DisabledIfSystemProperty(named = "outbox.it.xa", matches = "false", disabledReason = XA)
    void twoCopiesProcessedConcurrentlyRunTheHandlerOnce() throws Exception {
        String id = unique("concurrent");
        send("it.inbox.plain", id, "slow");
        send("it.inbox.plain", id, "slow");
        awaitDeliveries(id, 2);
        assertEquals(
                2,
                Deliveries.of(id).maxInFlight(),
                "the copies' transactions overlapped (else this test shows nothing)");
        assertEquals(1, probe.effects("it-inbox", id).size(), "one side effect");
        assertEquals(1, probe.inboxRows("it-inbox", id));
    }

    @Test
    @DisabledIfSystemProperty(named = "outbox.it.xa", matches = "false", disabledReason = XA)
    void strictOrderingWaitsForTheMissingMessage() throws Exception {
        strictOrderingWaits("it.inbox.strict", "it-strict", unique("strict"), "plain");
    }

    /**
     * Sends #1, then #3, which the strict check must hold back until #2 came, then #2.
     *
     * @return the side effects, asserted to be #1, #2, #3 in that order
     */
    private List<Effect> strictOrderingWaits(String queue, String consumer, String key, String mode)
            throws Exception {
        send(queue, key + "-1", key, 1, mode);
        Await.until("#1 processed", WAIT, () -> probe.effects(consumer, key).size() == 1);
        send(queue, key + "-3", key, 3, mode);
        // #3 goes round: its transaction rolls back and the broker delivers it again
        awaitDeliveries(key + "-3", 2);
        assertEquals(1, probe.effects(consumer, key).size(), "#3 processed before #2");
        send(queue, key + "-2", key, 2, mode);
        List<Effect> effects =
                Await.value(
                        "all processed",
                        WAIT,
                        () -> probe.effects(consumer, key),
                        l -> l.size() == 3);
        assertEquals(List.of(1L, 2L, 3L), effects.stream().map(Effect::getSeq).toList());
        assertTrue(effects.get(2).getDeliveryCount() > 1, "#3 was held back and came again");
        return effects;
    }

    @Test
    @DisabledIfSystemProperty(named = "outbox.it.xa", matches = "false", disabledReason = XA)
    void theOrderCheckSkipsAnOlderMessageAndReportsAGap() throws Exception {
        String key = unique("check");
        send("it.inbox.check", key + "-1", key, 1);
        send("it.inbox.check", key + "-3", key, 3);
        Await.until("#3 processed", WAIT, () -> probe.effects("it-check", key).size() == 2);
        send("it.inbox.check", key + "-2", key, 2);
        awaitDeliveries(key + "-2", 1);
        assertEquals(
                List.of(1L, 3L),
                probe.effects("it-check", key).stream().map(Effect::getSeq).toList(),
                "#2 came after #3 and is skipped");
    }

    @Test
    @DisabledIfSystemProperty(named = "outbox.it.xa", matches = "false", disabledReason = XA)
    void aSequenceFarAheadIsRefusedAndTheKeyGoesOn() throws Exception {
        String key = unique("jump");
        send("it.inbox.check", key + "-1", key, 1);
        Await.until("#1 processed", WAIT, () -> probe.effects("it-check", key).size() == 1);
        // any client allowed to send to the queue could send this
        send("it.inbox.check", key + "-stray", key, Long.MAX_VALUE);
        // refused: rolled back on every delivery until the broker gives up on it
        awaitDeliveries(key + "-stray", CHECK_ATTEMPTS);
        send("it.inbox.check", key + "-2", key, 2);
        Await.until("#2 processed", WAIT, () -> probe.effects("it-check", key).size() == 2);
        assertEquals(
                List.of(1L, 2L),
                probe.effects("it-check", key).stream().map(Effect::getSeq).toList(),
                "the stray message did not silence its key");
        assertEquals(0, probe.inboxRows("it-check", key + "-stray"));
    }

    @Test
    @DisabledIfSystemProperty(named = "outbox.it.xa", matches = "false", disabledReason = XA)
    void aMessageWithoutAnyIdIsRefusedNotProcessed() throws Exception {
        String testId = unique("no-id");
        probe.sendWithoutMessageId("it.inbox.check", Map.of("testId", testId), "{}");
        awaitDeliveries(testId, CHECK_ATTEMPTS);
        assertEquals(0, probe.effects("it-check", "null").size(), "never processed");
    }

    @Test
    void withoutXaTheListenerHandsTheMessageToATransactionOfTheDatabaseAlone() throws Exception {
        String id = unique("local");
        send("it.inbox.local", id, "plain");
        Await.until("processed", WAIT, () -> probe.effects("it-local", id).size() == 1);
        send("it.inbox.local", id, "plain");
        awaitDeliveries(id, 2);
        assertEquals(1, probe.effects("it-local", id).size());
        assertEquals(1, probe.inboxRows("it-local", id));
    }

    @Test
    void withoutXaAMessageHeldBackByTheStrictCheckIsRedeliveredNotLost() throws Exception {
        strictOrderingWaits("it.inbox.local", "it-local-strict", unique("local-strict"), "strict");
    }

    @Test
    void theProgrammaticInboxRollsBackWithTheWorkAndNeedsATransaction() {
        String id = unique("api");
        assertThrows(IllegalStateException.class, () -> inbox.markProcessedAndFail("it-api", id));
        assertTrue(inbox.markProcessed("it-api", id), "the failed attempt left no row");
        assertFalse(inbox.markProcessed("it-api", id));
        NoTransactionException e =
                assertThrows(
                        NoTransactionException.class,
                        () -> inbox.markProcessedWithoutTransaction("it-api", id));
        assertTrue(e.getMessage().startsWith("OUTBOX0404E"), e.getMessage());
    }

    @Test
    void rowsOlderThanTheRetentionArePurgedAndYoungerOnesKept() {
        String old = unique("purge-old");
        String young = unique("purge-young");
        inbox.markProcessed("it-purge", old);
        Await.sleep(3000);
        inbox.markProcessed("it-purge", young);
        Await.until("the old row is purged", WAIT, () -> probe.inboxRows("it-purge", old) == 0);
        assertEquals(1, probe.inboxRows("it-purge", young), "a row younger than 4s is kept");
    }
}
