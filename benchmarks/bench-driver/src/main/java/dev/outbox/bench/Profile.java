package dev.outbox.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A Java Flight Recorder profile of the Liberty server while its relay drains: samples (Java and
 * native, so time blocked in socket reads counts) of the threads running the relay, attributed to
 * the layer of the first non-JDK frame, and to outbox methods inclusively.
 */
final class Profile {

    private Profile() {}

    static void start(long pid, Path file) throws Exception {
        jcmd(pid, "JFR.start", "name=bench", "settings=profile", "filename=" + file);
    }

    static void stop(long pid) throws Exception {
        jcmd(pid, "JFR.stop", "name=bench");
    }

    private static void jcmd(long pid, String... args) throws Exception {
        List<String> cmd =
                new java.util.ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                                Long.toString(pid)));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("jcmd failed: " + out);
        }
    }

    /**
     * @return lines of a Markdown summary
     */
    static String summarize(Path file) throws Exception {
        Map<String, Integer> layers = new HashMap<>();
        Map<String, Integer> methods = new LinkedHashMap<>();
        String[] watched = {
            "dev.outbox.jms.internal.RelayWorker.relayBatch",
            "dev.outbox.jpa.internal.JpaRecordStore.claim",
            "dev.outbox.jms.internal.LocalSender.send",
            "dev.outbox.jms.internal.JmsDispatcher.send",
            "dev.outbox.jms.internal.JmsDispatcher.toMessage",
            "dev.outbox.jms.internal.DestinationCheck.problem",
            "dev.outbox.jpa.internal.JpaRecordStore.markDispatched",
        };
        for (String w : watched) {
            methods.put(w, 0);
        }
        int total = 0;
        Map<String, Integer> topFrames = new HashMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            String type = e.getEventType().getName();
            if (!type.equals("jdk.ExecutionSample") && !type.equals("jdk.NativeMethodSample")) {
                continue;
            }
            if (e.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            boolean relay =
                    frames.stream()
                            .anyMatch(f -> name(f).startsWith("dev.outbox.jms.internal.Relay"));
            if (!relay) {
                continue;
            }
            total++;
            String layer = "JDK only";
            String top = null;
            for (RecordedFrame f : frames) {
                String n = name(f);
                if (top == null) {
                    top = n;
                }
                String l = layer(n);
                if (l != null) {
                    layer = l;
                    break;
                }
            }
            layers.merge(layer, 1, Integer::sum);
            topFrames.merge(top, 1, Integer::sum);
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (RecordedFrame f : frames) {
                String n = name(f);
                if (methods.containsKey(n) && seen.add(n)) {
                    methods.merge(n, 1, Integer::sum);
                }
            }
        }
        StringBuilder md = new StringBuilder();
        int t = Math.max(1, total);
        md.append("Relay-thread samples (Java + native): ").append(total).append("\n\n");
        md.append("| where the time goes (first non-JDK frame) | share |\n| --- | --- |\n");
        for (Map.Entry<String, Integer> x : sorted(layers)) {
            md.append(
                    String.format(
                            java.util.Locale.ROOT,
                            "| %s | %.0f%% |%n",
                            x.getKey(),
                            100.0 * x.getValue() / t));
        }
        md.append("\n| outbox method (inclusive) | share |\n| --- | --- |\n");
        for (Map.Entry<String, Integer> x : methods.entrySet()) {
            md.append(
                    String.format(
                            java.util.Locale.ROOT,
                            "| `%s` | %.0f%% |%n",
                            x.getKey().replace("dev.outbox.", ""),
                            100.0 * x.getValue() / t));
        }
        md.append("\n| top frame | share |\n| --- | --- |\n");
        for (Map.Entry<String, Integer> x : sorted(topFrames).stream().limit(8).toList()) {
            md.append(
                    String.format(
                            java.util.Locale.ROOT,
                            "| `%s` | %.0f%% |%n",
                            x.getKey(),
                            100.0 * x.getValue() / t));
        }
        return md.toString();
    }

    private static List<Map.Entry<String, Integer>> sorted(Map<String, Integer> m) {
        return m.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .collect(Collectors.toList());
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static String layer(String n) {
        if (n.startsWith("org.postgresql.")) {
            return "PostgreSQL JDBC driver (incl. waiting for the database)";
        }
        if (n.startsWith("org.apache.activemq.")) {
            return "Artemis client / resource adapter (incl. waiting for the broker)";
        }
        if (n.startsWith("org.hibernate.")) {
            return "Hibernate";
        }
        if (n.startsWith("dev.outbox.")) {
            return "outbox code";
        }
        if (n.startsWith("com.ibm.")
                || n.startsWith("io.openliberty.")
                || n.startsWith("org.jboss.weld.")) {
            return "Liberty (EJB container, transactions, pools, CDI)";
        }
        if (n.startsWith("java.") || n.startsWith("jdk.") || n.startsWith("sun.")) {
            return null;
        }
        return "other: " + n.substring(0, Math.max(0, n.lastIndexOf('.')));
    }
}
