package dev.outbox.faults;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One Open Liberty server of the suite, faultServer (9380) or faultServer2 (9381), installed under
 * {@code faults/target/liberty}. Its role (relay or not, consumer or not) and the relay mode are
 * written to its bootstrap.properties and jvm.options before it starts; its transaction log stays
 * between restarts, so that it recovers in-doubt XA transactions after a kill.
 */
final class Liberty implements Server {

    static final Path WLP = Path.of(System.getProperty("faults.wlp", "faults/target/liberty/wlp"));
    private static final Path WAR =
            Path.of(System.getProperty("faults.war", "faults/fault-app/target/faults.war"));
    private static final Path CONFIG =
            Path.of(
                    System.getProperty(
                            "faults.liberty.config", "faults/fault-app/src/main/liberty/config"));
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    /**
     * Whether the XA mode's consumer is the message-driven bean whose delivery joins the XA
     * transaction ({@code faults.xa-consumer=true}). Off by default: after a kill -9, Liberty
     * cannot recover the broker's branch of such a transaction with the project's RAR (see
     * docs/reliability.md), so both modes use the consumer that receives outside a transaction.
     */
    private static final boolean XA_CONSUMER = Boolean.getBoolean("faults.xa-consumer");

    final String name;
    private final int httpPort;
    private final int httpsPort;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Liberty(String name, int httpPort, int httpsPort) {
        this.name = name;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String api() {
        return "http://127.0.0.1:" + httpPort + "/faults/api";
    }

    private Path dir() {
        return WLP.resolve("usr/servers").resolve(name);
    }

    @Override
    public void configure(Mode mode, boolean relay, boolean consume, Topology topology)
            throws IOException {
        List<Broker> brokers = topology.brokers(name);
        boolean xaConsumer = mode == Mode.XA && XA_CONSUMER;
        Path dir = dir();
        Files.createDirectories(dir.resolve("apps"));
        for (String f : List.of("server.xml", "ds-xa.xml", "ds-nonxa.xml")) {
            Files.copy(CONFIG.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.deleteIfExists(
                dir.resolve("configDropins/overrides/liberty-plugin-variable-config.xml"));
        Files.copy(WAR, dir.resolve("apps/faults.war"), StandardCopyOption.REPLACE_EXISTING);
        String events = consume ? Broker.EVENTS : Broker.IDLE;
        Files.writeString(
                dir.resolve("bootstrap.properties"),
                String.join(
                        "\n",
                        "faultHttpPort=" + httpPort,
                        "faultHttpsPort=" + httpsPort,
                        "faultDs=" + mode.datasourceFile,
                        "faultArtemisConnectors=" + connectors(brokers),
                        "faultArtemisParameters=" + parameters(brokers),
                        "faultArtemisHa=" + topology.ha(),
                        "faultPgPort=" + Database.PORT,
                        "faultPgStandbyPort=" + Standby.PORT,
                        "xaConsumerQueue=" + (xaConsumer ? events : Broker.IDLE),
                        "localConsumerQueue=" + (xaConsumer ? Broker.IDLE : events),
                        ""));
        Files.writeString(
                dir.resolve("jvm.options"),
                String.join(
                        "\n",
                        "-Xms256m",
                        "-Xmx1g",
                        "-Dfault.server=" + name,
                        "-Doutbox.relay.enabled=" + relay,
                        "-Doutbox.relay.transaction-mode=" + mode.transactionMode,
                        ""));
    }

    /**
     * @return the resource adapter's {@code ConnectorClassName}: one per broker
     */
    private static String connectors(List<Broker> brokers) {
        String netty = "org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory";
        return String.join(",", java.util.Collections.nCopies(brokers.size(), netty));
    }

    /**
     * @return the resource adapter's {@code ConnectionParameters}: one per broker, in order
     */
    private static String parameters(List<Broker> brokers) {
        return String.join(
                ",", brokers.stream().map(b -> "host=127.0.0.1;port=" + b.port).toList());
    }

    @Override
    public Path log() {
        return dir().resolve("logs/messages.log");
    }

    @Override
    public void start() throws Exception {
        Path log = log();
        run("start");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!ready()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not start; see " + log);
            }
            Thread.sleep(250);
        }
    }

    @Override
    public void stop() throws Exception {
        if (Files.exists(dir().resolve("server.xml"))) {
            run("stop");
        }
    }

    /**
     * @return the server's JVM: the process in Liberty's pid file, if it runs this server of this
     *     installation
     */
    @Override
    public Optional<ProcessHandle> process() throws IOException {
        return PidFile.process(WLP.resolve("usr/servers/.pid/" + name + ".pid"))
                .filter(
                        p -> {
                            String cmd = p.info().commandLine().orElse("");
                            return cmd.contains("ws-server.jar")
                                    && cmd.matches("(?s).*\\s" + name + "(\\s.*|$)");
                        });
    }

    private boolean ready() {
        return Server.ready(http, api());
    }

    private void run(String action) throws Exception {
        Process p =
                new ProcessBuilder(WLP.resolve("bin/server").toString(), action, name)
                        .redirectErrorStream(true)
                        .start();
        String out = new String(p.getInputStream().readAllBytes());
        int rc = p.waitFor();
        // stop: 1 means it was not running
        if (rc != 0 && !(action.equals("stop") && rc == 1)) {
            throw new IllegalStateException(
                    "server " + action + " " + name + " failed (" + rc + "): " + out);
        }
    }
}
