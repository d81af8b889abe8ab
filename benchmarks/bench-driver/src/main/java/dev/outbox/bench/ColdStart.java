package dev.outbox.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

/**
 * What a new user meets: a server started with the application and the library's default settings,
 * then closed-loop HTTP clients placing orders at once (or after the server idled a while). For
 * each commit → receive, from the event's {@code firedAt} (taken in the transaction) to the
 * consumer: how long after the first commit the first message arrives, and the latency in the first
 * minute against the latency once warm (the minute after).
 */
final class ColdStart {

    /** A message: when its event was fired and when it arrived, epoch microseconds. */
    record Arrival(long firedAt, long arrived) {}

    /** Records every arrival of the benchmark's queue. */
    static final class Recorder implements AutoCloseable {
        private final Connection connection;
        private final Thread thread;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Arrival> arrivals = new ArrayList<>();

        Recorder() throws JMSException {
            connection = Broker.connect();
            Session session = connection.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(Broker.QUEUE));
            thread = new Thread(() -> loop(consumer), "cold-start-recorder");
            thread.setDaemon(true);
            thread.start();
        }

        private void loop(MessageConsumer consumer) {
            while (running.get()) {
                try {
                    Message m = consumer.receive(200);
                    if (m instanceof TextMessage t) {
                        long now = Broker.nowMicros();
                        long fired = Broker.Sink.firedAt(t.getText());
                        if (fired > 0) {
                            synchronized (arrivals) {
                                arrivals.add(new Arrival(fired, now));
                            }
                        }
                    }
                } catch (JMSException | RuntimeException e) {
                    if (running.get()) {
                        System.err.println("[bench] cold-start consumer: " + e);
                    }
                }
            }
        }

        List<Arrival> arrivals() {
            synchronized (arrivals) {
                return List.copyOf(arrivals);
            }
        }

        int count() {
            synchronized (arrivals) {
                return arrivals.size();
            }
        }

        @Override
        public void close() throws Exception {
            running.set(false);
            thread.join(2000);
            connection.close();
        }
    }

    private final Bench bench;
    private final Liberty server;
    private final int clients;
    private final int loadSeconds;

    ColdStart(Bench bench, Liberty server, int clients, int loadSeconds) {
        this.bench = bench;
        this.server = server;
        this.clients = clients;
        this.loadSeconds = loadSeconds;
    }

    /**
     * Restarts the server with the library's defaults, optionally lets it idle, then loads it for
     * two periods and records both under {@code cold/<series>}.
     */
    void measure(String series, int idleSeconds, int rep) throws Exception {
        server.stop();
        Pg.exec("DELETE FROM outbox_record", "DELETE FROM outbox_key");
        try (Recorder recorder = new Recorder()) {
            // the routing comes from the WAR; everything else is the library's default
            server.start("ds-nonxa.xml", Map.of());
            if (idleSeconds > 0) {
                Thread.sleep(idleSeconds * 1000L); // the idle period is what is measured
            }
            long start = Broker.nowMicros();
            long committed = closedLoop(2 * loadSeconds);
            long end = start + 2_000_000L * loadSeconds;
            long deadline = System.currentTimeMillis() + 120_000;
            while (recorder.count() < committed && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            List<Arrival> all = recorder.arrivals();
            long firstFired = all.stream().mapToLong(Arrival::firedAt).min().orElse(-1);
            long firstArrived = all.stream().mapToLong(Arrival::arrived).min().orElse(-1);
            long split = start + 1_000_000L * loadSeconds;
            long[] first = latencies(all, start, split);
            long[] warm = latencies(all, split, end);
            double firstMessageMs = (firstArrived - firstFired) / 1000.0;
            Results r = bench.results;
            r.add("cold", series, "first-message", "ms", rep, firstMessageMs);
            r.add("cold", series, "first-p50", "ms", rep, Stats.percentile(first, 50) / 1000.0);
            r.add("cold", series, "first-p99", "ms", rep, Stats.percentile(first, 99) / 1000.0);
            r.add("cold", series, "first-max", "ms", rep, Stats.percentile(first, 100) / 1000.0);
            r.add("cold", series, "warm-p50", "ms", rep, Stats.percentile(warm, 50) / 1000.0);
            r.add("cold", series, "warm-p99", "ms", rep, Stats.percentile(warm, 99) / 1000.0);
            r.add("cold", series, "rate", "tx/s", rep, committed / (2.0 * loadSeconds));
            r.add("cold", series, "lost", "msgs", rep, committed - all.size());
            Bench.log(
                    "  rep %d: first message %.0f ms after the first commit; first %d s p50 %.1f"
                            + " p99 %.1f max %.1f ms; next %d s p50 %.1f p99 %.1f ms; %d commits,"
                            + " %d received",
                    rep,
                    firstMessageMs,
                    loadSeconds,
                    Stats.percentile(first, 50) / 1000.0,
                    Stats.percentile(first, 99) / 1000.0,
                    Stats.percentile(first, 100) / 1000.0,
                    loadSeconds,
                    Stats.percentile(warm, 50) / 1000.0,
                    Stats.percentile(warm, 99) / 1000.0,
                    committed,
                    all.size());
        }
    }

    /** The latencies of the events fired in [from, to), sorted. */
    private static long[] latencies(List<Arrival> all, long from, long to) {
        return all.stream()
                .filter(a -> a.firedAt() >= from && a.firedAt() < to)
                .mapToLong(a -> a.arrived() - a.firedAt())
                .sorted()
                .toArray();
    }

    /** {@link #clients} threads POSTing orders with their event back to back: commits made. */
    private long closedLoop(int seconds) throws InterruptedException {
        URI uri = URI.create(server.base() + "/orders?event=true");
        AtomicLong ok = new AtomicLong();
        CountDownLatch done = new CountDownLatch(clients);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        for (int i = 0; i < clients; i++) {
            Thread t =
                    new Thread(
                            () -> {
                                try {
                                    HttpClient http =
                                            HttpClient.newBuilder()
                                                    .version(HttpClient.Version.HTTP_1_1)
                                                    .build();
                                    HttpRequest req =
                                            HttpRequest.newBuilder(uri)
                                                    .POST(HttpRequest.BodyPublishers.noBody())
                                                    .timeout(Duration.ofSeconds(30))
                                                    .build();
                                    while (System.nanoTime() < end) {
                                        if (http.send(req, HttpResponse.BodyHandlers.discarding())
                                                        .statusCode()
                                                == 200) {
                                            ok.incrementAndGet();
                                        }
                                    }
                                } catch (Exception e) {
                                    System.err.println("[bench] cold-start client: " + e);
                                } finally {
                                    done.countDown();
                                }
                            });
            t.start();
        }
        done.await();
        return ok.get();
    }
}
