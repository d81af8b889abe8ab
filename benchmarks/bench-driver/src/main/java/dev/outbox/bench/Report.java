package dev.outbox.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** docs/benchmarks.md from the run's results. */
final class Report {

    private Report() {}

    /** A row of a write-overhead table: label, clients, both rates and their ratio. */
    private static void writeRow(
            StringBuilder md,
            Results r,
            String scenario,
            String series,
            String label,
            int clients,
            boolean boldRatio) {
        String bold = boldRatio ? "**" : "";
        md.append("| ")
                .append(label)
                .append(" | ")
                .append(clients)
                .append(" | ")
                .append(f(r.of(scenario, series + "-plain", "tps"), "%.0f"))
                .append(" | ")
                .append(f(r.of(scenario, series + "-outbox", "tps"), "%.0f"))
                .append(" | ")
                .append(bold)
                .append(f(r.of(scenario, series, "ratio"), "%.2f"))
                .append(bold)
                .append(" |\n");
    }

    /** Section 9: the relay with outbox.retention.archive=daily, without and with history. */
    private static void archive(StringBuilder md, Results r) {
        md.append("\n## 9. History by the day\n\n")
                .append(
                        "`outbox.retention.archive=daily` (docs/relay.md#history-by-the-day-postgresql):")
                .append(
                        " the relay's mark moves each sent record into `outbox_archive`, partitioned")
                .append(
                        " by day. The same measurements without the archive (`outbox.retention` alone:")
                .append(
                        " sent records stay in the queue table as `DISPATCHED`), with an empty archive, and with ")
                .append(Bench.ARCHIVE_DAYS)
                .append(" days of ")
                .append(String.format(Locale.ROOT, "%,d", Bench.ARCHIVE_PER_DAY))
                .append(" records each (one partition per day, filled by the driver with")
                .append(" generate_series, then analyzed). Drain: ")
                .append(String.format(Locale.ROOT, "%,d", Bench.DRAIN))
                .append(" pending records, as in section 2; then `VACUUM outbox_record` timed from")
                .append(
                        " the driver, and the queue table's size with its indexes. Write: 8 clients,")
                .append(" as in section 1.\n\n");
        md.append(
                "| archive | drain (msg/s) | VACUUM of the queue table after it (ms) | queue table (MB) | write ratio, 8 clients |\n| --- | --- | --- | --- | --- |\n");
        for (String s : List.of("no-archive", "empty", "history")) {
            md.append("| ")
                    .append(
                            switch (s) {
                                case "no-archive" ->
                                        "none: records kept `DISPATCHED` in the queue table";
                                case "empty" -> "`daily`, empty";
                                default ->
                                        String.format(
                                                Locale.ROOT,
                                                "`daily`, %d days × %,d",
                                                Bench.ARCHIVE_DAYS,
                                                Bench.ARCHIVE_PER_DAY);
                            })
                    .append(" | ")
                    .append(f(r.of("archive", s, "rate"), "%.0f"))
                    .append(" | ")
                    .append(f(r.of("archive", s, "vacuum"), "%.0f"))
                    .append(" | ")
                    .append(f(r.of("archive", s, "queue-size"), "%.1f"))
                    .append(" | ")
                    .append(f(r.of("archive", s + "-c8", "ratio"), "%.2f"))
                    .append(" |\n");
        }
        for (String[] ratio :
                new String[][] {
                    {"history/empty", "**history / empty** (target: flat)"},
                    {"archive/no-archive", "empty archive / none (the cost of the move)"}
                }) {
            md.append("| ")
                    .append(ratio[1])
                    .append(" | **")
                    .append(f(r.of("archive", ratio[0], "rate"), "%.2f"))
                    .append("** | ")
                    .append(f(r.of("archive", ratio[0], "vacuum"), "%.2f"))
                    .append(" | | **")
                    .append(f(r.of("archive", ratio[0], "write"), "%.2f"))
                    .append("** |\n");
        }
        md.append("\nRetiring one day of ")
                .append(String.format(Locale.ROOT, "%,d", Bench.ARCHIVE_PER_DAY))
                .append(
                        " records: the relay's `DETACH PARTITION` and `DROP TABLE` of the oldest day, against the purge without the archive: the relay's `DELETE` of the same number of `DISPATCHED` records from a queue table, 1,000 per statement (`outbox.retention.purge-batch-size`), then the `VACUUM` that reclaims their dead rows.\n\n");
        md.append("| retirement | ms |\n| --- | --- |\n| DETACH + DROP of one day's partition | **")
                .append(f(r.of("archive", "retire-drop", "ms"), "%.0f"))
                .append("** |\n| DELETE of as many records | ")
                .append(f(r.of("archive", "retire-delete", "ms"), "%.0f"))
                .append(" |\n| VACUUM after the DELETE | ")
                .append(f(r.of("archive", "retire-delete-vacuum", "ms"), "%.0f"))
                .append(" |\n| **(DELETE + VACUUM) / DROP** | **")
                .append(f(r.of("archive", "retire", "delete/drop"), "%.0f"))
                .append("×** |\n");
    }

