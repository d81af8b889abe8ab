package dev.outbox.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One Open Liberty server of the benchmark: benchServer (9280/9643) or benchServer2 (9281/9644).
 */
final class Liberty {

    static final Path WLP =
            Path.of(System.getProperty("bench.wlp", "benchmarks/bench-app/target/liberty/wlp"));
    static final Path WAR =
            Path.of(System.getProperty("bench.war", "benchmarks/bench-app/target/bench.war"));
    static final Path CONFIG =
            Path.of(
                    System.getProperty(
                            "bench.liberty.config",
                            "benchmarks/bench-app/src/main/liberty/config"));

    final String name;
    final int httpPort;
    final int httpsPort;
    private boolean running;

    /** Where the next start connects to PostgreSQL: 5432, or a {@link DelayProxy}'s port. */
    int pgPort = 5432;

    /** Where the next start connects to the broker: {@link Broker#PORT}, or a proxy's port. */
    int artemisPort = Broker.PORT;

    Liberty(String name, int httpPort, int httpsPort) {
        this.name = name;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
    }

    Path dir() {
        return WLP.resolve("usr/servers").resolve(name);
    }

    String base() {
        return "http://127.0.0.1:" + httpPort + "/bench/api";
    }

    /**
     * Writes the server's configuration and starts it with the given datasource file and outbox
     * settings (as system properties, which MicroProfile Config reads before the WAR's file), and
     * waits until the application answers.
     */
    void start(String ds, Map<String, String> outbox) throws Exception {
        if (running) {
            stop();
        }
        Path dir = dir();
        Files.createDirectories(dir.resolve("apps"));
        for (String f : List.of("server.xml", "ds-xa.xml", "ds-nonxa.xml")) {
            Files.copy(CONFIG.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.deleteIfExists(
                dir.resolve("configDropins/overrides/liberty-plugin-variable-config.xml"));
        Files.copy(WAR, dir.resolve("apps/bench.war"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(
                dir.resolve("bootstrap.properties"),
                "benchHttpPort="
                        + httpPort
                        + "\nbenchHttpsPort="
                        + httpsPort
                        + "\nbenchDs="
                        + ds
                        + "\nbenchArtemisPort="
                        + artemisPort
                        + "\nbenchPgPort="
                        + pgPort
                        + "\n");
        String jvm =
                outbox.entrySet().stream()
                        .map(e -> "-D" + e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("\n"));
        // bench.jvm.extra: more JVM options, space-separated (a profiler, a flight recording)
        String extra = String.join("\n", System.getProperty("bench.jvm.extra", "").split(" "));
        Files.writeString(
                dir.resolve("jvm.options"), "-Xms512m\n-Xmx2g\n" + jvm + "\n" + extra + "\n");
        Path log = dir.resolve("logs/messages.log");
        Files.deleteIfExists(log);
        run("start", name);
        running = true;
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 180_000;
        while (true) {
            try {
                HttpResponse<String> r =
                        http.send(
                                HttpRequest.newBuilder(URI.create(base() + "/orders/health"))
                                        .timeout(Duration.ofSeconds(5))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    break;
                }
            } catch (IOException e) {
                // not yet
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(name + " did not start; see " + log);
            }
            Thread.sleep(500);
        }
        String messages = Files.exists(log) ? Files.readString(log) : "";
        if (!messages.contains("OUTBOX0301I")
                && !"false".equals(outbox.get("outbox.relay.enabled"))) {
            throw new IllegalStateException(name + ": the relay did not start; see " + log);
        }
    }

    void stop() throws Exception {
        if (!Files.exists(dir().resolve("server.xml"))) {
            return;
        }
        run("stop", name);
        running = false;
    }

    /**
     * @return the server JVM's process id
     */
    long pid() throws IOException {
        return Long.parseLong(
                Files.readString(WLP.resolve("usr/servers/.pid/" + name + ".pid")).trim());
    }

    private static void run(String action, String server, String... extra) throws Exception {
        List<String> cmd =
                new java.util.ArrayList<>(
                        List.of(WLP.resolve("bin/server").toString(), action, server));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        int rc = p.waitFor();
        if (rc != 0 && !(action.equals("stop") && out.contains("not running"))) {
            if (!(action.equals("stop") && rc == 1)) {
                throw new IllegalStateException(
                        "server " + action + " " + server + " failed (" + rc + "): " + out);
            }
        }
    }
}
