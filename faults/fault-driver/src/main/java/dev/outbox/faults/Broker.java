package dev.outbox.faults;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One Artemis broker of the suite, created by scripts/faults.sh under {@code faults/target}: the
 * {@link #PRIMARY} on 127.0.0.1:61636, which every scenario uses, and its {@link #BACKUP} on 61637
 * (replication), which runs in scenario 7 only; the two nodes of a cluster, {@link #CLUSTER_A} on
 * 61638 and {@link #CLUSTER_B} on 61639, run in scenario 11 only. Their journals are persistent, so
 * a stop and start keeps their messages. A passive backup does not listen: its port answers once it
 * is active.
 */
final class Broker {

    static final Broker PRIMARY =
            new Broker(
                    "the primary broker",
                    Path.of(System.getProperty("faults.broker", "faults/target/broker")),
                    Integer.getInteger("faults.artemis.port", 61636));

    static final Broker BACKUP =
            new Broker(
                    "the backup broker",
                    Path.of(
                            System.getProperty(
                                    "faults.broker.backup", "faults/target/broker-backup")),
                    Integer.getInteger("faults.artemis.backup-port", 61637));

    /** One node of the symmetric cluster of scenario 11, with the LOCAL grouping handler. */
    static final Broker CLUSTER_A =
            new Broker(
                    "cluster node A",
                    Path.of(
                            System.getProperty(
                                    "faults.broker.cluster-a", "faults/target/broker-cluster-a")),
                    Integer.getInteger("faults.artemis.cluster-a-port", 61638));

    /** The other node of the cluster of scenario 11, with a REMOTE grouping handler. */
    static final Broker CLUSTER_B =
            new Broker(
                    "cluster node B",
                    Path.of(
                            System.getProperty(
                                    "faults.broker.cluster-b", "faults/target/broker-cluster-b")),
                    Integer.getInteger("faults.artemis.cluster-b-port", 61639));

    /** A cluster bridge to the other node is connected ({@code AMQ221027}). */
    static final String BRIDGE_CONNECTED = "AMQ221027";

    /** The consumers' queue. */
    static final String EVENTS = "fault.events";

    /** The queue of a consumer that should not consume: nothing is ever sent to it. */
    static final String IDLE = "fault.idle";

    /** A backup has copied its primary's journal and follows it ({@code AMQ221024}). */
    static final String SYNCHRONIZED = "AMQ221024";

    /** A send the duplicate-id cache recognised and dropped ({@code AMQ222059}). */
    static final String DUPLICATE_DROPPED = "AMQ222059";

    private final String title;
    private final Path home;
    final int port;

    private Broker(String title, Path home, int port) {
        this.title = title;
        this.home = home;
        this.port = port;
    }

    /**
     * Stops the broker in order (SIGTERM, as its service script does, but waiting as long as the
     * shutdown takes under load, where the script gives up after 5 s) and waits until its port is
     * closed.
     */
    void stop() throws Exception {
        Optional<ProcessHandle> broker = process();
        if (broker.isPresent()) {
            broker.get().destroy();
            broker.get().onExit().get(2, TimeUnit.MINUTES);
        }
        Waits.until(title + "'s port to close", Duration.ofMinutes(1), () -> !listening());
    }

    /** Kills the broker's JVM (SIGKILL), as by a crash, and waits until it has gone. */
    void kill() throws Exception {
        ProcessHandle broker =
                process().orElseThrow(() -> new IllegalStateException(title + " does not run"));
        broker.destroyForcibly();
        broker.onExit().get(1, TimeUnit.MINUTES);
    }

    /** Starts the broker and waits until it accepts connections. */
    void start() throws Exception {
        launch();
        Waits.until(title + " to listen", Duration.ofMinutes(1), this::listening);
    }

    /** Starts the broker without waiting for it: a passive backup does not listen. */
    void launch() throws Exception {
        Commands.run(home.resolve("bin/artemis-service").toString(), "start");
    }

    /** Deletes the broker's journal, bindings and paging: it must not run. */
    void wipe() throws Exception {
        if (process().isPresent()) {
            throw new IllegalStateException(title + " runs: its data stays");
        }
        Commands.run("rm", "-rf", home.resolve("data").toString());
    }

    /**
     * @return whether the broker accepts connections (for a backup: whether it is active)
     */
    boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * @param code an Artemis message code, such as {@link #SYNCHRONIZED}
     * @return how many lines of the broker's log name it
     */
    long logged(String code) {
        Path log = home.resolve("log/artemis.log");
        if (!Files.exists(log)) {
            return 0;
        }
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.contains(code)).count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Optional<ProcessHandle> process() throws IOException {
        return PidFile.process(home.resolve("data/artemis.pid")).filter(ProcessHandle::isAlive);
    }

    /**
     * Limits the events' address (or lifts the limit) by rewriting its address setting in
     * broker.xml, and waits until the broker has reloaded its address settings (it watches the
     * file, {@code AMQ221056} in its log).
     *
     * @param maxSizeBytes the address's {@code max-size-bytes}, or -1 for no limit
     * @param policy its {@code address-full-policy}: BLOCK or FAIL (PAGE, the default, when not
     *     limited)
     */
    void limitEvents(long maxSizeBytes, String policy) throws Exception {
        Path xml = home.resolve("etc/broker.xml");
        String config = Files.readString(xml);
        String start = "<address-setting match=\"" + EVENTS + "\">";
        int at = config.indexOf(start);
        int end = config.indexOf("</address-setting>", at);
        if (at < 0 || end < 0) {
            throw new IllegalStateException("no address setting for " + EVENTS + " in " + xml);
        }
        String body =
                config.substring(at + start.length(), end)
                        .replaceAll("\\s*<max-size-bytes>[^<]*</max-size-bytes>", "")
                        .replaceAll("\\s*<address-full-policy>[^<]*</address-full-policy>", "");
        if (maxSizeBytes >= 0) {
            body =
                    "\n            <max-size-bytes>"
                            + maxSizeBytes
                            + "</max-size-bytes>\n            <address-full-policy>"
                            + policy
                            + "</address-full-policy>"
                            + body;
        }
        long reloads = reloads();
        Files.writeString(
                xml, config.substring(0, at + start.length()) + body + config.substring(end));
        Waits.until(
                "the broker to reload its address settings",
                Duration.ofSeconds(30),
                () -> reloads() > reloads);
    }

    /**
     * @return how often the broker has reloaded its address settings, from its log
     */
    private long reloads() {
        Path log = home.resolve("log/artemis.log");
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.contains("AMQ221056") && l.contains("address settings"))
                    .count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
