package dev.outbox.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The benchmark run (scripts/bench.sh starts the broker and calls this): every scenario of issue 7
 * against its baseline in the same run, repeated, with progress on standard output, raw values as
 * CSV, a JSON summary and the Markdown report.
 *
 * <p>System properties: {@code bench.quick=true} (small sizes and short runs, to smoke-test),
 * {@code bench.reps} (3), {@code bench.only} (comma-separated scenarios: write, plain, drain,
 * latency, knee, scaling, history, servers, xa, hotspots), {@code bench.report} (the Markdown
 * file), {@code bench.knee.rates} and {@code bench.knee.seconds} (the knee scenario's offered rates
 * and seconds per point).
 */
public final class Bench {

    static final boolean QUICK = Boolean.getBoolean("bench.quick");
    static final int REPS = Integer.getInteger("bench.reps", QUICK ? 1 : 3);
    static final Set<String> ONLY = Set.of(System.getProperty("bench.only", "all").split(","));
    static final long START = System.nanoTime();
    static final int QUIET_WAIT_MINUTES = Integer.getInteger("bench.quiet.minutes", 5);

    /** Scenarios not started once this many minutes have passed (bench.deadline.minutes). */
    static final int DEADLINE_MINUTES = Integer.getInteger("bench.deadline.minutes", 0);

    /**
     * A quick or partial run writes its summary and report under target, never over the committed
     * ones.
     */
    static final boolean PARTIAL = QUICK || !ONLY.contains("all");

    static final int WRITE_SECONDS = QUICK ? 3 : 10;

    /**
     * Seconds of each warm-up. With 5 s, the throughput without the outbox still rose for a minute
     * after a restart (1,161, 1,759 then 2,505 tx/s at 8 clients in three repetitions), so the
     * first repetition's ratio measured a cold server.
     */
    static final int WRITE_WARMUP = QUICK ? 2 : 20;

    static final int DRAIN = QUICK ? 5_000 : 100_000;

    /** Smaller: the XA mode drains slowly. */
    static final int XA_DRAIN = DRAIN / 10;

    static final int PER_KEY = 10;
    static final int LATENCY_SECONDS = QUICK ? 5 : 60;
    static final int FLOOR_SECONDS = QUICK ? 5 : 20;
    static final int BIG = QUICK ? 50_000 : 1_000_000;
    static final int SMALL = QUICK ? 1_000 : 10_000;
    static final int HISTORY_PER_KEY = 100;
    static final int GRUELBOX_THREADS = 4;

    /**
     * The knee scenario's offered rates (bench.knee.rates), walked upward until the curve bends.
     */
    static final int[] KNEE_RATES =
            rates(
                    System.getProperty(
                            "bench.knee.rates",
                            QUICK ? "100,500" : "100,500,1000,2000,3000,4000,6000,8000"));

    /** Seconds of each point of the knee curve (bench.knee.seconds). */
    static final int KNEE_SECONDS = Integer.getInteger("bench.knee.seconds", QUICK ? 3 : 10);

    /** The knee's latency bound: median p99 at most this. */
    static final double KNEE_P99_MS = 50;

    /** Bounded: every message arrived within this after the offer ended. */
    static final long KNEE_DRAIN_MS = 5_000;

    /** How long a point collects its messages after the offer, for the percentiles. */
    static final long KNEE_COLLECT_MS = 120_000;

    /** Up to this, waiting for a backlog left by a bent point to be sent before the next one. */
    static final long KNEE_SETTLE_MS = 600_000;

    /** Gruelbox in the knee: executor threads and HikariCP pool, not the limit at 8,000/s. */
    static final int KNEE_GRUELBOX_THREADS = 16;

    /**
     * With Liberty's pool (maxPoolSize 50, its connections idle but open) and the driver's own,
     * within PostgreSQL's max_connections of 100.
     */
    static final int KNEE_GRUELBOX_POOL = 40;

    static int[] rates(String list) {
        return java.util.Arrays.stream(list.split(","))
                .map(String::trim)
                .filter(r -> !r.isEmpty())
                .mapToInt(Integer::parseInt)
                .sorted()
                .toArray();
    }

    /**
     * Settings every server of the run uses: the defaults, but a 200 ms timer for drains, and what
     * {@code bench.base.extra} adds ({@code key=value,key=value}).
     */
    static final Map<String, String> BASE = base(System.getProperty("bench.base.extra", ""));