    /** Section 3b: the latency curve at rising offered rates, and each path's knee. */
    private static void knee(StringBuilder md, Results r) {
        md.append("\n## 3b. Latency curve and knee\n\n")
                .append("The latency of section 3 at rising offered rates, ")
                .append(Bench.KNEE_SECONDS)
                .append(
                        " s per point, open loop (transaction i starts at start + i / rate, however late the others are); each path walks the rates upward and stops after two bent rates in a row. A point is *bounded* when the achieved rate is at least 95 % of the offered one and every message arrived within ")
                .append(Bench.KNEE_DRAIN_MS / 1000)
                .append(
                        " s after the offer ended. The **knee** is the highest offered rate bounded in most repetitions with a median p99 ≤ ")
                .append(String.format(Locale.ROOT, "%.0f", Bench.KNEE_P99_MS))
                .append(
                        " ms. Load: **ours** generated inside the server (`POST /load`, max(8, rate / 125) workers, one order + one event per transaction); **gruelbox** in the driver JVM (as many workers, plain JDBC + HikariCP, one order + one scheduled call per transaction, attempted after the commit by its executor submitter, ")
                .append(Bench.KNEE_GRUELBOX_THREADS)
                .append(" threads, pool of ")
                .append(Bench.KNEE_GRUELBOX_POOL)
                .append(
                        "); **broker** alone: the driver's producer, persistent sends of the same size and properties. Latency = receive time − `firedAt`, as in section 3.\n\n");
        String[][] paths = {
            {"broker", "broker only"}, {"ours", "**outbox**"}, {"gruelbox", "gruelbox"}
        };
        StringBuilder rows = new StringBuilder();
        for (int rate : Bench.KNEE_RATES) {
            for (String[] path : paths) {
                String s = path[0] + "-" + rate;
                List<Double> bounded = r.of("knee", s, "bounded");
                if (bounded.isEmpty()) {
                    continue;
                }
                rows.append(String.format(Locale.ROOT, "| %,d/s | ", rate))
                        .append(path[1])
                        .append(" | ")
                        .append(f(r.of("knee", s, "achieved"), "%.0f"))
                        .append(" | ")
                        .append(f(r.of("knee", s, "p50"), "%.1f"))
                        .append(" | ")
                        .append(f(r.of("knee", s, "p99"), "%.1f"))
                        .append(" | ")
                        .append(f(r.of("knee", s, "drainMs"), "%.0f"))
                        .append(" | ")
                        .append(Math.round(bounded.stream().mapToDouble(Double::doubleValue).sum()))
                        .append("/")
                        .append(bounded.size())
                        .append(" |\n");
            }
        }
        if (rows.length() == 0) {
            md.append("Not measured in this run.\n");
            return;
        }
        md.append(
                        "| offered | path | achieved (msg/s) | p50 (ms) | p99 (ms) | drain after the offer (ms) | bounded |\n| --- | --- | --- | --- | --- | --- | --- |\n")
                .append(rows);
        int highest = Bench.KNEE_RATES[Bench.KNEE_RATES.length - 1];
        md.append("\n| path | knee (msg/s) | knee / the broker's |\n| --- | --- | --- |\n");
        for (String[] path : paths) {
            List<Double> knee = r.of("knee", path[0], "knee");
            String value;
            if (knee.isEmpty()) {
                value = "not measured";
            } else if (knee.get(0) == 0) {
                value = String.format(Locale.ROOT, "below %,d", Bench.KNEE_RATES[0]);
            } else if (knee.get(0) >= highest) {
                value =
                        String.format(
                                Locale.ROOT, "≥ %,d (no bend up to the highest rate)", highest);
            } else {
                value = String.format(Locale.ROOT, "%,.0f", knee.get(0));
            }
            List<Double> ratio = r.of("knee", path[0] + "/broker", "ratio");
            md.append("| ")
                    .append(path[1])
                    .append(" | ")
                    .append(value)
                    .append(" | ")
                    .append(
                            path[0].equals("broker")
                                    ? "baseline"
                                    : ratio.isEmpty() ? "–" : "**" + f(ratio, "%.2f") + "**")
                    .append(" |\n");
        }
    }

