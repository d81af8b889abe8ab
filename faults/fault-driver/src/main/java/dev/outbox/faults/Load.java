package dev.outbox.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Concurrent writers over HTTP: each request commits one order and its event per key it names, each
 * in its own transaction, on one of the target servers. A request that fails (a server killed, the
 * database down) is not counted and the writer tries the next server after a short pause; what
 * really committed is read from the database, never from the answers.
 */
final class Load {

    /** Keys per request: transactions per HTTP round trip. */
    private static final int PER_REQUEST = 4;

    private final String run;
    private final List<Server> targets;
    private final Sizes sizes;
    private final double poisonShare;
    private final AtomicLong written = new AtomicLong();
    private final AtomicInteger poisonSerial = new AtomicInteger();
    private final AtomicLong failures = new AtomicLong();
    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();
    private final List<Thread> threads = new ArrayList<>();

    /**
     * @param run the scenario run, the prefix of every key
     * @param targets the servers written to, in turn
     * @param sizes how many events and keys
     * @param poisonShare the share of poison events among all events (0 for none)
     */
    Load(String run, List<Server> targets, Sizes sizes, double poisonShare) {
        this.run = run;
        this.targets = targets;
        this.sizes = sizes;
        this.poisonShare = poisonShare;
    }

    /** Starts the writers; they stop once the good events written reach the size. */
    void start() {
        for (int i = 0; i < sizes.writers(); i++) {
            int first = i;
            Thread t = new Thread(() -> write(first), "writer-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
    }

    /** Waits until every writer has finished. */
    void await() throws InterruptedException {
        for (Thread t : threads) {
            t.join();
        }
    }

    /**
     * @return the share of the good events written so far, from 0 to 1
     */
    double progress() {
        return Math.min(1.0, written.get() / (double) sizes.events());
    }

    /**
     * @return HTTP requests that failed
     */
    long failures() {
        return failures.get();
    }

    /**
     * @param progress a share of the events, from 0 to 1
     */
    void awaitProgress(double progress) throws InterruptedException {
        while (progress() < progress && threads.stream().anyMatch(Thread::isAlive)) {
            Thread.sleep(100);
        }
    }

    private void write(int first) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int target = first % targets.size();
        while (written.get() < sizes.events()) {
            String kind = "GOOD";
            List<String> keys = new ArrayList<>(PER_REQUEST);
            if (poisonShare > 0 && random.nextDouble() < poisonShare * PER_REQUEST) {
                // one poison event on a key of its own: its key's later events would wait behind it
                int n = poisonSerial.incrementAndGet();
                kind = n % 2 == 0 ? "REFUSED" : "OVERSIZED";
                keys.add(run + ".p" + n);
            } else {
                for (int i = 0; i < PER_REQUEST; i++) {
                    keys.add(run + ".k" + random.nextInt(sizes.keys()));
                }
            }
            Server server = targets.get(target);
            if (post(server, kind, keys)) {
                if (kind.equals("GOOD")) {
                    written.addAndGet(keys.size());
                }
            } else {
                failures.incrementAndGet();
                target = (target + 1) % targets.size();
                sleep(200);
            }
        }
    }

    private boolean post(Server server, String kind, List<String> keys) {
        URI uri =
                URI.create(
                        server.api()
                                + "/orders?run="
                                + run
                                + "&kind="
                                + kind
                                + "&keys="
                                + String.join(",", keys));
        try {
            HttpResponse<Void> r =
                    http.send(
                            HttpRequest.newBuilder(uri)
                                    .timeout(Duration.ofSeconds(30))
                                    .POST(HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
