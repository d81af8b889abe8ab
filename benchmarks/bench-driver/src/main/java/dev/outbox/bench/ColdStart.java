package dev.outbox.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
        try (Broker.Sink sink = new Broker.Sink(Broker.QUEUE)) {
            sink.awaitQuiet(1000, 60_000); // what earlier scenarios left on the queue
            long before = sink.received.get();
            List<Arrival> arrivals = java.util.Collections.synchronizedList(new ArrayList<>());
            sink.arrivals = arrivals;
            // the routing comes from the WAR; everything else is the library's default
            server.start("ds-nonxa.xml", Map.of());
            if (idleSeconds > 0) {
                Thread.sleep(idleSeconds * 1000L); // the idle period is what is measured
            }
            long start = Broker.nowMicros();
            long committed =
                    Math.round(
                            Bench.httpLoad(server, clients, 2 * loadSeconds, true)
                                    * 2
                                    * loadSeconds);
            long end = start + 2_000_000L * loadSeconds;
            long deadline = System.currentTimeMillis() + 120_000;
            sink.awaitCount(before + committed, deadline - System.currentTimeMillis());
            List<Arrival> all;
            synchronized (arrivals) {
                all = List.copyOf(arrivals);
            }
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
            r.add("cold", series, "received", "msgs", rep, all.size());
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
}
