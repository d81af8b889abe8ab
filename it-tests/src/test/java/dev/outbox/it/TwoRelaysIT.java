package dev.outbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.outbox.it.two.RelayShareServlet;

/**
 * Two relays (two applications, each with its own relay, sharing nothing but the database) drain
 * 10,000 records written concurrently under many keys: every record reaches the broker exactly once
 * (counted by the broker, before its duplicate detection), in order per key, and each relay sent a
 * share of them (counted by each application). Both relay on their timers only, so that neither is
 * favoured by the writes' commits.
 */
@ExtendWith(ArquillianExtension.class)
class TwoRelaysIT {

    static final String PREFIX = "two-relays-";
    static final int KEYS = 200;
    static final int RECORDS = 10_000;
    static final String CONFIG =
            """
            outbox.route.Note=it.two
            outbox.relay.batch-size=25
            outbox.relay.interval=100ms
            outbox.retention=0s
            outbox.relay.immediate=false
            """;

    @Deployment(name = "a", order = 1, testable = false)
    static WebArchive a() {
        return Deployments.app("two-relays-a", CONFIG).addClass(RelayShareServlet.class);
    }

    @Deployment(name = "b", order = 2, testable = false)
    static WebArchive b() {
        return Deployments.app("two-relays-b", CONFIG).addClass(RelayShareServlet.class);
    }

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static String call(URL app, String method, String query) throws Exception {
        HttpResponse<String> r =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(app + "relay-share" + query))
                                .timeout(Duration.ofMinutes(3))
                                .method(method, HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body().trim();
    }

    @Test
    @RunAsClient
    void tenThousandRecordsReachTheBrokerOnceInOrderPerKeyWithBothRelaysSending(
            @ArquillianResource @OperateOnDeployment("a") URL a,
            @ArquillianResource @OperateOnDeployment("b") URL b)
            throws Exception {
        long sentByA = Long.parseLong(call(a, "GET", ""));
        long sentByB = Long.parseLong(call(b, "GET", ""));
        String written =
                call(a, "POST", "?prefix=" + PREFIX + "&keys=" + KEYS + "&records=" + RECORDS);
        assertEquals(Integer.toString(RECORDS), written);

        Map<String, Integer> sends =
                Await.value(
                        "all records reached the broker",
                        Duration.ofSeconds(180),
                        () -> TestBroker.LEDGER.sends(PREFIX),
                        m -> m.size() >= RECORDS);
        assertEquals(RECORDS, sends.size());
        long twice = sends.values().stream().filter(n -> n > 1).count();
        assertEquals(0, twice, "records sent more than once");
        Map<String, List<Long>> sequences = TestBroker.LEDGER.sequences(PREFIX);
        assertEquals(KEYS, sequences.size());
        sequences.forEach(
                (key, seqs) -> {
                    for (int i = 0; i < seqs.size(); i++) {
                        assertEquals(i + 1L, seqs.get(i), "order of " + key + ": " + seqs);
                    }
                });

        // each relay counts a record once its batch has committed: wait for the last commits
        long[] shares = new long[2];
        Await.until(
                "both relays' counts add up to the records",
                Duration.ofSeconds(30),
                () -> {
                    try {
                        shares[0] = Long.parseLong(call(a, "GET", "")) - sentByA;
                        shares[1] = Long.parseLong(call(b, "GET", "")) - sentByB;
                        return shares[0] + shares[1] == RECORDS;
                    } catch (Exception e) {
                        return false;
                    }
                });
        assertTrue(
                shares[0] > 0 && shares[1] > 0,
                "each relay sent a share: a " + shares[0] + ", b " + shares[1]);
    }
}
