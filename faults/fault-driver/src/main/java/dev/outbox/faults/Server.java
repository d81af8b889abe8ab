package dev.outbox.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
     */
    void configure(Mode mode, boolean relay, boolean consume) throws IOException;

    /** Starts the server and waits until the application answers. */
    void start() throws Exception;

    /** Stops the server in order, if it runs. */
    void stop() throws Exception;

    /** Kills the server's JVM with SIGKILL and waits until it is gone. */
    void kill() throws Exception;

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