    static Map<String, String> base(String extra) {
        Map<String, String> base = new LinkedHashMap<>();
        base.put("outbox.relay.interval", "200ms");
        for (String kv : extra.split(",")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                base.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
            }
        }
        return Map.copyOf(base);
    }

    /** autovacuum_naptime's default. */
    static final int VACUUM_EVERY_SECONDS = 60;

    final Results results;
    final Liberty one = new Liberty("benchServer", 9280, 9643);
    final Liberty two = new Liberty("benchServer2", 9281, 9644);
    final Path rawDir;
    final Map<String, String> machine = new LinkedHashMap<>();
    final Map<String, String> sections = new LinkedHashMap<>();

    Bench(Path rawDir) throws Exception {
        this.rawDir = rawDir;
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        results = new Results(rawDir.resolve("raw-" + stamp + ".csv"));
    }

    public static void main(String[] args) throws Exception {
        Logger.getLogger("").setLevel(Level.WARNING);
        for (var h : Logger.getLogger("").getHandlers()) {
            h.setLevel(Level.WARNING);
        }
        Path root = Path.of(System.getProperty("bench.root", "benchmarks"));
        Bench b = new Bench(root.resolve("target/bench-results"));
        try {
            b.run(root);
        } finally {
            b.one.stop();
            b.two.stop();
        }
    }

    static boolean wanted(String s) {
        return ONLY.contains("all") || ONLY.contains(s);
    }

    static void log(String fmt, Object... args) {
        long s = (System.nanoTime() - START) / 1_000_000_000L;
        System.out.printf(
                Locale.ROOT,
                "[bench %02d:%02d] %s%n",
                s / 60,
                s % 60,
                String.format(Locale.ROOT, fmt, args));
        System.out.flush();
    }

    void run(Path root) throws Exception {
        describeMachine();
        log("machine: %s", machine);
        log(
                "mode: %s, %d repetitions, scenarios: %s",
                QUICK ? "QUICK (smoke sizes)" : "full", REPS, ONLY);
        Pg.resetSchema();
        log("schema reset (outbox DDL from outbox-jpa, bench_order, schema naive)");
        emulateAutovacuum();

        one.start("ds-nonxa.xml", BASE);
        log("benchServer started (non-XA datasource, relay in local mode)");
        // in order of importance: when bench.deadline.minutes passes, the rest is skipped and
        // reported
        // as not measured
        step("write", () -> writeOverhead("nonxa"));
        step("plain", this::plainJdbc);
        step("drain", this::drain);
        step("latency", this::latency);
        step("knee", this::knee);
        step("hotspots", this::profile);
        step("servers", this::servers);
        step("history", this::history);
        if (wanted("write") && timeLeft("write (XA)")) {
            one.start("ds-xa.xml", BASE);
            log("benchServer restarted with the XA datasource (relay in local mode, the default)");
            writeOverhead("xa");
            one.start("ds-nonxa.xml", BASE);
        }
        step("micro", this::micro);
        step("writerelay", this::writeRelayVariants);
        step("scaling", this::scaling);
        step("hotspots", this::batchSizes);
        step("xa", this::xaDrain);
        step("cold", this::coldStart);
        step("netdelay", this::networkDelay);
        step("archive", this::archive);
        one.stop();
        results.note(
                "machine-sharing",
                trials
                        + " measured repetitions; "
                        + contended
                        + " of them ran while an integration-test run was active on the machine; "
                        + waitedMillis / 60_000
                        + " min spent waiting for such runs to end");
        results.writeSummary(
                PARTIAL
                        ? rawDir.resolve("summary-partial.json")
                        : root.resolve("results/summary.json"),
                machine);
        Path report =
                Path.of(
                        System.getProperty(
                                "bench.report",
                                PARTIAL
                                        ? rawDir.resolve("benchmarks-partial.md").toString()
                                        : root.resolveSibling("docs/benchmarks.md").toString()));
        Files.createDirectories(report.toAbsolutePath().getParent());
        Files.writeString(report, Report.markdown(this));
        log("done: raw values in %s, report in %s", rawDir, report);
    }

    /**
     * A new user's first minutes: the server started with the library's defaults, four HTTP clients
     * placing orders at once, and again after the server idled a minute ({@link ColdStart}).
     */
    void coldStart() throws Exception {
        ColdStart cold =
                new ColdStart(
                        this, one, 4, Integer.getInteger("bench.cold.seconds", QUICK ? 10 : 60));
        for (int rep = 1; rep <= REPS; rep++) {
            quietMachine();
            cold.measure("fresh", 0, rep);
            quietMachine();
            cold.measure("idle", QUICK ? 5 : 60, rep);
        }
    }

    /**
     * One server and two draining the same backlog when the database and the broker are across a
     * network: both reached through {@link DelayProxy} with 0, 0.5 and 2 ms each way ({@code
     * bench.netdelay.ms} to choose others). Each delay in one block, one server then two per
     * repetition.
     */
    void networkDelay() throws Exception {
        String[] delays = System.getProperty("bench.netdelay.ms", "0,0.5,2").split(",");
        try (Broker.Sink sink = new Broker.Sink(Broker.QUEUE)) {
            for (String d : delays) {
                Duration oneWay = Duration.ofNanos(Math.round(Double.parseDouble(d) * 1_000_000));
                try (DelayProxy pg = new DelayProxy(0, "127.0.0.1", 5432, oneWay);
                        DelayProxy mq = new DelayProxy(0, "127.0.0.1", Broker.PORT, oneWay)) {
                    for (Liberty server : List.of(one, two)) {
                        server.pgPort = pg.port();
                        server.artemisPort = mq.port();
                    }
                    one.start("ds-nonxa.xml", BASE);
                    log("net delay %s ms each way: benchServer started through the proxies", d);
                    sink.awaitQuiet(1000, 120_000);
                    drainOurs(one, DRAIN / 10, sink);
                    for (int rep = 1; rep <= REPS; rep++) {
                        quietMachine();
                        double alone = drainOurs(one, DRAIN, sink);
                        two.start("ds-nonxa.xml", BASE);
                        drainOurs(one, DRAIN / 10, sink);
                        double both = drainOurs(one, DRAIN, sink);
                        two.stop();
                        String series = "delay-" + d + "ms";
                        results.add("netdelay", series + "-one", "rate", "msg/s", rep, alone);
                        results.add("netdelay", series + "-two", "rate", "msg/s", rep, both);
                        results.add("netdelay", series, "ratio", "two/one", rep, both / alone);
                        log(
                                "  rep %d: one server %.0f msg/s, two %.0f msg/s, ratio %.2f",
                                rep, alone, both, both / alone);
                    }
                } finally {
                    for (Liberty server : List.of(one, two)) {
                        server.pgPort = 5432;
                        server.artemisPort = Broker.PORT;
                    }
                }
            }
        }
        one.start("ds-nonxa.xml", BASE);
    }

    /** A scenario, or any work that may throw (the knee scenario's tasks). */
    interface Step {
        void run() throws Exception;
    }

    final List<String> skipped = new ArrayList<>();

    /**
     * Where PostgreSQL runs without autovacuum (as this machine's does), vacuums the library's
     * tables every {@link #VACUUM_EVERY_SECONDS} seconds, as autovacuum would at its default
     * naptime (a minute): without it every sent record leaves a dead row in {@code outbox_record},
     * the relay's claim walks ever more dead index entries, and later measurements pay for the
     * earlier ones (400,000 dead rows after one run of 3 repetitions). Tables the baselines use are
     * truncated or vacuumed by the scenarios themselves.
     */
    static void emulateAutovacuum() throws SQLException {
        if (!autovacuumOff()) {
            return;
        }
        log(
                "this PostgreSQL runs without autovacuum: vacuuming outbox_record and outbox_key"
                        + " every %d s in its place",
                VACUUM_EVERY_SECONDS);
        java.util.concurrent.ScheduledExecutorService vacuum =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "bench-vacuum");
                            t.setDaemon(true);
                            return t;
                        });
        vacuum.scheduleWithFixedDelay(
                () -> {
                    try {
                        Pg.exec("VACUUM outbox_record", "VACUUM outbox_key");
                    } catch (SQLException | RuntimeException e) {
                        log("  vacuum failed: %s", e);
                    }
                },
                VACUUM_EVERY_SECONDS,
                VACUUM_EVERY_SECONDS,
                java.util.concurrent.TimeUnit.SECONDS);
    }

    static boolean autovacuumOff() throws SQLException {
        return "off".equals(Pg.queryString("SHOW autovacuum"));
    }

    void step(String name, Step step) throws Exception {
        if (wanted(name) && timeLeft(name)) {
            step.run();
        }
    }

    boolean timeLeft(String name) {
        long minutes = (System.nanoTime() - START) / 60_000_000_000L;
        if (DEADLINE_MINUTES > 0 && minutes >= DEADLINE_MINUTES) {
            log("skipping %s: the run's deadline (%d min) has passed", name, DEADLINE_MINUTES);
            skipped.add(name);
            results.note("skipped", String.join(", ", skipped));
            return false;
        }
        return true;
    }

    void describeMachine() throws Exception {
        machine.put("cores (nproc)", Integer.toString(Runtime.getRuntime().availableProcessors()));
        String mem = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
        machine.put("memory", mem.replace("MemTotal: ", ""));
        String os =
                Files.readAllLines(Path.of("/etc/os-release")).stream()
                        .filter(l -> l.startsWith("PRETTY_NAME="))
                        .findFirst()
                        .orElse("?")
                        .replace("PRETTY_NAME=", "")
                        .replace("\"", "");
        machine.put("OS", os + ", kernel " + System.getProperty("os.version"));
        machine.put(
                "CPU",
                Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                        .filter(l -> l.startsWith("model name"))
                        .findFirst()
                        .orElse("?")
                        .replaceAll(".*: ", ""));
        machine.put(
                "Java",
                System.getProperty("java.vm.name")
                        + " "
                        + System.getProperty("java.runtime.version"));
        machine.put(
                "PostgreSQL",
                Pg.queryString("SHOW server_version")
                        + " (127.0.0.1:5432, "
                        + "shared_buffers "
                        + Pg.queryString("SHOW shared_buffers")
                        + ", synchronous_commit "
                        + Pg.queryString("SHOW synchronous_commit")
                        + ", fsync "
                        + Pg.queryString("SHOW fsync")
                        + (autovacuumOff()
                                ? ", autovacuum off: the driver vacuums the library's tables every "
                                        + VACUUM_EVERY_SECONDS
                                        + " s in its place"
                                : ", autovacuum on")
                        + ")");
        machine.put(
                "Artemis broker",
                System.getProperty("bench.artemis.version", "?")
                        + " standalone, persistent journal, port "
                        + Broker.PORT
                        + ", duplicate detection on (default id-cache-size 20000)");
        machine.put("Artemis RA and client", System.getProperty("bench.artemis.client", "?"));
        Path props = Liberty.WLP.resolve("lib/versions/openliberty.properties");
        String liberty =
                Files.exists(props)
                        ? Files.readAllLines(props).stream()
                                .filter(l -> l.startsWith("com.ibm.websphere.productVersion"))
                                .findFirst()
                                .orElse("?")
                                .replaceAll(".*=", "")
                        : "?";
        machine.put("Open Liberty", liberty + " (EE 11 features, heap -Xms512m -Xmx2g)");
        try (var s = Files.list(Liberty.WLP.resolve("usr/shared/resources/hibernate"))) {
            machine.put(
                    "Hibernate ORM",
                    s.map(p -> p.getFileName().toString())
                            .filter(n -> n.startsWith("hibernate-core"))
                            .findFirst()
                            .orElse("?")
                            .replace(".jar", ""));
        }
        machine.put(
                "gruelbox transaction-outbox", System.getProperty("bench.gruelbox.version", "?"));
        machine.put("outbox library measured", System.getProperty("bench.library", "?"));
        machine.put(
                "outbox settings",
                "defaults (batch-size 100, local transaction mode, immediate dispatch, retention 0s)"
                        + " except "
                        + BASE.entrySet().stream()
                                .map(e -> e.getKey() + "=" + e.getValue())
                                .sorted()
                                .collect(java.util.stream.Collectors.joining(", "))
                        + "; per-scenario changes are named in each table");
    }

    int trials;
    int contended;
    long waitedMillis;

    /**
     * Waits (up to bench.quiet.minutes, 5 by default) while a test run (failsafe, or surefire's
     * booter) is active on this shared machine, so that repetitions are measured without it; counts
     * the ones that could not be.
     */
    void quietMachine() throws InterruptedException {
        trials++;
        long start = System.currentTimeMillis();
        boolean told = false;
        while (othersTesting()) {
            if (System.currentTimeMillis() - start > QUIET_WAIT_MINUTES * 60_000L) {
                contended++;
                log(
                        "  WARNING: a test run is still active after %d min: measuring anyway",
                        QUIET_WAIT_MINUTES);
                break;
            }
            if (!told) {
                log(
                        "  a test run (failsafe or surefire) is active on the machine: waiting for it to end");
                told = true;
            }
            Thread.sleep(5000);
        }
        waitedMillis += System.currentTimeMillis() - start;
    }

    static boolean othersTesting() {
        return ProcessHandle.allProcesses()
                .anyMatch(
                        p ->
                                p.info()
                                        .commandLine()
                                        .map(
                                                c ->
                                                        c.contains("failsafe")
                                                                || c.contains("surefirebooter"))
                                        .orElse(false));
    }

    // ---------------------------------------------------------------------------------------------
    // 1. write overhead

    void writeOverhead(String ds) throws Exception {
        // 8 clients first: a few seconds of one client left the server's code cold, and the first
        // repetitions of the plain transaction ran at a third of the last
        for (int clients : new int[] {8, 1}) {
            log("write overhead, %s datasource, %d client(s): warming up", ds, clients);
            httpLoad(one, clients, WRITE_WARMUP, false);
            httpLoad(one, clients, WRITE_WARMUP, true);
            measureWrite("write", ds + "-c" + clients, clients);
        }
        // let the relay catch up before the next measurement
        awaitOutboxEmpty(120_000);
    }

    /**
     * {@link #REPS} repetitions of the transaction without and with one event, in alternating
     * order, {@code clients} clients each: records both rates and their ratio under {@code
     * scenario}/{@code series}.
     */
    void measureWrite(String scenario, String series, int clients) throws Exception {
        for (int rep = 1; rep <= REPS; rep++) {
            quietMachine();
            boolean[] order =
                    rep % 2 == 1 ? new boolean[] {false, true} : new boolean[] {true, false};
            double[] tps = new double[2];
            for (boolean withEvent : order) {
                tps[withEvent ? 1 : 0] = httpLoad(one, clients, WRITE_SECONDS, withEvent);
            }
            results.add(scenario, series + "-plain", "tps", "tx/s", rep, tps[0]);
            results.add(scenario, series + "-outbox", "tps", "tx/s", rep, tps[1]);
            results.add(scenario, series, "ratio", "with/without", rep, tps[1] / tps[0]);
            log(
                    "  rep %d: without %.0f tx/s, with one event %.0f tx/s, ratio %.2f",
                    rep, tps[0], tps[1], tps[1] / tps[0]);
        }
    }

    /** {@code clients} threads POSTing orders back to back for {@code seconds}: transactions/s. */
    static double httpLoad(Liberty server, int clients, int seconds, boolean withEvent)
            throws Exception {
        URI uri = URI.create(server.base() + "/orders?event=" + withEvent);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicBoolean measuring = new AtomicBoolean(true);
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
                                        HttpResponse<Void> r =
                                                http.send(
                                                        req,
                                                        HttpResponse.BodyHandlers.discarding());
                                        if (System.nanoTime() <= end) {
                                            (r.statusCode() == 200 ? ok : failed).incrementAndGet();
                                        }
                                    }
                                } catch (Exception e) {
                                    failed.incrementAndGet();
                                    System.err.println("[bench] client: " + e);
                                } finally {
                                    done.countDown();
                                }
                            });
            t.start();
        }
        done.await();
        measuring.set(false);
        if (failed.get() > 0) {
            log("  WARNING: %d failed requests", failed.get());
        }
        return ok.get() / (double) seconds;
    }

    /** The intrinsic cost: the same transactions in plain JDBC from this JVM. */
    void plainJdbc() throws Exception {
        int seconds = Math.max(3, WRITE_SECONDS / 2);
        for (int clients : new int[] {1, 8}) {
            log("plain JDBC write baseline, %d client(s): warming up", clients);
            jdbcLoad(clients, 2, false);
            jdbcLoad(clients, 2, true);
            for (int rep = 1; rep <= REPS; rep++) {
                quietMachine();
                // alternate which goes first, as for the HTTP measurement
                double a;
                double b;
                if (rep % 2 == 1) {
                    a = jdbcLoad(clients, seconds, false);
                    b = jdbcLoad(clients, seconds, true);
                } else {
                    b = jdbcLoad(clients, seconds, true);
                    a = jdbcLoad(clients, seconds, false);
                }
                results.add("plain", "jdbc-c" + clients + "-plain", "tps", "tx/s", rep, a);
                results.add("plain", "jdbc-c" + clients + "-outbox", "tps", "tx/s", rep, b);
                results.add("plain", "jdbc-c" + clients, "ratio", "with/without", rep, b / a);
                log(
                        "  rep %d: order only %.0f tx/s, order + the outbox statement (key upsert and record insert in one WITH) %.0f tx/s, ratio %.2f",
                        rep, a, b, b / a);
            }
        }
        Pg.exec("TRUNCATE naive.outbox_record, naive.outbox_key, naive.bench_order");
    }

    static double jdbcLoad(int clients, int seconds, boolean withOutbox) throws Exception {
        AtomicLong ok = new AtomicLong();
        CountDownLatch done = new CountDownLatch(clients);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        for (int i = 0; i < clients; i++) {
            new Thread(
                            () -> {
                                try (Pg.PlainWriter w = new Pg.PlainWriter()) {
                                    while (System.nanoTime() < end) {
                                        w.write(withOutbox);
                                        ok.incrementAndGet();
                                    }
                                } catch (Exception e) {
                                    System.err.println("[bench] jdbc client: " + e);
                                } finally {
                                    done.countDown();
                                }
                            })
                    .start();
        }
        done.await();
        return ok.get() / (double) seconds;
    }

    // ---------------------------------------------------------------------------------------------
    // 2. and 5. drain: ours, the naive baseline, gruelbox

    void drain() throws Exception {
        try (Broker.Sink sink = new Broker.Sink(Broker.QUEUE);
                GruelboxPeer peer = new GruelboxPeer(GRUELBOX_THREADS)) {
            sink.awaitQuiet(1000, 120_000);
            log(
                    "drain of %,d pending records (%d per key): warming up each relay with %,d",
                    DRAIN, PER_KEY, DRAIN / 10);
            drainOurs(one, DRAIN / 10, sink);
            drainNaive(DRAIN / 10, sink);
            drainGruelbox(peer, DRAIN / 10, sink);
            for (int rep = 1; rep <= REPS; rep++) {
                quietMachine();
                double ours = drainOurs(one, DRAIN, sink);
                double naive = drainNaive(DRAIN, sink);
                double theirs = drainGruelbox(peer, DRAIN, sink);
                results.add("drain", "ours", "rate", "msg/s", rep, ours);
                results.add("drain", "naive", "rate", "msg/s", rep, naive);
                results.add("drain", "gruelbox", "rate", "msg/s", rep, theirs);
                results.add("drain", "ours/naive", "ratio", "x", rep, ours / naive);
                results.add("drain", "ours/gruelbox", "ratio", "x", rep, ours / theirs);
                log(
                        "  rep %d: ours %.0f msg/s, naive %.0f msg/s, gruelbox %.0f msg/s; ours/naive %.2f, ours/gruelbox %.2f",
                        rep, ours, naive, theirs, ours / naive, ours / theirs);
            }
        }
    }

    /**
     * The rate of the last drain of ours counted from its first message received, not from the
     * commit.
     */
    double lastSteadyRate;

    /**
     * Seeds {@code n} pending records and times the Liberty relay(s) until none is pending.
     *
     * @return messages/s from the seed's commit (includes the wait for the relay's next tick); the
     *     rate from the first message received is left in {@link #lastSteadyRate}
     */
    double drainOurs(Liberty server, int n, Broker.Sink sink) throws Exception {
        Pg.vacuum("outbox_record", "outbox_key");
        long before = sink.received.get();
        sink.mark();
        long t0 = seedOurs(n / PER_KEY, 0, PER_KEY);
        double seconds = awaitDrained(t0, 1_800_000);
        long end = t0 + (long) (seconds * 1e9);
        long first = sink.firstAfterMark.get();
        lastSteadyRate = first > 0 && end > first ? n / ((end - first) / 1e9) : Double.NaN;
        if (!sink.awaitCount(before + n, 600_000)) {
            log("  WARNING: the consumer got %d of %d messages", sink.received.get() - before, n);
        }
        sink.awaitQuiet(500, 60_000);
        log(
                "    ours (%s): %,d in %.1f s = %.0f msg/s (%.0f msg/s from the first message)",
                server.name, n, seconds, n / seconds, lastSteadyRate);
        return n / seconds;
    }

    /**
     * Seeds records for the Liberty relay due a few seconds later, analyzes the tables meanwhile
     * (this machine's PostgreSQL runs without autovacuum, so statistics are only what we make them:
     * without this the claim is planned for an empty table; see docs/benchmarks.md), and waits
     * until they are due.
     *
     * @return the System.nanoTime() at which they became due
     */
    static long seedOurs(int keys, int history, int pending) throws Exception {
        long total = (long) keys * (history + pending);
        int due = total > 200_000 ? 8 : 4;
        long dueAt = Pg.seedDue("public", keys, history, pending, due);
        Pg.exec("ANALYZE outbox_record", "ANALYZE outbox_key");
        long wait = dueAt - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        } else {
            log(
                    "  WARNING: analyzing took %d ms longer than the %d s before the records were due",
                    -wait, due);
        }
        return System.nanoTime() - (System.currentTimeMillis() - dueAt) * 1_000_000L;
    }

    static double awaitDrained(long t0, long timeoutMillis) throws Exception {
        try (java.sql.Connection c = Pg.connect()) {
            long deadline = System.currentTimeMillis() + timeoutMillis;
            while (Pg.anyPending(c, "public")) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("the relay did not drain in time");
                }
                Thread.sleep(20);
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    static void awaitOutboxEmpty(long timeoutMillis) throws Exception {
        awaitDrained(System.nanoTime(), timeoutMillis);
    }

    double drainNaive(int n, Broker.Sink sink) throws Exception {
        Pg.exec("TRUNCATE naive.outbox_record, naive.outbox_key");
        Pg.vacuum("naive.outbox_record", "naive.outbox_key");
        long before = sink.received.get();
        Pg.seed("naive", n / PER_KEY, 0, PER_KEY);
        Pg.exec("ANALYZE naive.outbox_record", "ANALYZE naive.outbox_key");
        long t0 = System.nanoTime();
        long sent = NaiveRelay.drain("naive", 100);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (sent != n) {
            throw new IllegalStateException("the naive relay sent " + sent + " of " + n);
        }
        sink.awaitCount(before + n, 600_000);
        sink.awaitQuiet(500, 60_000);
        log("    naive: %,d in %.1f s = %.0f msg/s", n, seconds, n / seconds);
        return n / seconds;
    }

    double drainGruelbox(GruelboxPeer peer, int n, Broker.Sink sink) throws Exception {
        long before = sink.received.get();
        peer.seed(n / PER_KEY, PER_KEY);
        Pg.vacuum("txno_outbox");
        long t0 = System.nanoTime();
        peer.drain();
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (!sink.awaitCount(before + n, 600_000)) {
            log(
                    "  WARNING: the consumer got %d of %d gruelbox messages",
                    sink.received.get() - before, n);
        }
        sink.awaitQuiet(500, 60_000);
        log("    gruelbox: %,d in %.1f s = %.0f msg/s", n, seconds, n / seconds);
        return n / seconds;
    }

    // ---------------------------------------------------------------------------------------------
    // 3. latency

    void latency() throws Exception {
        log("latency: warming up the generator and the relay (%d s at 100/s)", WRITE_WARMUP * 2);
        try (Broker.Sink sink = new Broker.Sink(Broker.QUEUE)) {
            offerLoad(100, WRITE_WARMUP * 2, 8);
            sink.awaitQuiet(1000, 120_000);
        }
        for (int rate : new int[] {100, 1000}) {
            for (int rep = 1; rep <= REPS; rep++) {
                quietMachine();
                try (Broker.Sink sink = new Broker.Sink(Broker.FLOOR_QUEUE);
                        Broker.FloorProducer producer = new Broker.FloorProducer()) {
                    sink.awaitQuiet(500, 60_000);
                    Stats.Longs lat = new Stats.Longs();
                    sink.latencies = lat;
                    long offered =
                            openLoop(
                                    rate,
                                    FLOOR_SECONDS,
                                    8,
                                    () -> {
                                        try {
                                            producer.send();
                                        } catch (Exception e) {
                                            throw new IllegalStateException(e);
                                        }
                                    });
                    sink.awaitCount(offered, 60_000);
                    sink.latencies = null;
                    record(
                            "latency",
                            "floor-" + rate,
                            rep,
                            lat.sorted(),
                            offered / (double) FLOOR_SECONDS);
                }
                outboxLatency("latency", "ours-" + rate, rate, rep);
            }
        }
    }

    /**
     * The outbox's latency at a steady load generated inside the server: records it under {@code
     * scenario}/{@code series}, with the cross-check from {@code outboxWrittenAt}.
     */
    void outboxLatency(String scenario, String series, int rate, int rep) throws Exception {
        try (Broker.Sink sink = new Broker.Sink(Broker.QUEUE)) {
            sink.awaitQuiet(1000, 120_000);
            Stats.Longs lat = new Stats.Longs();
            Stats.Longs written = new Stats.Longs();
            sink.latencies = lat;
            sink.writtenLatencies = written;
            long before = sink.received.get();
            String body = offerLoad(rate, LATENCY_SECONDS, 8);
            long committed = (long) jsonNumber(body, "committed");
            double secs = jsonNumber(body, "seconds");
            sink.awaitCount(before + committed, 300_000);
            sink.latencies = null;
            sink.writtenLatencies = null;
            record(scenario, series, rep, lat.sorted(), committed / secs);
            results.add(
                    scenario,
                    series,
                    "p50-writtenAt",
                    "ms",
                    rep,
                    Stats.percentile(written.sorted(), 50));
            log("  generator: %s", body);
        }
    }

    /**
     * Offers {@code rate} transactions/s from {@code workers} workers inside the server: its JSON
     * answer.
     */
    String offerLoad(int rate, int seconds, int workers) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                one.base()
                                                        + "/load?rate="
                                                        + rate
                                                        + "&seconds="
                                                        + seconds
                                                        + "&workers="
                                                        + workers))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .timeout(Duration.ofSeconds(seconds + 600))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /** A non-negative number in the generator's flat JSON answer. */
    static double jsonNumber(String json, String key) {
        return Double.parseDouble(json.replaceAll(".*\"" + key + "\":([0-9.]+).*", "$1"));
    }

    void record(String scenario, String series, int rep, long[] micros, double achieved) {
        double p50 = Stats.percentile(micros, 50) / 1000.0;
        double p95 = Stats.percentile(micros, 95) / 1000.0;
        double p99 = Stats.percentile(micros, 99) / 1000.0;
        double max = micros.length == 0 ? -1 : micros[micros.length - 1] / 1000.0;
        results.add(scenario, series, "p50", "ms", rep, p50);
        results.add(scenario, series, "p95", "ms", rep, p95);
        results.add(scenario, series, "p99", "ms", rep, p99);
        results.add(scenario, series, "max", "ms", rep, max);
        results.add(scenario, series, "achieved", "msg/s", rep, achieved);
        results.add(scenario, series, "count", "msgs", rep, micros.length);
        log(
                "  %s rep %d: %d messages at %.0f/s: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.1f ms",
                series, rep, micros.length, achieved, p50, p95, p99, max);
    }

    /** How long after {@link #openLoop} is called its schedule starts. */
    static final long OPEN_LOOP_LEAD_NANOS = 20_000_000L;

    /**
     * Runs {@code task} at a steady rate from {@code workers} threads (open loop). @return the
     * count
     */
    static long openLoop(int rate, int seconds, int workers, Runnable task)
            throws InterruptedException {
        long total = (long) rate * seconds;
        long start = System.nanoTime() + OPEN_LOOP_LEAD_NANOS;
        double interval = 1e9 / rate;
        AtomicLong next = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            Thread t =
                    new Thread(
                            () -> {
                                long n;
                                while ((n = next.getAndIncrement()) < total) {
                                    long wait = start + (long) (n * interval) - System.nanoTime();
                                    if (wait > 0) {
                                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                                    }
                                    task.run();
                                }
                            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        return total;
    }

    // ---------------------------------------------------------------------------------------------
    // 3b. latency curve and knee

    /** What one offer of the knee scenario delivered: the messages to expect, over how long. */
    record Offered(long messages, double seconds) {}

    /** A path's load: {@code rate} messages/s for {@code seconds}, open loop. */
    interface Offer {
        Offered offer(int rate, int seconds) throws Exception;
    }

    /**
     * The latency curve and its knee, for the broker alone, ours and gruelbox: each path walks
     * {@link #KNEE_RATES} upward ({@link #kneeOf}), and the knee's ratio to the broker's is
     * recorded ({@code knee}/{@code <path>/broker}/{@code ratio}).
     */
    void knee() throws Exception {
        log(
                "knee: offered rates %s/s, %d s per point, %d repetitions; bounded and p99 <= %.0f ms",
                java.util.Arrays.toString(KNEE_RATES), KNEE_SECONDS, REPS, KNEE_P99_MS);
        Map<String, Integer> knees = new LinkedHashMap<>();
        knees.put(
                "broker",
                kneeOf(
                        "broker",
                        Broker.FLOOR_QUEUE,
                        () -> {},
                        (rate, seconds) -> {
                            try (Broker.FloorProducer producer = new Broker.FloorProducer()) {
                                return offerFromDriver(rate, seconds, producer::send);
                            }
                        }));
        knees.put(
                "ours",
                kneeOf(
                        "ours",
                        Broker.QUEUE,
                        () -> Pg.vacuum("outbox_record", "outbox_key"),
                        (rate, seconds) -> {
                            String body = offerLoad(rate, seconds, kneeWorkers(rate));
                            log("    generator: %s", body);
                            return new Offered(
                                    (long) jsonNumber(body, "committed"),
                                    jsonNumber(body, "seconds"));
                        }));
        // its table is created by gruelbox's migrations when the peer is built
        try (GruelboxPeer peer = new GruelboxPeer(KNEE_GRUELBOX_THREADS, KNEE_GRUELBOX_POOL)) {
            Pg.exec("DELETE FROM txno_outbox");
            knees.put(
                    "gruelbox",
                    kneeOf(
                            "gruelbox",
                            Broker.QUEUE,
                            () -> Pg.vacuum("txno_outbox"),
                            (rate, seconds) -> offerFromDriver(rate, seconds, peer::placeOrder)));
        }
        double broker = knees.get("broker");
        if (broker > 0) {
            for (String path : List.of("ours", "gruelbox")) {
                results.add("knee", path + "/broker", "ratio", "x", 1, knees.get(path) / broker);
            }
        }
        log("knees (msg/s, 0: bent at the first rate): %s", knees);
    }

    /**
     * Walks {@link #KNEE_RATES} upward for one path, {@link #REPS} repetitions a rate, after a
     * warm-up at the first rate; a rate bends when it is not bounded in the majority of its
     * repetitions or its median p99 exceeds {@link #KNEE_P99_MS}, and the walk stops after two bent
     * rates in a row (they are recorded: the curve shows where it bends). Records the knee under
     * {@code knee}/{@code path}/{@code knee}.
     *
     * @param queue where the path's messages arrive
     * @param prepare run before each repetition (the path's tables vacuumed, as the drains do)
     * @return the knee: the highest rate bounded with median p99 within the bound, 0 if none
     */
    int kneeOf(String path, String queue, Step prepare, Offer offer) throws Exception {
        try (Broker.Sink sink = new Broker.Sink(queue)) {
            sink.awaitQuiet(1000, KNEE_SETTLE_MS);
            log("knee, %s: warming up (%d s at %d/s)", path, WRITE_WARMUP * 2, KNEE_RATES[0]);
            offer.offer(KNEE_RATES[0], WRITE_WARMUP * 2);
            int knee = 0;
            int bentInARow = 0;
            for (int rate : KNEE_RATES) {
                String series = path + "-" + rate;
                int bounded = 0;
                for (int rep = 1; rep <= REPS; rep++) {
                    quietMachine();
                    sink.awaitQuiet(1000, KNEE_SETTLE_MS);
                    prepare.run();
                    if (kneePoint(sink, series, rate, rep, offer)) {
                        bounded++;
                    }
                }
                double p99 = Stats.median(results.of("knee", series, "p99"));
                if (2 * bounded <= REPS || !(p99 <= KNEE_P99_MS)) {
                    log(
                            "  %s bends at %d/s: bounded in %d of %d repetitions, median p99 %.1f ms",
                            path, rate, bounded, REPS, p99);
                    // one bent rate may be the shared machine's hiccup: two in a row end the walk
                    if (++bentInARow == 2) {
                        break;
                    }
                    continue;
                }
                bentInARow = 0;
                knee = rate;
            }
            // what a bent point left behind, sent before the next path is measured
            sink.awaitQuiet(1000, KNEE_SETTLE_MS);
            results.add("knee", path, "knee", "msg/s", 1, knee);
            log("  knee of %s: %d/s", path, knee);
            return knee;
        }
    }

    /**
     * One point of the curve: {@code offer} at {@code rate} for {@link #KNEE_SECONDS}, then waits
     * up to {@link #KNEE_COLLECT_MS} for every message, for the percentiles. Records them with the
     * achieved rate, {@code drainMs} (from the end of the offer until the last message arrived; the
     * time waited if some never did) and {@code bounded}: achieved at least 95 % of the offered
     * rate, and every message arrived within {@link #KNEE_DRAIN_MS} after the offer.
     *
     * @return whether the point was bounded
     */
    boolean kneePoint(Broker.Sink sink, String series, int rate, int rep, Offer offer)
            throws Exception {
        Stats.Longs lat = new Stats.Longs();
        long before = sink.received.get();
        sink.latencies = lat;
        Offered offered = offer.offer(rate, KNEE_SECONDS);
        long ended = System.nanoTime();
        boolean all = sink.awaitCount(before + offered.messages(), KNEE_COLLECT_MS);
        sink.latencies = null;
        long missing = Math.max(0, before + offered.messages() - sink.received.get());
        double drainMs =
                all
                        ? Math.max(0, (sink.lastReceivedNanos.get() - ended) / 1e6)
                        : (System.nanoTime() - ended) / 1e6;
        double achieved = offered.messages() / offered.seconds();
        boolean bounded = all && achieved >= 0.95 * rate && drainMs <= KNEE_DRAIN_MS;
        record("knee", series, rep, lat.sorted(), achieved);
        results.add("knee", series, "drainMs", "ms", rep, drainMs);
        results.add("knee", series, "bounded", "1/0", rep, bounded ? 1 : 0);
        results.add("knee", series, "missing", "msgs", rep, missing);
        log(
                "    offered %d/s, achieved %.0f/s, last message %.0f ms after the offer%s: %s",
                rate,
                achieved,
                drainMs,
                all ? "" : String.format(Locale.ROOT, " (%,d never arrived)", missing),
                bounded ? "bounded" : "NOT bounded");
        return bounded;
    }

    /** Open-loop workers for {@code rate}/s: 8, or one per 125/s, so that none is the limit. */
    static int kneeWorkers(int rate) {
        return Math.max(8, rate / 125);
    }

    /**
     * {@code task} at {@code rate}/s for {@code seconds} from this JVM ({@link #openLoop}, {@link
     * #kneeWorkers} threads); a failed task is counted, not retried.
     *
     * @return the tasks that succeeded, over the time from the schedule's start to the last one's
     *     end
     */
    static Offered offerFromDriver(int rate, int seconds, Step task) throws InterruptedException {
        AtomicLong failed = new AtomicLong();
        long called = System.nanoTime();
        long offered =
                openLoop(
                        rate,
                        seconds,
                        kneeWorkers(rate),
                        () -> {
                            try {
                                task.run();
                            } catch (Exception e) {
                                if (failed.getAndIncrement() == 0) {
                                    log("  WARNING: %s", e);
                                }
                            }
                        });
        double elapsed = (System.nanoTime() - called - OPEN_LOOP_LEAD_NANOS) / 1e9;
        if (failed.get() > 0) {
            log("  WARNING: %,d of %,d offered failed", failed.get(), offered);
        }
        return new Offered(offered - failed.get(), elapsed);
    }

    // ---------------------------------------------------------------------------------------------
    // 4. backlog size and history

    void scaling() throws Exception {
        try (Broker.Sink sink = new Broker.Sink(Broker.QUEUE)) {
            sink.awaitQuiet(1000, 120_000);
            for (int rep = 1; rep <= REPS; rep++) {
                quietMachine();
                double small = drainOurs(one, SMALL, sink);
                double smallSteady = lastSteadyRate;
                double big = drainOurs(one, BIG, sink);
                double bigSteady = lastSteadyRate;
                results.add("scaling", "ours-" + SMALL, "rate", "msg/s", rep, small);
                results.add("scaling", "ours-" + BIG, "rate", "msg/s", rep, big);
                results.add("scaling", "ours-" + SMALL, "steady", "msg/s", rep, smallSteady);
                results.add("scaling", "ours-" + BIG, "steady", "msg/s", rep, bigSteady);
                results.add("scaling", "big/small", "ratio", "x", rep, bigSteady / smallSteady);
                log(
                        "  rep %d: from the first message, %,d pending: %.0f msg/s, %,d pending: %.0f msg/s, ratio %.2f",
                        rep, SMALL, smallSteady, BIG, bigSteady, bigSteady / smallSteady);
            }
        }
    }

    /**
     * Claim-query cost and drain rate with 1M DISPATCHED records kept (outbox.retention=30d) on the
     * same keys as the pending ones, against the same without history.
     */
    void history() throws Exception {
        Map<String, String> keep = new LinkedHashMap<>(BASE);
        keep.put("outbox.retention", "30d");
        one.start("ds-nonxa.xml", keep);
        log("benchServer restarted with outbox.retention=30d");
        int keys = DRAIN / PER_KEY;
        try (Broker.Sink sink = new Broker.Sink(Broker.QUEUE)) {
            sink.awaitQuiet(1000, 120_000);
            drainOurs(one, DRAIN / 10, sink);
            for (int rep = 1; rep <= REPS; rep++) {
                quietMachine();
                for (boolean withHistory : new boolean[] {false, true}) {
                    Pg.exec("TRUNCATE outbox_record, outbox_key");
                    long before = sink.received.get();
                    // the relay would claim the rows at once: time the claim on the same rows in
                    // schema naive first
                    Pg.exec("TRUNCATE naive.outbox_record, naive.outbox_key");
                    int hist = withHistory ? BIG / keys : 0;
                    Pg.seed("naive", keys, hist, PER_KEY);
                    Pg.vacuum("naive.outbox_record", "naive.outbox_key");
                    List<Double> head = Pg.timeClaim(Pg.CLAIM_HEAD, "naive", 100, 20);
                    List<Double> plain = Pg.timeClaim(Pg.CLAIM_PLAIN, "naive", 100, 20);
                    String series = withHistory ? "history-" + (long) keys * hist : "no-history";
                    results.add("history", series, "claim-head", "ms", rep, Stats.median(head));
                    results.add("history", series, "claim-plain", "ms", rep, Stats.median(plain));
                    if (rep == 1) {
                        results.note("explain-" + series, Pg.explain(Pg.CLAIM_HEAD, "naive", 100));
                    }
                    // the proposed index: earlier unsent records of a key, so that history is never
                    // visited
                    Pg.exec(
                            "CREATE INDEX naive_unsent_key ON naive.outbox_record (aggregate_type, aggregate_id, seq)"
                                    + " WHERE status <> 'DISPATCHED'",
                            "ANALYZE naive.outbox_record");
                    List<Double> indexed = Pg.timeClaim(Pg.CLAIM_HEAD, "naive", 100, 20);
                    results.add(
                            "history",
                            series,
                            "claim-head-indexed",
                            "ms",
                            rep,
                            Stats.median(indexed));
                    if (rep == 1) {
                        results.note(
                                "explain-indexed-" + series,
                                Pg.explain(Pg.CLAIM_HEAD, "naive", 100));
                    }
                    Pg.exec("DROP INDEX naive.naive_unsent_key");
                    Pg.exec("TRUNCATE naive.outbox_record, naive.outbox_key");
                    long t0 = seedOurs(keys, hist, PER_KEY);
                    double seconds = awaitDrained(t0, 1_800_000);
                    sink.awaitCount(before + (long) keys * PER_KEY, 600_000);
                    double rate = keys * PER_KEY / seconds;
                    results.add("history", series, "rate", "msg/s", rep, rate);
                    log(
                            "  rep %d %s: claim (head) %.1f ms, with the proposed index %.1f ms, claim (no head condition) %.1f ms, drain %.0f msg/s",
                            rep,
                            series,
                            Stats.median(head),
                            Stats.median(indexed),
                            Stats.median(plain),
                            rate);
                }
                List<Double> r =
                        results.of("history", "history-" + (long) keys * (BIG / keys), "rate");
                List<Double> b = results.of("history", "no-history", "rate");
                results.add(
                        "history",
                        "ratio",
                        "rate",
                        "x",
                        rep,
                        r.get(r.size() - 1) / b.get(b.size() - 1));
                List<Double> ch =
                        results.of(
                                "history", "history-" + (long) keys * (BIG / keys), "claim-head");
                List<Double> cb = results.of("history", "no-history", "claim-head");
                results.add(
                        "history",
                        "ratio",
                        "claim-head",
                        "x",
                        rep,
                        ch.get(ch.size() - 1) / cb.get(cb.size() - 1));
            }
        }
        Pg.exec("TRUNCATE outbox_record, outbox_key");
        one.start("ds-nonxa.xml", BASE);
    }

    // ---------------------------------------------------------------------------------------------
    // 9. history by the day (outbox.retention.archive=daily)

    /** Days of archived history, and records per day. */
    static final int ARCHIVE_DAYS = Integer.getInteger("bench.archive.days", QUICK ? 3 : 30);

    static final int ARCHIVE_PER_DAY =
            Integer.getInteger("bench.archive.per-day", QUICK ? 20_000 : 1_000_000);

    /**
     * The relay with {@code outbox.retention.archive=daily}, against an empty archive and against
     * {@link #ARCHIVE_DAYS} days of {@link #ARCHIVE_PER_DAY} records: the drain (claim, send, and
     * the mark that moves each record), the write ratio, the queue table's size and VACUUM after
     * the drain. Then the retirement of one day: the relay's DETACH and DROP of its partition,
     * against the DELETE-based purge of as many records (the relay's statement, in batches of
     * {@code outbox.retention.purge-batch-size}) and the VACUUM that follows it.
     */
    void archive() throws Exception {
        Map<String, String> kept = new LinkedHashMap<>(BASE);
        kept.put("outbox.retention", (ARCHIVE_DAYS + 3) + "d");
        Map<String, String> archived = new LinkedHashMap<>(kept);
        archived.put("outbox.retention.archive", "daily");
        try (Broker.Sink sink = new Broker.Sink(Broker.QUEUE)) {
            sink.awaitQuiet(1000, 120_000);
            for (String series : new String[] {"no-archive", "empty", "history"}) {
                switch (series) {
                    case "no-archive" -> {
                        one.start("ds-nonxa.xml", kept);
                        log(
                                "benchServer restarted with outbox.retention=%s",
                                kept.get("outbox.retention"));
                        warmArchive(sink);
                    }
                    case "empty" -> {
                        Pg.createArchive();
                        one.start("ds-nonxa.xml", archived);
                        log("benchServer restarted with outbox.retention.archive=daily");
                        warmArchive(sink);
                    }
                    default -> {
                        long t = System.nanoTime();
                        Pg.seedArchive(ARCHIVE_DAYS, ARCHIVE_PER_DAY);
                        log(
                                "  archive seeded: %d days x %,d records in %.0f s (%,d MB)",
                                ARCHIVE_DAYS,
                                ARCHIVE_PER_DAY,
                                (System.nanoTime() - t) / 1e9,
                                Pg.queryLong(
                                                "SELECT sum(pg_total_relation_size(inhrelid))"
                                                        + " FROM pg_inherits WHERE inhparent ="
                                                        + " 'outbox_archive'::regclass")
                                        / 1_000_000);
                    }
                }
                for (int rep = 1; rep <= REPS; rep++) {
                    quietMachine();
                    Pg.exec("TRUNCATE outbox_record, outbox_key");
                    double rate = drainOurs(one, DRAIN, sink);
                    results.add("archive", series, "rate", "msg/s", rep, rate);
                    long t = System.nanoTime();
                    Pg.exec("VACUUM outbox_record");
                    double vacuum = (System.nanoTime() - t) / 1e6;
                    results.add("archive", series, "vacuum", "ms", rep, vacuum);
                    double mb =
                            Pg.queryLong("SELECT pg_total_relation_size('outbox_record')") / 1e6;
                    results.add("archive", series, "queue-size", "MB", rep, mb);
                    log(
                            "  rep %d %s: drain %.0f msg/s, then VACUUM outbox_record %.0f ms,"
                                    + " queue table %.1f MB",
                            rep, series, rate, vacuum, mb);
                }
                measureWrite("archive", series + "-c8", 8);
            }
            ratios("history", "empty", "history/empty");
            ratios("empty", "no-archive", "archive/no-archive");
        }
        retireOneDay();
        Pg.exec(
                "DROP TABLE IF EXISTS outbox_archive CASCADE",
                "TRUNCATE outbox_record, outbox_key");
        one.start("ds-nonxa.xml", BASE);
    }

    /** After a restart: a small drain and the write warm-up, so that no measurement pays for it. */
    private void warmArchive(Broker.Sink sink) throws Exception {
        drainOurs(one, DRAIN / 10, sink);
        httpLoad(one, 8, WRITE_WARMUP, false);
        httpLoad(one, 8, WRITE_WARMUP, true);
    }

    /** Per repetition: drain rate, VACUUM time and write ratio of one series over another. */
    private void ratios(String series, String baseline, String name) {
        for (String[] m :
                new String[][] {{"rate", "rate"}, {"vacuum", "vacuum"}, {"-c8", "ratio"}}) {
            boolean write = m[0].startsWith("-");
            List<Double> a = results.of("archive", write ? series + m[0] : series, m[1]);
            List<Double> b = results.of("archive", write ? baseline + m[0] : baseline, m[1]);
            for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                results.add(
                        "archive", name, write ? "write" : m[1], "x", i + 1, a.get(i) / b.get(i));
            }
        }
    }

    /**
     * One day of history retired: its partition detached and dropped, as the relay does, against
     * the DELETE-based purge of as many DISPATCHED records from a queue table (schema naive).
     */
    void retireOneDay() throws Exception {
        int keys = Math.max(1, ARCHIVE_PER_DAY / HISTORY_PER_KEY);
        String purge =
                "DELETE FROM naive.outbox_record WHERE id IN (SELECT id FROM naive.outbox_record"
                        + " WHERE status = 'DISPATCHED' AND dispatched_at < now() LIMIT 1000)";
        for (int rep = 1; rep <= REPS; rep++) {
            quietMachine();
            String day = Pg.oldestArchiveDay();
            long rows = Pg.queryLong("SELECT COUNT(*) FROM " + day);
            long t = System.nanoTime();
            try (java.sql.Connection c = Pg.connect();
                    java.sql.Statement st = c.createStatement()) {
                c.setAutoCommit(false);
                st.execute("ALTER TABLE outbox_archive DETACH PARTITION " + day);
                st.execute("DROP TABLE " + day);
                c.commit();
            }
            double drop = (System.nanoTime() - t) / 1e6;
            Pg.exec("TRUNCATE naive.outbox_record, naive.outbox_key");
            Pg.seed("naive", keys, HISTORY_PER_KEY, 0);
            Pg.vacuum("naive.outbox_record");
            long deleted = 0;
            t = System.nanoTime();
            try (java.sql.Connection c = Pg.connect();
                    java.sql.Statement st = c.createStatement()) {
                int n;
                do {
                    n = st.executeUpdate(purge);
                    deleted += n;
                } while (n > 0);
            }
            double delete = (System.nanoTime() - t) / 1e6;
            t = System.nanoTime();
            Pg.exec("VACUUM naive.outbox_record");
            double vacuum = (System.nanoTime() - t) / 1e6;
            results.add("archive", "retire-drop", "ms", "ms", rep, drop);
            results.add("archive", "retire-delete", "ms", "ms", rep, delete);
            results.add("archive", "retire-delete-vacuum", "ms", "ms", rep, vacuum);
            results.add("archive", "retire", "delete/drop", "x", rep, (delete + vacuum) / drop);
            log(
                    "  rep %d: one day retired: DETACH + DROP of %s (%,d records) %.0f ms;"
                            + " DELETE of %,d records in batches of 1000 %.0f ms, then VACUUM %.0f ms",
                    rep, day, rows, drop, deleted, delete, vacuum);
        }
        Pg.exec("TRUNCATE naive.outbox_record, naive.outbox_key");
    }

    /**
     * Where the write overhead goes: the same with/without measurement (non-XA, 1 and 8 clients)
     * with the relay as by default, with the relay on the timer only (no immediate dispatch), and
     * with the relay off (capture alone).
     */
    void writeRelayVariants() throws Exception {
        Map<String, Map<String, String>> variants = new LinkedHashMap<>();
        variants.put("default", Map.of());
        variants.put("timer-only", Map.of("outbox.relay.immediate", "false"));
        variants.put("relay-off", Map.of("outbox.relay.enabled", "false"));
        // bench.writerelay.variants: some of them only
        Set<String> only =
                Set.of(System.getProperty("bench.writerelay.variants", "all").split(","));
        variants.keySet().removeIf(k -> !only.contains("all") && !only.contains(k));
        for (Map.Entry<String, Map<String, String>> v : variants.entrySet()) {
            Map<String, String> cfg = new LinkedHashMap<>(BASE);
            cfg.putAll(v.getValue());
            one.start("ds-nonxa.xml", cfg);
            httpLoad(one, 8, WRITE_WARMUP, false);
            httpLoad(one, 8, WRITE_WARMUP, true);
            for (int clients : new int[] {8, 1}) {
                log(
                        "write overhead with the relay %s %s, %d client(s)",
                        v.getKey(), v.getValue(), clients);
                measureWrite("writerelay", v.getKey() + "-c" + clients, clients);
            }
        }
        Pg.exec("TRUNCATE outbox_record, outbox_key");
        one.start("ds-nonxa.xml", BASE);
    }

    // ---------------------------------------------------------------------------------------------
    // statement-level measurements behind the hot spots

    /**
     * In schema naive, from this JVM: (a) marking a claimed batch of 100 as 100 single-row DELETEs
     * in a JDBC batch (what the relay does) against one {@code DELETE … WHERE id = ANY(?)}; (b) the
     * write transaction with and without the {@code outbox_record_status} index.
     */
    void micro() throws Exception {
        int n = QUICK ? 5_000 : 50_000;
        for (int rep = 1; rep <= REPS; rep++) {
            quietMachine();
            double batch = deleteAll(n, false);
            double any = deleteAll(n, true);
            results.add("micro", "delete-jdbc-batch", "per-100", "ms", rep, batch);
            results.add("micro", "delete-any", "per-100", "ms", rep, any);
            results.add("micro", "delete-any/jdbc-batch", "ratio", "x", rep, any / batch);
            log(
                    "  rep %d: mark 100 claimed records: JDBC batch of 100 DELETEs %.2f ms, one DELETE = ANY(?) %.2f ms",
                    rep, batch, any);
        }
        for (int rep = 1; rep <= REPS; rep++) {
            quietMachine();
            // statistics of an empty table (as left by an ANALYZE, or never refreshed without
            // autovacuum), then a backlog arrives: the claim as the relay runs it
            Pg.exec("TRUNCATE naive.outbox_record, naive.outbox_key");
            Pg.vacuum("naive.outbox_record", "naive.outbox_key");
            Pg.seed("naive", DRAIN / PER_KEY, 0, PER_KEY);
            List<Double> stale = Pg.timeClaim(Pg.CLAIM_HEAD, "naive", 100, 3);
            if (rep == 1) {
                results.note("explain-stale", Pg.explain(Pg.CLAIM_HEAD, "naive", 100));
            }
            Pg.exec("ANALYZE naive.outbox_record", "ANALYZE naive.outbox_key");
            List<Double> fresh = Pg.timeClaim(Pg.CLAIM_HEAD, "naive", 100, 20);
            results.add("micro", "claim-stale-stats", "claim", "ms", rep, Stats.median(stale));
            results.add("micro", "claim-fresh-stats", "claim", "ms", rep, Stats.median(fresh));
            results.add(
                    "micro",
                    "claim-stale/fresh",
                    "ratio",
                    "x",
                    rep,
                    Stats.median(stale) / Stats.median(fresh));
            log(
                    "  rep %d: claim of 100 among %,d pending: statistics of the empty table %.1f ms, analyzed %.1f ms",
                    rep, DRAIN, Stats.median(stale), Stats.median(fresh));
        }
        int seconds = Math.max(3, WRITE_SECONDS / 2);
        for (int rep = 1; rep <= REPS; rep++) {
            quietMachine();
            Pg.exec("TRUNCATE naive.outbox_record, naive.outbox_key, naive.bench_order");
            double with = jdbcLoad(8, seconds, true);
            Pg.exec("DROP INDEX naive.outbox_record_status_dispatched_at_idx");
            Pg.exec("TRUNCATE naive.outbox_record, naive.outbox_key, naive.bench_order");
            double without = jdbcLoad(8, seconds, true);
            Pg.exec("CREATE INDEX ON naive.outbox_record (status, dispatched_at)");
            results.add("micro", "write-with-status-index", "tps", "tx/s", rep, with);
            results.add("micro", "write-without-status-index", "tps", "tx/s", rep, without);
            results.add(
                    "micro", "write-without/with-status-index", "ratio", "x", rep, without / with);
            log(
                    "  rep %d: plain JDBC write, 8 clients: with the status index %.0f tx/s, without %.0f tx/s",
                    rep, with, without);
        }
        Pg.exec("TRUNCATE naive.outbox_record, naive.outbox_key, naive.bench_order");
    }

    /**
     * Seeds {@code n} pending records in schema naive and deletes them 100 at a time: ms per 100.
     */
    static double deleteAll(int n, boolean any) throws Exception {
        Pg.exec("TRUNCATE naive.outbox_record, naive.outbox_key");
        Pg.seed("naive", n / PER_KEY, 0, PER_KEY);
        Pg.vacuum("naive.outbox_record");
        long spent = 0;
        int batches = 0;
        try (java.sql.Connection c = Pg.connect();
                java.sql.PreparedStatement select =
                        c.prepareStatement(
                                "SELECT id FROM naive.outbox_record WHERE status = 'PENDING' ORDER BY next_attempt_at LIMIT 100");
                java.sql.PreparedStatement one =
                        c.prepareStatement("DELETE FROM naive.outbox_record WHERE id = ?");
                java.sql.PreparedStatement all =
                        c.prepareStatement("DELETE FROM naive.outbox_record WHERE id = ANY (?)")) {
            c.setAutoCommit(false);
            while (true) {
                List<String> ids = new ArrayList<>();
                try (java.sql.ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
                if (ids.isEmpty()) {
                    break;
                }
                long t = System.nanoTime();
                if (any) {
                    all.setArray(1, c.createArrayOf("varchar", ids.toArray()));
                    all.executeUpdate();
                } else {
                    for (String id : ids) {
                        one.setString(1, id);
                        one.addBatch();
                    }
                    one.executeBatch();
                }
                c.commit();
                spent += System.nanoTime() - t;
                batches++;
            }
        }
        return spent / 1e6 / batches;
    }

    // ---------------------------------------------------------------------------------------------
    // 6. two servers

    void servers() throws Exception {
        two.start("ds-nonxa.xml", BASE);
        log("benchServer2 started: two relays on the same database and broker");
        try (Broker.Sink sink = new Broker.Sink(Broker.QUEUE)) {
            sink.awaitQuiet(1000, 120_000);
            drainOurs(one, DRAIN / 10, sink);
            for (int rep = 1; rep <= REPS; rep++) {
                quietMachine();
                double rate = drainOurs(one, DRAIN, sink);
                results.add("servers", "two", "rate", "msg/s", rep, rate);
                log("  rep %d: two servers %.0f msg/s", rep, rate);
            }
            two.stop();
            log("benchServer2 stopped: one relay");
            for (int rep = 1; rep <= REPS; rep++) {
                quietMachine();
                double rate = drainOurs(one, DRAIN, sink);
                results.add("servers", "one", "rate", "msg/s", rep, rate);
                List<Double> t = results.of("servers", "two", "rate");
                results.add("servers", "two/one", "ratio", "x", rep, t.get(rep - 1) / rate);
                log("  rep %d: one server %.0f msg/s", rep, rate);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // hot spots: a profile of the relay, batch sizes, XA

    /** A JFR profile of the relay during one drain. */
    void profile() throws Exception {
        try (Broker.Sink sink = new Broker.Sink(Broker.QUEUE)) {
            sink.awaitQuiet(1000, 120_000);
            Path jfr = rawDir.resolve("relay-drain.jfr").toAbsolutePath();
            Files.deleteIfExists(jfr);
            Profile.start(one.pid(), jfr);
            double rate = drainOurs(one, DRAIN, sink);
            Profile.stop(one.pid());
            sections.put("profile", Profile.summarize(jfr));
            log("profiled drain: %.0f msg/s (under JFR)\n%s", rate, sections.get("profile"));
        }
    }

    /** Batch size 500 against the default 100, each after a restart, in one block. */
    void batchSizes() throws Exception {
        for (int batch : new int[] {500}) {
            Map<String, String> cfg = new LinkedHashMap<>(BASE);
            cfg.put("outbox.relay.batch-size", Integer.toString(batch));
            one.start("ds-nonxa.xml", cfg);
            try (Broker.Sink sink = new Broker.Sink(Broker.QUEUE)) {
                sink.awaitQuiet(1000, 120_000);
                drainOurs(one, DRAIN / 10, sink);
                for (int rep = 1; rep <= REPS; rep++) {
                    quietMachine();
                    double r = drainOurs(one, DRAIN, sink);
                    results.add("hotspots", "batch-" + batch, "rate", "msg/s", rep, r);
                    log("  rep %d: batch-size %d: %.0f msg/s", rep, batch, r);
                }
            }
        }
        one.start("ds-nonxa.xml", BASE);
        try (Broker.Sink sink = new Broker.Sink(Broker.QUEUE)) {
            sink.awaitQuiet(1000, 120_000);
            drainOurs(one, DRAIN / 10, sink);
            for (int rep = 1; rep <= REPS; rep++) {
                quietMachine();
                double r = drainOurs(one, DRAIN, sink);
                results.add("hotspots", "batch-100", "rate", "msg/s", rep, r);
                log("  rep %d: batch-size 100: %.0f msg/s", rep, r);
            }
        }
    }

    /** Drain on the XA datasource: local mode (default) and XA mode. */
    void xaDrain() throws Exception {
        for (String mode : new String[] {"local", "xa"}) {
            Map<String, String> cfg = new LinkedHashMap<>(BASE);
            cfg.put("outbox.relay.transaction-mode", mode);
            one.start("ds-xa.xml", cfg);
            try (Broker.Sink sink = new Broker.Sink(Broker.QUEUE)) {
                sink.awaitQuiet(1000, 120_000);
                drainOurs(one, XA_DRAIN / 5, sink);
                for (int rep = 1; rep <= REPS; rep++) {
                    quietMachine();
                    double r = drainOurs(one, XA_DRAIN, sink);
                    results.add("xa", "xa-datasource-" + mode + "-mode", "rate", "msg/s", rep, r);
                    log("  rep %d: XA datasource, transaction-mode %s: %.0f msg/s", rep, mode, r);
                }
                if (mode.equals("xa")) {
                    Path jfr = rawDir.resolve("relay-drain-xa.jfr").toAbsolutePath();
                    Files.deleteIfExists(jfr);
                    Profile.start(one.pid(), jfr);
                    double r = drainOurs(one, XA_DRAIN / 2, sink);
                    Profile.stop(one.pid());
                    sections.put("profile-xa", Profile.summarize(jfr));
                    log(
                            "profiled drain in XA mode: %.0f msg/s (under JFR)%n%s",
                            r, sections.get("profile-xa"));
                }
            }
        }
    }
}
