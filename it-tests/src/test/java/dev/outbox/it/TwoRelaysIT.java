package dev.outbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.outbox.it.app.Events;
import dev.outbox.it.app.Note;

/**
 * Two relays (two applications, each with its own relay, sharing nothing but the database) drain
 * 10,000 records written concurrently under many keys: every record reaches the broker exactly once
 * (counted by the broker, before its duplicate detection), in order per key.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoRelaysIT {

    static final String PREFIX = "two-relays-";
    static final int KEYS = 200;
    static final int RECORDS = 10_000;
    static final String CONFIG =
            """
            outbox.route.Note=it.two
            outbox.relay.batch-size=25
            outbox.relay.interval=100ms
            outbox.retention=0s
            """;

    @Deployment(name = "a", order = 1)
    static WebArchive a() {
        return Deployments.app("two-relays-a", CONFIG);
    }

    @Deployment(name = "b", order = 2)
    static WebArchive b() {
        return Deployments.app("two-relays-b", CONFIG);
    }

    @Inject Events events;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    @Test
    @Order(1)
    @OperateOnDeployment("a")
    void writeTenThousandRecordsConcurrently() throws Exception {
        int threads = 8;
        int perTransaction = 10;
        int transactionsPerThread = RECORDS / threads / perTransaction;
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(
                    executor.submit(
                            () -> {
                                for (int x = 0; x < transactionsPerThread; x++) {
                                    List<Note> batch = new ArrayList<>();
                                    for (int i = 0; i < perTransaction; i++) {
                                        int n =
                                                (thread * transactionsPerThread + x)
                                                                * perTransaction
                                                        + i;
                                        batch.add(
                                                new Note(PREFIX + (n % KEYS), Integer.toString(n)));
                                    }
                                    events.fireAll(batch);
                                }
                            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
    }

    @Test
    @Order(2)
    @RunAsClient
    void everyRecordReachedTheBrokerOnceInOrderPerKey() {
        Map<String, Integer> sends =
                Await.value(
                        "all records reached the broker",
                        Duration.ofSeconds(180),
                        () -> TestBroker.LEDGER.sends(PREFIX),
                        m -> m.size() >= RECORDS);
        assertEquals(RECORDS, sends.size());
        long twice = sends.values().stream().filter(n -> n > 1).count();
        assertEquals(0, twice, "records sent more than once");
        Map<String, List<Long>> sequences = TestBroker.LEDGER.sequences(PREFIX);
        assertEquals(KEYS, sequences.size());
        sequences.forEach(
                (key, seqs) -> {
                    for (int i = 0; i < seqs.size(); i++) {
                        assertEquals(i + 1L, seqs.get(i), "order of " + key + ": " + seqs);
                    }
                });
    }
}
