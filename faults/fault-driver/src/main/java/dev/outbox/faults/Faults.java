package dev.outbox.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * The fault suite's driver (scripts/faults.sh runs it): for each relay mode, starts the two servers
 * (Open Liberty or WildFly), runs every scenario under load with its faults, waits for the system
 * to recover, reconciles the ledgers and prints one line per scenario and mode. Exits 1 when a pass
 * criterion fails.
 *
 * <p>System properties: {@code faults.server} ({@code liberty}, the default, or {@code wildfly}),
 * {@code faults.ci} (small sizes), {@code faults.modes} (e.g. {@code xa}), {@code faults.only}
 * (scenario ids, e.g. {@code s1,s4}), {@code faults.report} (the Markdown file the results are
 * written to), {@code faults.docs} (docs/reliability.md, whose results section for the server is
 * replaced; full runs only).
 */
public final class Faults {

    private static final Instant STARTED = Instant.now();
    private static final Path REPORT =
            Path.of(System.getProperty("faults.report", "faults/target/faults-report.md"));

    private Faults() {}

    /**
     * @param args none
     */
    public static void main(String[] args) throws Exception {
        boolean ci = Boolean.getBoolean("faults.ci");
        Sizes sizes = ci ? Sizes.CI : Sizes.FULL;
        List<Mode> modes =
                Arrays.stream(System.getProperty("faults.modes", "xa,local").split(","))
                        .map(m -> Mode.valueOf(m.trim().toUpperCase(Locale.ROOT)))
                        .toList();
        List<String> only = Arrays.asList(System.getProperty("faults.only", "").split(","));
        String kind = System.getProperty("faults.server", "liberty");
        List<Scenario> scenarios =
                Arrays.stream(Scenario.values())
                        .filter(s -> only.contains("") || only.contains(s.id))
                        .filter(s -> kind.equals("liberty") || s.topology() != Topology.CLUSTER)
                        .toList();
        Server relay;
        Server consumer;
        switch (kind) {
            case "liberty" -> {
                relay = new Liberty("faultServer", 9380, 9643);
                consumer = new Liberty("faultServer2", 9381, 9644);
            }
            case "wildfly" -> {
                // HTTP 9480 and 9490; offsets 10 apart, as WildFly's own ports are 1 to 3 apart
                relay = new WildFly("faultServer", 1400);
                consumer = new WildFly("faultServer2", 1410);
            }
            default -> throw new IllegalArgumentException("faults.server: " + kind);
        }
        String token = Long.toString(System.currentTimeMillis() / 1000 % 1_000_000, 36);

        say(
                "%s run on %s: %d good events per scenario and mode over %d keys, %d writers;"
                        + " scenarios %s; modes %s",
                ci ? "CI" : "full",
                kind,
                sizes.events(),
                sizes.keys(),
                sizes.writers(),
                scenarios.stream().map(s -> s.id).toList(),
                modes);
        Database.recreate();
        List<Report.Row> rows = new ArrayList<>();
        try {
            for (Mode mode : modes) {
                say(
                        "mode %s: starting faultServer (relay) and faultServer2 (writes, consumers)",
                        mode.label);
                boolean secondRelay = false;
                Topology topology = Topology.PRIMARY;
                relay.configure(mode, true, false, topology);
                consumer.configure(mode, secondRelay, true, topology);
                startAll(relay, consumer);
                for (Scenario s : scenarios) {
                    // a second relay, once asked for, stays: it costs the later scenarios nothing
                    boolean second = secondRelay || s.twoRelays();
                    boolean brokersChange = s.topology() != topology;
                    if (brokersChange || second != secondRelay) {
                        say(
                                "mode %s: restarting %s%s%s",
                                mode.label,
                                brokersChange ? "both servers" : consumer.name(),
                                second != secondRelay ? ", faultServer2 as a second relay" : "",
                                brokersChange ? ", connected to " + describe(s.topology()) : "");
                        secondRelay = second;
                        if (brokersChange) {
                            stopAll(relay, consumer);
                            if (topology == Topology.CLUSTER) {
                                Topology.stopCluster();
                            }
                            topology = s.topology();
                            if (topology == Topology.CLUSTER) {
                                Topology.startCluster();
                            }
                            relay.configure(mode, true, topology.consumersOnBoth(), topology);
                        } else {
                            consumer.stop();
                        }
                        consumer.configure(mode, secondRelay, true, topology);
                        if (brokersChange) {
                            startAll(relay, consumer);
                        } else {
                            consumer.start();
                        }
                    }
                    String run = s.id + "-" + mode.transactionMode + "-" + token;
                    Result r = run(s, run, relay, consumer, sizes);
                    rows.add(new Report.Row(s, mode, r));
                    write(new Report(rows, sizes, ci, Duration.between(STARTED, Instant.now())));
                    say(
                            "%s: %s — committed %d, lost %d, processed duplicates %d, order"
                                    + " violations %d, stuck %d, recovered in %s%s",
                            run,
                            r.passed() ? "PASS" : "FAIL",
                            r.committed(),
                            r.lost(),
                            r.processedDuplicates(),
                            r.orderViolations(),
                            r.stuck(),
                            r.recoverySeconds() < 0
                                    ? "(not recovered)"
                                    : r.recoverySeconds() + " s",
                            r.problems().isEmpty() ? "" : "; " + String.join("; ", r.problems()));
                }
                stopAll(relay, consumer);
                if (topology == Topology.CLUSTER) {
                    Topology.stopCluster();
                }
            }
        } finally {
            stopAll(relay, consumer);
        }
        Report report = new Report(rows, sizes, ci, Duration.between(STARTED, Instant.now()));
        System.out.println();
        System.out.println(report.table());
        write(report);
        say("report written to %s", REPORT);
        boolean passed = rows.stream().allMatch(r -> r.result().passed());
        say(
                "%s after %d s",
                passed ? "every scenario passed" : "SOME SCENARIOS FAILED",
                Duration.between(STARTED, Instant.now()).toSeconds());
        System.exit(passed ? 0 : 1);
    }

