package dev.outbox.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The results as a Markdown table, with the machine and the command that produced them. */
final class Report {

    /** {@code liberty} or {@code wildfly}: the servers the suite ran on. */
    private static final String SERVER = System.getProperty("faults.server", "liberty");

    /** Each server's results have a section of their own in docs/reliability.md. */
    private static final String SECTION =
            SERVER.equals("liberty") ? "faults:results" : "faults:results-" + SERVER;

    private static final String START = "<!-- " + SECTION + ":start -->";
    private static final String END = "<!-- " + SECTION + ":end -->";

    /** One scenario in one mode. */
    record Row(Scenario scenario, Mode mode, Result result) {}

    private final List<Row> rows;
    private final Sizes sizes;
    private final boolean ci;
    private final Duration took;

    Report(List<Row> rows, Sizes sizes, boolean ci, Duration took) {
        this.rows = rows;
        this.sizes = sizes;
        this.ci = ci;
        this.took = took;
    }

    /**
     * @return the results table
     */
    String table() {
        StringBuilder t = new StringBuilder();
        t.append(
                "| scenario | mode | committed | delivered | lost | duplicates delivered by the"
                        + " broker | duplicates processed | order violations | stuck | poison"
                        + " settled | phantoms | time to recover (s) | result |\n");
        t.append("| --- | --- |").append(" ---: |".repeat(10)).append(" --- |\n");
        for (Row r : rows) {
            Result x = r.result();
            t.append(
                    String.format(
                            Locale.ROOT,
                            "| %s %s | %s | %d | %d | %d | %d | %d | %d | %d | %s | %d | %s | %s |%n",
                            r.scenario().id,
                            r.scenario().title,
                            r.mode().label,
                            x.committed(),
                            x.delivered(),
                            x.lost(),
                            x.brokerDuplicates(),
                            x.processedDuplicates(),
                            x.orderViolations(),
                            x.stuck(),
                            x.poison() == 0 ? "-" : x.poisonSettled() + " of " + x.poison(),
                            x.phantoms(),
                            x.recoverySeconds() < 0
                                    ? "not recovered"
                                    : String.format(Locale.ROOT, "%.1f", x.recoverySeconds()),
                            x.passed()
                                    ? "pass"
                                    : "**FAIL**"
                                            + x.problems().stream()
                                                    .map(m -> ": " + m)
                                                    .collect(Collectors.joining())));
        }
        long total =
                rows.stream().mapToLong(r -> r.result().committed() + r.result().poison()).sum();
        t.append(
                String.format(
                        Locale.ROOT,
                        "%nEvents committed in all: %d. Run took %d min.%n",
                        total,
                        took.toMinutes()));
        return t.toString();
    }

    /**
     * @return the table with the command and the machine
     */
    String markdown() throws IOException {
        return String.format(
                Locale.ROOT,
                "Measured on %s with `%s` (%d good events per scenario and mode over %d keys, %d"
                        + " writers).%n%nMachine: %s.%n%n%s",
                LocalDate.now(),
                command(),
                sizes.events(),
                sizes.keys(),
                sizes.writers(),
                machine(),
                table());
    }

    /**
     * Replaces the results section of the reliability document.
     *
     * @param docs docs/reliability.md
     */
    void updateDocs(Path docs) throws IOException {
        String text = Files.readString(docs);
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        if (start < 0 || end < start) {
            throw new IOException(docs + " lacks the markers " + START + " and " + END);
        }
        Files.writeString(
                docs,
                text.substring(0, start + START.length())
                        + "\n"
                        + markdown()
                        + text.substring(end));
    }

    /**
     * @return the command that runs the suite as this run ran
     */
    private String command() {
        StringBuilder c = new StringBuilder();
        if (!SERVER.equals("liberty")) {
            c.append("FAULTS_SERVER=").append(SERVER).append(' ');
        }
        String only = System.getProperty("faults.only", "");
        if (!only.isBlank()) {
            c.append("FAULTS_ONLY=").append(only).append(' ');
        }
        return c.append(ci ? "scripts/faults.sh --ci" : "scripts/faults.sh").toString();
    }

    private static String machine() throws IOException {
        String cpu =
                Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                        .filter(l -> l.startsWith("model name"))
                        .map(l -> l.substring(l.indexOf(':') + 1).trim())
                        .findFirst()
                        .orElse("unknown CPU");
        long memKb =
                Files.readAllLines(Path.of("/proc/meminfo")).stream()
                        .filter(l -> l.startsWith("MemTotal"))
                        .map(l -> Long.parseLong(l.replaceAll("\\D", "")))
                        .findFirst()
                        .orElse(0L);
        String os =
                Files.readAllLines(Path.of("/etc/os-release")).stream()
                        .filter(l -> l.startsWith("PRETTY_NAME="))
                        .map(l -> l.substring(12).replace("\"", ""))
                        .collect(Collectors.joining());
        String pg;
        try {
            pg = Database.version();
        } catch (Exception e) {
            pg = "unknown";
        }
        return String.format(
                Locale.ROOT,
                "%d cores (%s), %d GB RAM, %s, Java %s, PostgreSQL %s, %s, Artemis %s;"
                        + " shared with other jobs",
                Runtime.getRuntime().availableProcessors(),
                cpu,
                Math.round(memKb / 1024.0 / 1024.0),
                os,
                System.getProperty("java.version"),
                pg,
                SERVER.equals("wildfly")
                        ? "WildFly " + System.getProperty("faults.wildfly.version", "?")
                        : "Open Liberty " + System.getProperty("faults.liberty.version", "?"),
                System.getProperty("faults.artemis.version", "?"));
    }
}
