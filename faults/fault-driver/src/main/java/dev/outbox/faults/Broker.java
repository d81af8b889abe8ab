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
 * The standalone Artemis broker on 127.0.0.1:61636, created by scripts/faults.sh under {@code
 * faults/target/broker}. Its journal is persistent, so a stop and start keeps its messages.
 */
final class Broker {

    static final int PORT = Integer.getInteger("faults.artemis.port", 61636);

    /** The consumers' queue. */
    static final String EVENTS = "fault.events";

    /** The queue of a consumer that should not consume: nothing is ever sent to it. */
    static final String IDLE = "fault.idle";

    private static final Path HOME =
            Path.of(System.getProperty("faults.broker", "faults/target/broker"));

    private Broker() {}

    /**
     * Stops the broker in order (SIGTERM, as its service script does, but waiting as long as the
     * shutdown takes under load, where the script gives up after 5 s) and waits until its port is
     * closed.
     */
    static void stop() throws Exception {
        long pid = Long.parseLong(Files.readString(HOME.resolve("data/artemis.pid")).trim());
        Optional<ProcessHandle> broker = ProcessHandle.of(pid);
        if (broker.isPresent()) {
            broker.get().destroy();
            broker.get().onExit().get(2, TimeUnit.MINUTES);
        }
        Waits.until("the broker's port to close", Duration.ofMinutes(1), () -> !listening());
    }

    /** Starts the broker and waits until it accepts connections. */
    static void start() throws Exception {
        service("start");
        Waits.until("the broker to listen", Duration.ofMinutes(1), Broker::listening);
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
    static void limitEvents(long maxSizeBytes, String policy) throws Exception {
        Path xml = HOME.resolve("etc/broker.xml");
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
    private static long reloads() {
        try (var lines = Files.lines(HOME.resolve("log/artemis.log"))) {
            return lines.filter(l -> l.contains("AMQ221056") && l.contains("address settings"))
                    .count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", PORT), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void service(String action) throws Exception {
        Commands.run(HOME.resolve("bin/artemis-service").toString(), action);
    }
}
