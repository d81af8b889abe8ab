package dev.outbox.faults;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One WildFly server of the suite, faultServer or faultServer2, run from the installation under
 * {@code faults/target/wildfly} that scripts/faults.sh unpacks and configures
 * (fault-app/src/main/wildfly: one server configuration per relay mode). Each server has a base
 * directory of its own under {@code faults/target/wildfly/servers} (configuration, deployments,
 * data with its Narayana object store, logs); its port offset, role and relay mode are system
 * properties on its command line. The object store stays between a kill and the restart, so that
 * the server recovers its in-doubt XA transactions, and each server's transaction node identifier
 * is its name, so that neither recovers the other's.
 */
final class WildFly implements Server {

    /**
     * The installation, {@code faults/target/wildfly/wildfly-<version>}: scripts/faults.sh says.
     */
    static final Path HOME =
            Path.of(System.getProperty("faults.wildfly.home", "faults/target/wildfly/wildfly"));

    private static final Path SERVERS =
            Path.of(System.getProperty("faults.wildfly.servers", "faults/target/wildfly/servers"));
    private static final Path WAR =
            Path.of(System.getProperty("faults.war", "faults/fault-app/target/faults.war"));
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);

    /** WildFly's HTTP port before the offset. */
    private static final int HTTP_PORT = 8080;

    /** As in {@link Liberty}: the XA mode's consumer joins the delivery's XA transaction. */
    private static final boolean XA_CONSUMER = Boolean.getBoolean("faults.xa-consumer");

    private final String name;
    private final int portOffset;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private List<String> arguments;

    /**
     * @param name the server's name, also its transaction node identifier
     * @param portOffset added to every port of WildFly's (HTTP 8080 + offset)
     */
    WildFly(String name, int portOffset) {
        this.name = name;
        this.portOffset = portOffset;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String api() {
        return "http://127.0.0.1:" + (HTTP_PORT + portOffset) + "/faults/api";
    }

    private Path base() {
        return SERVERS.resolve(name).toAbsolutePath();
    }

    @Override
    public void configure(Mode mode, boolean relay, boolean consume, Topology topology)
            throws IOException {
        if (topology == Topology.CLUSTER) {
            throw new UnsupportedOperationException(
                    "the broker cluster (scenario 11) runs on Open Liberty only");
        }
        boolean xaConsumer = mode == Mode.XA && XA_CONSUMER;
        Path base = base();
        // the installation's configuration files, afresh: those made by configure.sh included
        Path configuration = Files.createDirectories(base.resolve("configuration"));
        try (Stream<Path> files = Files.list(HOME.resolve("standalone/configuration"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(
                        f,
                        configuration.resolve(f.getFileName()),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path deployments = Files.createDirectories(base.resolve("deployments"));
        Files.copy(WAR, deployments.resolve("faults.war"), StandardCopyOption.REPLACE_EXISTING);
        String events = consume ? Broker.EVENTS : Broker.IDLE;
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "-c",
                                "standalone-faults-" + mode.transactionMode + ".xml",
                                "-Djboss.server.base.dir=" + base,
                                "-Djboss.socket.binding.port-offset=" + portOffset,
                                "-Djboss.tx.node.id=" + name,
                                "-Dfault.server=" + name,
                                "-Doutbox.relay.enabled=" + relay,
                                "-Doutbox.relay.transaction-mode=" + mode.transactionMode,
                                "-Dfault.xa-consumer.queue=" + (xaConsumer ? events : Broker.IDLE),
                                "-Dfault.local-consumer.queue="
                                        + (xaConsumer ? Broker.IDLE : events)));
        if (topology == Topology.PAIR) {
            // faults.cli's second pooled connection factory, to the primary/backup pair
            args.add("-Dfault.resource-adapter=faults-pair");
            args.add("-Doutbox.relay.connection-factory=java:/jms/outboxPairConnectionFactory");
        }
        arguments = List.copyOf(args);
    }

    @Override
    public Path log() {
        return base().resolve("log/server.log");
    }

    @Override
    public void start() throws Exception {
        if (arguments == null) {
            throw new IllegalStateException(name + " is not configured");
        }
        if (process().isPresent()) {
            throw new IllegalStateException(name + " runs already");
        }
        Path base = base();
        Path log = Files.createDirectories(base.resolve("log")).resolve("server.log");
        // the scanner deploys the application afresh at every start: no marker of the last run
        try (Stream<Path> markers = Files.list(base.resolve("deployments"))) {
            for (Path m :
                    markers.filter(p -> p.getFileName().toString().startsWith("faults.war."))
                            .toList()) {
                Files.delete(m);
            }
        }
        List<String> command = new ArrayList<>();
        command.add(HOME.resolve("bin/standalone.sh").toString());
        command.addAll(arguments);
        ProcessBuilder pb =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(
                                Redirect.appendTo(base.resolve("log/console.log").toFile()));
        // standalone.sh starts the JVM as its child, writes its pid and passes SIGTERM on to it
        pb.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
        pb.environment().put("JBOSS_PIDFILE", pidFile().toString());
        pb.environment().put("JBOSS_JAVA_SIZING", "-Xms256m -Xmx1g");
        pb.environment().remove("JAVA_OPTS");
        Process shell = pb.start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Server.ready(http, api())) {
            if (!shell.isAlive()) {
                throw new IllegalStateException(name + " exited while starting; see " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not start; see " + log);
            }
            Thread.sleep(250);
        }
    }

    @Override
    public void stop() throws Exception {
        Optional<ProcessHandle> jvm = process();
        if (jvm.isPresent()) {
            // SIGTERM: WildFly shuts down in order (its shutdown hook), as on ctrl-c
            jvm.get().destroy();
            jvm.get().onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Counts the transactions in the server's Narayana object store that were decided (committed)
     * but not yet completed on every XA resource: after a kill, the in-doubt transactions that the
     * recovery manager must finish.
     */
    @Override
    public OptionalLong loggedTransactions() throws IOException {
        Path store = base().resolve("data/tx-object-store");
        if (!Files.isDirectory(store)) {
            return OptionalLong.of(0);
        }
        try (Stream<Path> files = Files.walk(store)) {
            return OptionalLong.of(
                    files.filter(Files::isRegularFile)
                            .filter(
                                    f ->
                                            f.getParent()
                                                    .getFileName()
                                                    .toString()
                                                    .equals("AtomicAction"))
                            .count());
        }
    }

    private Path pidFile() {
        return base().resolve("server.pid");
    }

    /**
     * @return the server's JVM: the process in the pid file standalone.sh writes, if it runs this
     *     server's base directory of this installation
     */
    @Override
    public Optional<ProcessHandle> process() throws IOException {
        // standalone.sh passes the base directory on with its links resolved
        String base = "-Djboss.server.base.dir=" + base().toRealPath() + " ";
        return PidFile.process(pidFile())
                .filter(
                        p -> {
                            String cmd = p.info().commandLine().orElse("");
                            return cmd.contains("jboss-modules.jar") && cmd.contains(base);
                        });
    }
}
