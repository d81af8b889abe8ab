package dev.outbox.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every measured value (one per repetition), kept in order, written raw as CSV and summarized
 * (median, min, max per series) as JSON.
 */
final class Results {

    /** One measured value. */
    record Value(
            String scenario, String series, String metric, String unit, int rep, double value) {}

    private final List<Value> values = new ArrayList<>();
    private final Map<String, String> notes = new LinkedHashMap<>();
    private final Path rawFile;

    Results(Path rawFile) throws IOException {
        this.rawFile = rawFile;
        Files.createDirectories(rawFile.getParent());
        Files.writeString(rawFile, "scenario,series,metric,unit,rep,value\n");
    }

    synchronized void add(
            String scenario, String series, String metric, String unit, int rep, double value) {
        Value v = new Value(scenario, series, metric, unit, rep, value);
        values.add(v);
        try {
            Files.writeString(
                    rawFile,
                    String.format(
                            Locale.ROOT,
                            "%s,%s,%s,%s,%d,%.4f%n",
                            scenario,
                            series,
                            metric,
                            unit,
                            rep,
                            value),
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    synchronized void note(String key, String text) {
        notes.put(key, text);
    }

    synchronized String noteOf(String key) {
        return notes.get(key);
    }

    synchronized List<Double> of(String scenario, String series, String metric) {
        List<Double> out = new ArrayList<>();
        for (Value v : values) {
            if (v.scenario.equals(scenario) && v.series.equals(series) && v.metric.equals(metric)) {
                out.add(v.value);
            }
        }
        return out;
    }

    synchronized List<Value> all() {
        return List.copyOf(values);
    }

    /** Writes the summary: one entry per series and metric with n, median, min, max. */
    synchronized void writeSummary(Path file, Map<String, String> machine) throws IOException {
        Map<String, List<Value>> groups = new LinkedHashMap<>();
        for (Value v : values) {
            groups.computeIfAbsent(
                            v.scenario + "|" + v.series + "|" + v.metric, k -> new ArrayList<>())
                    .add(v);
        }
        StringBuilder json = new StringBuilder("{\n  \"machine\": {");
        String sep = "\n";
        for (Map.Entry<String, String> e : machine.entrySet()) {
            json.append(sep)
                    .append("    ")
                    .append(q(e.getKey()))
                    .append(": ")
                    .append(q(e.getValue()));
            sep = ",\n";
        }
        json.append("\n  },\n  \"notes\": {");
        sep = "\n";
        for (Map.Entry<String, String> e : notes.entrySet()) {
            json.append(sep)
                    .append("    ")
                    .append(q(e.getKey()))
                    .append(": ")
                    .append(q(e.getValue()));
            sep = ",\n";
        }
        json.append("\n  },\n  \"series\": [");
        sep = "\n";
        for (List<Value> g : groups.values()) {
            Value f = g.get(0);
            List<Double> d = g.stream().map(Value::value).toList();
            json.append(sep)
                    .append(
                            String.format(
                                    Locale.ROOT,
                                    "    {\"scenario\": %s, \"series\": %s, \"metric\": %s, \"unit\": %s, \"n\": %d,"
                                            + " \"median\": %.4f, \"min\": %.4f, \"max\": %.4f, \"values\": %s}",
                                    q(f.scenario),
                                    q(f.series),
                                    q(f.metric),
                                    q(f.unit),
                                    d.size(),
                                    Stats.median(d),
                                    Stats.min(d),
                                    Stats.max(d),
                                    d.stream()
                                            .map(x -> String.format(Locale.ROOT, "%.4f", x))
                                            .toList()));
            sep = ",\n";
        }
        json.append("\n  ]\n}\n");
        Files.createDirectories(file.getParent());
        Files.writeString(file, json.toString());
    }

    static String q(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