    static String f(List<Double> v, String fmt) {
        if (v.isEmpty()) {
            return "not measured";
        }
        String m = String.format(Locale.ROOT, fmt, Stats.median(v));
        if (v.size() == 1) {
            return m;
        }
        return m
                + " ("
                + String.format(Locale.ROOT, fmt, Stats.min(v))
                + "–"
                + String.format(Locale.ROOT, fmt, Stats.max(v))
                + ")";
    }

    static String markdown(Bench b) {
        Results r = b.results;
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("Produced by `scripts/bench.sh` (")
                .append(Bench.QUICK ? "QUICK smoke run, sizes reduced" : "full run")
                .append("). Every figure is the **median of ")
                .append(Bench.REPS)
                .append(
                        " repetitions, with min–max in brackets**; every ratio is computed per repetition against a baseline measured in the same run, then summarized the same way. The machine is shared and small, so the ratios matter more than the absolute numbers. Raw values: `benchmarks/target/bench-results/raw-*.csv` (not committed); summary: `benchmarks/results/summary.json`.\n\n");
        if (r.noteOf("skipped") != null) {
            md.append("**Not measured in this run** (its time budget ran out first): ")
                    .append(r.noteOf("skipped"))
                    .append(". Their tables say \"not measured\".\n\n");
        }
        md.append("## Machine and versions\n\n| what | value |\n| --- | --- |\n");
        for (Map.Entry<String, String> e : b.machine.entrySet()) {
            md.append("| ").append(e.getKey()).append(" | ").append(e.getValue()).append(" |\n");
        }
        md.append(
                "\nEverything runs on this one machine: PostgreSQL, the Artemis broker, one or two Liberty servers and the driver JVM (load generator, consumer, baseline relay, gruelbox) share its cores. Other sessions' builds and tests also run on it: before each repetition the driver waits while a test run (failsafe or surefire) is active. "
                        + (r.noteOf("machine-sharing") == null
                                ? ""
                                : r.noteOf("machine-sharing") + ".")
                        + "\n");

        md.append("\n## 1. Write overhead\n\n");
        md.append(
                        "Business transactions per second of `POST /bench/api/orders` (JAX-RS → `@Transactional` CDI bean → `em.persist(order)`, plus `Event.fire(OrderPlaced)` when with the outbox), clients POSTing back to back for ")
                .append(Bench.WRITE_SECONDS)
                .append(
                        " s per measurement, alternating without/with in each repetition; the relay runs (immediate dispatch) and sends every event while it is measured. Target: ratio ≥ 0.80.\n\n");
        md.append(
                "| datasource | clients | without outbox (tx/s) | with one event (tx/s) | ratio with/without |\n| --- | --- | --- | --- | --- |\n");
        for (String ds : new String[] {"nonxa", "xa"}) {
            for (int c : new int[] {1, 8}) {
                writeRow(
                        md,
                        r,
                        "write",
                        ds + "-c" + c,
                        ds.equals("xa")
                                ? "XA (`PGXADataSource`)"
                                : "non-XA (`PGConnectionPoolDataSource`)",
                        c,
                        true);
            }
        }
        for (int c : new int[] {1, 8}) {
            String s = "jdbc-c" + c;
            md.append(
                            "| plain JDBC from the driver (intrinsic cost: + the library's statement, `outbox_key` upsert and `outbox_record` insert in one `WITH`) | ")
                    .append(c)
                    .append(" | ")
                    .append(f(r.of("plain", s + "-plain", "tps"), "%.0f"))
                    .append(" | ")
                    .append(f(r.of("plain", s + "-outbox", "tps"), "%.0f"))
                    .append(" | ")
                    .append(f(r.of("plain", s, "ratio"), "%.2f"))
                    .append(" |\n");
        }

        md.append("\n## 2. Relay drain (and 5. the peer)\n\n");
        md.append("Time from the commit of ")
                .append(String.format(Locale.ROOT, "%,d", Bench.DRAIN))
                .append(" pending records (inserted with one `generate_series` statement, ")
                .append(Bench.PER_KEY)
                .append(
                        " per key, sequences consistent with `outbox_key`) until none is pending, as messages/s; duplicate detection on (every message carries `_AMQ_DUPL_ID`), persistent messages, a consumer in the driver JVM empties the queue meanwhile. Each relay is warmed up with a tenth of the backlog first. Ours includes up to one timer interval (200 ms) before the first batch.\n\n");
        md.append("| relay | msg/s | ratio |\n| --- | --- | --- |\n");
        md.append("| **ours**: Liberty relay, non-XA datasource, local mode, batch 100 | ")
                .append(f(r.of("drain", "ours", "rate"), "%.0f"))
                .append(" | |\n");
        md.append(
                        "| baseline: naive JDBC + JMS relay in a plain JVM (claim 100 `FOR UPDATE SKIP LOCKED`, no per-key head condition, one JMS transaction, one `DELETE … = ANY(?)`) | ")
                .append(f(r.of("drain", "naive", "rate"), "%.0f"))
                .append(" | ours/naive **")
                .append(f(r.of("drain", "ours/naive", "ratio"), "%.2f"))
                .append("** (target ≥ 0.95) |\n");
        md.append("| peer: gruelbox transaction-outbox ")
                .append(b.machine.get("gruelbox transaction-outbox"))
                .append(
                        " (HikariCP, `Persistor.forDialect(POSTGRESQL_9)`, executor submitter with ")
                .append(Bench.GRUELBOX_THREADS)
                .append(" threads, `flush()` in a loop, one persistent JMS send per record) | ")
                .append(f(r.of("drain", "gruelbox", "rate"), "%.0f"))
                .append(" | ours/theirs **")
                .append(f(r.of("drain", "ours/gruelbox", "ratio"), "%.2f"))
                .append("** |\n");

        md.append(
                        "\n## 3. Latency\n\nCommit → received by a consumer (Artemis core JMS client in the driver JVM), at a steady offered load generated inside the server (open loop, 8 workers, one order + one event per transaction) for ")
                .append(Bench.LATENCY_SECONDS)
                .append(
                        " s. Latency = receive time − `firedAt` (microseconds, taken when the event is fired inside the transaction, so it includes the commit itself); same machine clock. Baseline: the broker alone, a producer in the driver sending persistent messages of the same size and properties at the same rate for ")
                .append(Bench.FLOOR_SECONDS)
                .append(" s. Target at 1,000/s: p50 ≤ 2 ms, p99 ≤ 10 ms.\n\n");
        md.append(
                "| load | path | achieved (msg/s) | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) |\n| --- | --- | --- | --- | --- | --- | --- |\n");
        for (int rate : new int[] {100, 1000}) {
            for (String who : new String[] {"floor", "ours"}) {
                String s = who + "-" + rate;
                md.append("| ")
                        .append(rate)
                        .append("/s | ")
                        .append(
                                who.equals("ours")
                                        ? "**outbox** (commit → relay → broker → consumer)"
                                        : "broker only (send → consumer)")
                        .append(" | ")
                        .append(f(r.of("latency", s, "achieved"), "%.0f"));
                for (String m : new String[] {"p50", "p95", "p99", "max"}) {
                    md.append(" | ").append(f(r.of("latency", s, m), "%.1f"));
                }
                md.append(" |\n");
            }
        }
        md.append("\nThe cross-check from `outboxWrittenAt` (milliseconds) gave p50 ")
                .append(f(r.of("latency", "ours-1000", "p50-writtenAt"), "%.0f"))
                .append(" ms at 1,000/s.\n");
        knee(md, r);
        md.append(
                "\n## 4. Backlog size and history\n\nThe same drain with a small and a large backlog ("
                        + Bench.PER_KEY
                        + " records per key in both). The ratio uses the rate counted from the first message received, so that the wait for the relay's first tick (up to 200 ms) does not penalize the small backlog.\n\n"
                        + "| backlog | msg/s from the commit | msg/s from the first message | ratio |\n| --- | --- | --- | --- |\n");
        md.append("| ")
                .append(String.format(Locale.ROOT, "%,d", Bench.SMALL))
                .append(" pending | ")
                .append(f(r.of("scaling", "ours-" + Bench.SMALL, "rate"), "%.0f"))
                .append(" | ")
                .append(f(r.of("scaling", "ours-" + Bench.SMALL, "steady"), "%.0f"))
                .append(" | baseline |\n");
        md.append("| ")
                .append(String.format(Locale.ROOT, "%,d", Bench.BIG))
                .append(" pending | ")
                .append(f(r.of("scaling", "ours-" + Bench.BIG, "rate"), "%.0f"))
                .append(" | ")
                .append(f(r.of("scaling", "ours-" + Bench.BIG, "steady"), "%.0f"))
                .append(" | **")
                .append(f(r.of("scaling", "big/small", "ratio"), "%.2f"))
                .append("** (target ≥ 0.9) |\n");
        int keys = Bench.DRAIN / Bench.PER_KEY;
        String hs = "history-" + (long) keys * (Bench.BIG / keys);
        md.append("\nWith `outbox.retention=30d` (records marked DISPATCHED, not deleted): ")
                .append(String.format(Locale.ROOT, "%,d", Bench.DRAIN))
                .append(" pending records, alone or behind ")
                .append(String.format(Locale.ROOT, "%,d", (long) keys * (Bench.BIG / keys)))
                .append(" DISPATCHED records of the same keys (")
                .append(Bench.BIG / keys)
                .append(
                        " per key). The claim is timed from the driver (the relay's SQL, 100 rows, locks taken and rolled back, median of 20).\n\n");
        md.append(
                "| table | claim, relay's query (ms) | same query with the proposed index `(aggregate_type, aggregate_id, seq) WHERE status <> 'DISPATCHED'` (ms) | claim without the per-key head condition (ms) | drain with the relay (msg/s) |\n| --- | --- | --- | --- | --- |\n");
        for (String s : new String[] {"no-history", hs}) {
            md.append("| ")
                    .append(s.equals("no-history") ? "pending only" : "with history")
                    .append(" | ")
                    .append(f(r.of("history", s, "claim-head"), "%.1f"))
                    .append(" | ")
                    .append(f(r.of("history", s, "claim-head-indexed"), "%.1f"))
                    .append(" | ")
                    .append(f(r.of("history", s, "claim-plain"), "%.1f"))
                    .append(" | ")
                    .append(f(r.of("history", s, "rate"), "%.0f"))
                    .append(" |\n");
        }
        md.append("| **ratio with/without history** | ")
                .append(f(r.of("history", "ratio", "claim-head"), "%.2f"))
                .append(" (cost; target: the claim does not grow) | | | ")
                .append(f(r.of("history", "ratio", "rate"), "%.2f"))
                .append(" (target ≥ 0.9) |\n");

        md.append("\n## 6. Two servers\n\n| relays | msg/s | ratio |\n| --- | --- | --- |\n");
        md.append("| one Liberty server | ")
                .append(f(r.of("servers", "one", "rate"), "%.0f"))
                .append(" | baseline |\n");
        md.append("| two Liberty servers (benchServer, benchServer2) | ")
                .append(f(r.of("servers", "two", "rate"), "%.0f"))
                .append(" | ")
                .append(f(r.of("servers", "two/one", "ratio"), "%.2f"))
                .append(" |\n");

        md.append(
                "\n## 7. Cold start\n\nWhat a new user meets: the server started with the application and the library's defaults (no `outbox.relay.*` setting), then 4 closed-loop HTTP clients placing orders with one event each, at once (`fresh`) or after the server idled a minute (`idle`). Commit → received by a consumer in the driver, from the event's `firedAt`. The first message: from the first event fired to the first message received. Then the latency in the first and in the second period of the load (`bench.cold.seconds` each, 60 s by default).\n\n");
        md.append(
                "| start | first message (ms) | first period p50 / p99 / max (ms) | second period p50 / p99 (ms) | commits/s |\n| --- | --- | --- | --- | --- |\n");
        for (String series : List.of("fresh", "idle")) {
            md.append("| ")
                    .append(series)
                    .append(" | **")
                    .append(f(r.of("cold", series, "first-message"), "%.0f"))
                    .append("** | ")
                    .append(f(r.of("cold", series, "first-p50"), "%.1f"))
                    .append(" / ")
                    .append(f(r.of("cold", series, "first-p99"), "%.1f"))
                    .append(" / ")
                    .append(f(r.of("cold", series, "first-max"), "%.0f"))
                    .append(" | ")
                    .append(f(r.of("cold", series, "warm-p50"), "%.1f"))
                    .append(" / ")
                    .append(f(r.of("cold", series, "warm-p99"), "%.1f"))
                    .append(" | ")
                    .append(f(r.of("cold", series, "rate"), "%.0f"))
                    .append(" |\n");
        }

        if (!r.of("netdelay", "delay-0ms", "ratio").isEmpty()
                || !r.of("netdelay", "delay-0.5ms", "ratio").isEmpty()) {
            md.append(
                    "\n## 8. Two servers across a network\n\nThe drain of section 2 by one server and by two, with the database and the broker reached through a TCP proxy in the driver that holds every chunk for a fixed time each way (`DelayProxy`). It simulates the latency of a network: every round trip of the relay to PostgreSQL or the broker costs twice the delay more. It does not simulate jitter, loss, bandwidth limits, or separate machines: both servers, the database, the broker, the proxy and the driver still share this machine's cores.\n\n");
            md.append(
                    "| delay each way | one server (msg/s) | two servers (msg/s) | two/one |\n| --- | --- | --- | --- |\n");
            for (String d : System.getProperty("bench.netdelay.ms", "0,0.5,2").split(",")) {
                String series = "delay-" + d + "ms";
                md.append("| ")
                        .append(d)
                        .append(" ms | ")
                        .append(f(r.of("netdelay", series + "-one", "rate"), "%.0f"))
                        .append(" | ")
                        .append(f(r.of("netdelay", series + "-two", "rate"), "%.0f"))
                        .append(" | **")
                        .append(f(r.of("netdelay", series, "ratio"), "%.2f"))
                        .append("** |\n");
            }
        }

        if (!r.of("archive", "empty", "rate").isEmpty()) {
            archive(md, r);
        }

        md.append("\n## Hot spots\n\n");
        md.append("| variant | drain msg/s |\n| --- | --- |\n");
        md.append("| batch-size 100 (default), measured in the same block | ")
                .append(f(r.of("hotspots", "batch-100", "rate"), "%.0f"))
                .append(" |\n");
        md.append("| batch-size 500 | ")
                .append(f(r.of("hotspots", "batch-500", "rate"), "%.0f"))
                .append(" |\n");
        md.append(
                        "| XA datasource, local mode (drain of "
                                + String.format(Locale.ROOT, "%,d", Bench.XA_DRAIN)
                                + ") | ")
                .append(f(r.of("xa", "xa-datasource-local-mode", "rate"), "%.0f"))
                .append(" |\n");
        md.append(
                        "| XA datasource, `transaction-mode=xa` (drain of "
                                + String.format(Locale.ROOT, "%,d", Bench.XA_DRAIN)
                                + ") | ")
                .append(f(r.of("xa", "xa-datasource-xa-mode", "rate"), "%.0f"))
                .append(" |\n");
        if (!r.of("writerelay", "default-c8", "ratio").isEmpty()) {
            md.append(
                    "\nWrite overhead by relay setting (non-XA, each setting after a restart, measured in one block):\n\n");
            md.append(
                    "| relay | clients | without outbox (tx/s) | with one event (tx/s) | ratio |\n| --- | --- | --- | --- | --- |\n");
            Map<String, String> settings = new java.util.LinkedHashMap<>();
            settings.put("default", "default (immediate dispatch + timer)");
            settings.put("timer-only", "`outbox.relay.immediate=false` (timer every 200 ms)");
            settings.put("relay-off", "`outbox.relay.enabled=false` (capture alone)");
            for (Map.Entry<String, String> setting : settings.entrySet()) {
                for (int c : new int[] {8, 1}) {
                    if (!r.of("writerelay", setting.getKey() + "-c" + c, "ratio").isEmpty()) {
                        writeRow(
                                md,
                                r,
                                "writerelay",
                                setting.getKey() + "-c" + c,
                                setting.getValue(),
                                c,
                                false);
                    }
                }
            }
        }
        if (!r.of("micro", "delete-any", "per-100").isEmpty()) {
            md.append(
                    "\nStatement-level, plain JDBC from the driver on the same database (schema `naive`):\n\n");
            md.append("| what | measured | ratio |\n| --- | --- | --- |\n");
            md.append(
                            "| mark 100 claimed records: JDBC batch of 100 `DELETE … WHERE id = ?` + commit (what the relay does) | ")
                    .append(f(r.of("micro", "delete-jdbc-batch", "per-100"), "%.2f"))
                    .append(" ms | |\n");
            md.append("| the same as one `DELETE … WHERE id = ANY(?)` + commit | ")
                    .append(f(r.of("micro", "delete-any", "per-100"), "%.2f"))
                    .append(" ms | ")
                    .append(f(r.of("micro", "delete-any/jdbc-batch", "ratio"), "%.2f"))
                    .append(" |\n");
            md.append("| claim of 100 among ")
                    .append(String.format(Locale.ROOT, "%,d", Bench.DRAIN))
                    .append(" pending, the table analyzed | ")
                    .append(f(r.of("micro", "claim-fresh-stats", "claim"), "%.1f"))
                    .append(" ms | |\n");
            md.append(
                            "| the same with the statistics of the empty table (analyzed before the backlog arrived; this PostgreSQL runs without autovacuum) | ")
                    .append(f(r.of("micro", "claim-stale-stats", "claim"), "%.1f"))
                    .append(" ms | ")
                    .append(f(r.of("micro", "claim-stale/fresh", "ratio"), "%.0f"))
                    .append(" |\n");
            md.append(
                            "| write transaction (order + key upsert + record), 8 clients, with the `(status, dispatched_at)` index | ")
                    .append(f(r.of("micro", "write-with-status-index", "tps"), "%.0f"))
                    .append(" tx/s | |\n");
            md.append("| the same without that index | ")
                    .append(f(r.of("micro", "write-without-status-index", "tps"), "%.0f"))
                    .append(" tx/s | ")
                    .append(f(r.of("micro", "write-without/with-status-index", "ratio"), "%.2f"))
                    .append(" |\n");
        }
        if (b.sections.containsKey("profile")) {
            md.append("\nProfile of the Liberty relay during one drain of ")
                    .append(String.format(Locale.ROOT, "%,d", Bench.DRAIN))
                    .append(" (Java Flight Recorder, `profile` settings):\n\n");
            md.append(b.sections.get("profile"));
        }
        if (b.sections.containsKey("profile-xa")) {
            md.append(
                            "\nProfile of the Liberty relay in `transaction-mode=xa` (XA datasource) during a drain of ")
                    .append(String.format(Locale.ROOT, "%,d", Bench.XA_DRAIN / 2))
                    .append(":\n\n");
            md.append(b.sections.get("profile-xa"));
        }
        for (String k :
                new String[] {
                    "explain-no-history", "explain-" + hs, "explain-indexed-" + hs, "explain-stale"
                }) {
            String plan = r.noteOf(k);
            if (plan != null) {
                md.append("\n<details><summary>Claim plan, ")
                        .append(k.replace("explain-", ""))
                        .append("</summary>\n\n```\n")
                        .append(plan)
                        .append("```\n</details>\n");
            }
        }
        // the findings are written by hand from a run's numbers and kept in benchmarks/results
        java.nio.file.Path findings =
                java.nio.file.Path.of(
                        System.getProperty("bench.root", "benchmarks"), "results", "findings.md");
        if (!Bench.QUICK && java.nio.file.Files.exists(findings)) {
            try {
                md.append("\n").append(java.nio.file.Files.readString(findings));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return md.toString();
    }
}
