package dev.outbox.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One application server of the suite running the fault application: Open Liberty ({@link Liberty})
 * or WildFly ({@link WildFly}), chosen by {@code faults.server}. faultServer relays; faultServer2
 * takes the writes and runs the consumers.
 */
interface Server {

    /**
     * @return the server's name, faultServer or faultServer2
     */
    String name();

    /**
     * @return the base URL of the application's REST API
     */
    String api();

    /**
     * Writes the server's configuration for a role; takes effect at the next start. The server's
     * transaction log stays, so that it recovers in-doubt XA transactions after a kill.
     *
     * @param mode the relay mode and datasource
     * @param relay whether the server relays
     * @param consume whether its consumers read the events' queue
     * @param topology the brokers it connects to
     */
    void configure(Mode mode, boolean relay, boolean consume, Topology topology) throws IOException;

    /** Starts the server and waits until the application answers. */
    void start() throws Exception;

    /** Stops the server in order, if it runs. */
    void stop() throws Exception;

    /**
     * @return the server's log file (Liberty's messages.log, WildFly's server.log)
     */
    Path log();

    /**
     * @param messageIds message ids of the library, e.g. {@code OUTBOX0306W}
     * @return how many lines of the server's log name each, in the order given
     */
    default List<Long> logged(List<String> messageIds) throws IOException {
        List<String> lines = Files.exists(log()) ? Files.readAllLines(log()) : List.of();
        return messageIds.stream()
                .map(id -> lines.stream().filter(l -> l.contains(id)).count())
                .toList();
    }

    /**
     * @param messageId a message id of the outbox's, such as {@code OUTBOX0308W}
     * @return the lines of the server's current log that name it
     */
    default List<String> loggedLines(String messageId) throws IOException {
        List<String> lines = Files.exists(log()) ? Files.readAllLines(log()) : List.of();
        return lines.stream().filter(l -> l.contains(messageId)).toList();
    }

    /**
     * @return the server's JVM, if it runs
     */
    Optional<ProcessHandle> process() throws IOException;

    /** Kills the server's JVM with SIGKILL and waits until it is gone. */
    default void kill() throws Exception {
        ProcessHandle jvm = running();
        jvm.destroyForcibly();
        jvm.onExit().get();
    }

    /**
     * Freezes the server's JVM with SIGSTOP, as a long GC pause or a suspended VM would: its
     * sockets stay open, nothing in it runs, not even its timeouts.
     */
    default void freeze() throws Exception {
        signal("STOP");
    }

    /** Lets a frozen JVM run on (SIGCONT). */
    default void thaw() throws Exception {
        signal("CONT");
    }

    private void signal(String signal) throws Exception {
        long pid = running().pid();
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
        }
    }

    private ProcessHandle running() throws IOException {
        return process().orElseThrow(() -> new IllegalStateException(name() + " is not running"));
    }

    /** Kills the server, then starts it again. */
    default void killAndRestart() throws Exception {
        kill();
        start();
    }

    /**
     * @return the transactions the server's transaction log holds undone (decided, not yet
     *     completed on every resource), where the driver can read them; empty where it cannot
     */
    default OptionalLong loggedTransactions() throws IOException {
        return OptionalLong.empty();
    }

    /**
     * @return whether the application answers {@code GET /orders/ready}
     */
    static boolean ready(HttpClient http, String api) {
        try {
            HttpResponse<String> r =
                    http.send(
                            HttpRequest.newBuilder(URI.create(api + "/orders/ready"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