    private static String describe(Topology topology) {
        return switch (topology) {
            case PRIMARY -> "the primary broker alone";
            case PAIR -> "the broker pair";
            case CLUSTER -> "one node each of the broker cluster";
        };
    }

    /**
     * Writes the report so far: after every scenario, so that an interrupted run leaves its
     * results.
     */
    private static void write(Report report) throws IOException {
        Files.createDirectories(REPORT.toAbsolutePath().getParent());
        Files.writeString(REPORT, report.markdown());
        String docs = System.getProperty("faults.docs");
        if (docs != null && !docs.isBlank()) {
            report.updateDocs(Path.of(docs));
        }
    }

    private static Result run(Scenario s, String run, Server relay, Server consumer, Sizes sizes)
            throws Exception {
        say("%s: %s", run, s.description);
        Load load = new Load(run, s.writeTargets(relay, consumer), sizes, s.poisonShare());
        List<String> problems = new ArrayList<>();
        Scenario.Stage stage = new Scenario.Stage(load, relay, consumer, sizes, run, problems);
        s.before(stage);
        Thread progress = progress(run, load);
        load.start();
        Instant healed = s.inject(stage);
        load.await();
        Instant loadEnd = Instant.now();
        Instant whole = healed.isAfter(loadEnd) ? healed : loadEnd;
        say(
                "%s: load done (%d failed requests); waiting for the ledgers to agree",
                run, load.failures());
        double recovery = -1;
        long deadline = System.nanoTime() + sizes.recovery().toNanos();
        while (System.nanoTime() < deadline) {
            if (settled(run)) {
                recovery = Duration.between(whole, Instant.now()).toMillis() / 1000.0;
                break;
            }
            Thread.sleep(500);
        }
        progress.interrupt();
        say("%s: left in doubt: %s", run, inDoubt(relay));
        double seconds = Result.endToEndSeconds(run);
        say(
                "%s: from the first write to the last event processed %.1f s (writers closed-loop:"
                        + " a pace, not a capacity); processed by %s",
                run, seconds, Result.processedPerServer(run));
        // let late duplicates show: a copy delivered after the ledgers agreed is still counted
        Thread.sleep(2000);
        try (Connection c = Database.connect()) {
            return Result.read(c, run, recovery, problems);
        } finally {
            s.after(stage);
        }
    }

    /**
     * @return whether every good event of the run was processed and no record is pending
     */
    private static boolean settled(String run) {
        try (Connection c = Database.connect()) {
            return Result.lost(c, run) == 0 && Result.stuck(c, run) == 0;
        } catch (SQLException e) {
            return false;
        }
    }

    private static Thread progress(String run, Load load) {
        Thread t =
                new Thread(
                        () -> {
                            try {
                                while (true) {
                                    Thread.sleep(10_000);
                                    say("%s: %s", run, snapshot(run, load));
                                }
                            } catch (InterruptedException e) {
                                // done
                            }
                        },
                        "progress");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static String snapshot(String run, Load load) {
        String written = String.format("written %.0f %%", load.progress() * 100);
        try (Connection c = Database.connect()) {
            return String.format(
                    "%s, committed %d, processed %d, pending %d",
                    written,
                    Database.count(c, "SELECT count(*) FROM fault_order WHERE run = ?", run),
                    Database.count(
                            c,
                            "SELECT count(DISTINCT record_id) FROM fault_processed WHERE run = ?",
                            run),
                    Result.stuck(c, run));
        } catch (SQLException e) {
            return written + ", database unreachable";
        }
    }

    /**
     * @param relay the relaying server
     * @return the XA transactions in doubt: prepared in PostgreSQL, and in the relay's transaction
     *     log where the driver can read it
     */
    static String inDoubt(Server relay) {
        String prepared;
        try {
            prepared = Database.prepared() + " prepared in PostgreSQL";
        } catch (SQLException e) {
            prepared = "database unreachable";
        }
        try {
            OptionalLong logged = relay.loggedTransactions();
            return logged.isEmpty()
                    ? prepared
                    : prepared
                            + ", "
                            + logged.getAsLong()
                            + " in "
                            + relay.name()
                            + "'s transaction log";
        } catch (IOException e) {
            return prepared + ", " + relay.name() + "'s transaction log unreadable: " + e;
        }
    }

    private static void startAll(Server... servers) throws Exception {
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (Server s : servers) {
            starts.add(
                    CompletableFuture.runAsync(
                            () -> {
                                try {
                                    s.start();
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            }));
        }
        CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
    }

    private static void stopAll(Server... servers) throws Exception {
        for (Server s : servers) {
            s.stop();
        }
    }

    /** Prints a progress line with the time of day. */
    static void say(String format, Object... args) {
        System.out.println(
                "[faults "
                        + LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss"))
                        + "] "
                        + String.format(format, args));
    }
}
