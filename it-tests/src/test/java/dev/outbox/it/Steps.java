package dev.outbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Takes steps in a test application from the test JVM, through its {@code /it-steps} servlet
 * ({@link dev.outbox.it.app.StepServlet}): what a scenario needs between stopping the broker or
 * deploying an application, all in one test method.
 */
final class Steps {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final URI app;

    private Steps(URI app) {
        this.app = app;
    }

    /**
     * @param name the name of a test application (its context root)
     * @return its steps, on the test server's HTTP port (outbox.it.http.port)
     */
    static Steps of(String name) {
        return new Steps(
                URI.create(
                        "http://localhost:"
                                + System.getProperty("outbox.it.http.port", "9080")
                                + "/"
                                + name
                                + "/"));
    }

    /**
     * @param op the step
     * @param params names and values, in pairs
     * @return the servlet's answer
     * @throws AssertionError when the step failed in the server (with its stack trace)
     */
    String call(String op, Object... params) {
        return post("it-steps", op, params);
    }

    /**
     * @param servlet the path of a servlet of the application that answers like {@code it-steps}
     * @param op the step
     * @param params names and values, in pairs
     * @return the servlet's answer
     */
    String post(String servlet, String op, Object... params) {
        StringBuilder query = new StringBuilder(servlet).append("?op=").append(encode(op));
        for (int i = 0; i + 1 < params.length; i += 2) {
            query.append('&')
                    .append(encode(params[i].toString()))
                    .append('=')
                    .append(encode(params[i + 1].toString()));
        }
        try {
            HttpResponse<String> r =
                    HTTP.send(
                            HttpRequest.newBuilder(app.resolve(query.toString()))
                                    .timeout(Duration.ofMinutes(2))
                                    .POST(HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), op + " failed in the server: " + r.body());
            return r.body();
        } catch (java.io.IOException e) {
            throw new AssertionError(op + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(op + " interrupted", e);
        }
    }

    long number(String op, Object... params) {
        return Long.parseLong(call(op, params).trim());
    }

    boolean flag(String op, Object... params) {
        return Boolean.parseBoolean(call(op, params).trim());
    }

    /**
     * @return the records of the keys starting with the prefix, one {@code STATUS attempts
     *     dispatched|-} line each
     */
    List<String> records(String prefix) {
        String lines = call("records", "prefix", prefix);
        return lines.isBlank() ? List.of() : Arrays.asList(lines.split("\n"));
    }

    /**
     * Receives the messages of the keys starting with the prefix until none comes for quietMillis
     * (see {@code Probe.receiveAll}).
     *
     * @return how many came
     */
    long receiveAll(String queue, String prefix, int expected, long quietMillis) {
        return number(
                "receive-all",
                "queue",
                queue,
                "prefix",
                prefix,
                "expected",
                expected,
                "quietMillis",
                quietMillis);
    }

    /** Waits until the records of the keys starting with the prefix are all DISPATCHED. */
    void awaitDispatched(String prefix, Duration timeout) {
        Await.until(
                "the records of " + prefix + " are DISPATCHED",
                timeout,
                () -> flag("all-dispatched", "prefix", prefix));
    }

    /**
     * Waits until the relay has failed {@code more} rounds after this call: what a scenario waits
     * for to show what an outage does, instead of sleeping.
     */
    void awaitFailedRounds(int more) {
        long start = number("failed-rounds");
        Await.until(
                more + " more failed relay rounds after " + start,
                Duration.ofSeconds(60),
                () -> number("failed-rounds") >= start + more);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
