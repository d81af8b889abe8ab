package dev.outbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.outbox.it.app.Events;
import dev.outbox.it.app.Note;
import dev.outbox.it.app.Probe;
import dev.outbox.it.app.Received;
import dev.outbox.jpa.OutboxRecordEntity;

/** Records of one key are numbered in commit order and sent in that order. */
@ExtendWith(ArquillianExtension.class)
class OrderingIT {

    static final String QUEUE = "it.ordering";

    @Deployment
    static WebArchive deployment() {
        return Deployments.app(
                "ordering-it", "outbox.route.Note=" + QUEUE + "\noutbox.relay.batch-size=7\n");
    }

    @Inject Events events;
    @Inject Probe probe;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    private static String unique(String what) {
        return what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aSecondWriterOfAKeyWaitsForTheFirstToCommit() throws Exception {
        String key = unique("writers");
        CountDownLatch fired = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> first =
                executor.submit(() -> events.fireAndHold(new Note(key, "first"), fired, release));
        assertTrue(fired.await(20, TimeUnit.SECONDS), "the first writer fired");
        Future<?> second = executor.submit(() -> events.fire(new Note(key, "second")));
        // the second writer is blocked on the key's row while the first holds it
        assertThrows(TimeoutException.class, () -> second.get(1, TimeUnit.SECONDS));
        release.countDown();
        first.get(20, TimeUnit.SECONDS);
        second.get(20, TimeUnit.SECONDS);

        List<Received> got = probe.receiveAll(QUEUE, key, 2, 15_000);
        assertEquals(2, got.size());
        assertEquals(1L, got.get(0).property("outboxSequence"));
        assertTrue(got.get(0).body().contains("first"), got.get(0).body());
        assertEquals(2L, got.get(1).property("outboxSequence"));
        assertTrue(got.get(1).body().contains("second"), got.get(1).body());
    }

    @Test
    void concurrentWritersOfFewKeysGetGaplessSequencesSentInOrder() throws Exception {
        String prefix = unique("keys");
        int keys = 4;
        int threads = 6;
        int perThread = 20;
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(
                    executor.submit(
                            () -> {
                                for (int i = 0; i < perThread; i++) {
                                    String key = prefix + "-" + ((thread + i) % keys);
                                    events.fire(new Note(key, thread + "/" + i));
                                }
                            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        int total = threads * perThread;
        Map<String, List<Long>> stored = new HashMap<>();
        for (OutboxRecordEntity r : probe.records(prefix)) {
            stored.computeIfAbsent(r.aggregateId(), k -> new ArrayList<>()).add(r.sequence());
        }
        assertEquals(keys, stored.size());
        stored.forEach(
                (key, seqs) -> assertEquals(range(seqs.size()), seqs, "stored sequence of " + key));

        List<Received> got = probe.receiveAll(QUEUE, prefix, total, 30_000);
        assertEquals(total, got.size());
        Map<String, List<Long>> sent = new HashMap<>();
        for (Received m : got) {
            sent.computeIfAbsent((String) m.property("outboxAggregateId"), k -> new ArrayList<>())
                    .add((Long) m.property("outboxSequence"));
        }
        sent.forEach((key, seqs) -> assertEquals(range(seqs.size()), seqs, "send order of " + key));
    }

    private static List<Long> range(int n) {
        List<Long> r = new ArrayList<>();
        for (long i = 1; i <= n; i++) {
            r.add(i);
        }
        return r;
    }
}
