package dev.outbox.it.ops;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * HTTP calls from inside the server to itself, with or without a user. The admin API answers over
 * HTTPS only: its paths go to the server's HTTPS port, trusting the test server's self-signed
 * certificate (test code only).
 */
public final class Http {

    private static final HttpClient CLIENT =
            HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .sslContext(trustingEveryCertificate())
                    .build();

    private Http() {}

    /**
     * @return https://localhost:port of the test server (Liberty's variable default.https.port,
     *     WildFly's system property outbox.it.https.port)
     */
    public static String secureBase() {
        String port =
                ConfigProvider.getConfig()
                        .getOptionalValue("default.https.port", String.class)
                        .orElse(System.getProperty("outbox.it.https.port", "9443"));
        return "https://localhost:" + port;
    }

    /**
     * @param path a path from the server root
     * @return its URL: HTTPS for the admin API, the management interface for health checks on
     *     WildFly, else plain HTTP
     */
    public static String url(String path) {
        if (path.contains("/outbox-admin/")) {
            return secureBase() + path;
        }
        return (path.startsWith("/health/") ? healthBase() : base()) + path;
    }

    /**
     * @param path a path from the server root
     * @return the answer over plain HTTP, whatever the path, redirects not followed
     */
    public static HttpResponse<String> plain(String path) throws IOException, InterruptedException {
        return CLIENT.send(
                HttpRequest.newBuilder(URI.create(base() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * @return http://localhost:port of the test server (its Liberty variable default.http.port)
     */
    public static String base() {
        String port =
                ConfigProvider.getConfig()
                        .getOptionalValue("default.http.port", String.class)
                        .orElse(System.getProperty("outbox.it.http.port", "9080"));
        return "http://localhost:" + port;
    }

    /**
     * @return where the server answers its health checks: the HTTP port on Open Liberty, the
     *     management interface on WildFly (the pass sets outbox.it.health.url in the server)
     */
    public static String healthBase() {
        return System.getProperty("outbox.it.health.url", base());
    }

    /**
     * @param method GET, POST or DELETE
     * @param path the path from the server root
     * @param user the user, or null for none
     * @param password the password
     * @param csrf whether to send the admin API's X-Outbox-Admin header
     * @return the response
     */
    public static HttpResponse<String> call(
            String method, String path, String user, String password, boolean csrf)
            throws IOException, InterruptedException {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(url(path)))
                        .timeout(Duration.ofSeconds(30))
                        .header("Accept", "application/json")
                        .method(method, HttpRequest.BodyPublishers.noBody());
        if (user != null) {
            b.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString(
                                            (user + ":" + password)
                                                    .getBytes(StandardCharsets.UTF_8)));
        }
        if (csrf) {
            b.header("X-Outbox-Admin", "it");
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GET without a user. */
    public static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return call("GET", path, null, null, false);
    }

    /**
     * @param path {@code /health/ready} or {@code /health/live}
     * @return the outbox's check in the server's health report, or {@code null} when the report
     *     cannot be read or has no outbox check
     */
    public static jakarta.json.JsonObject outboxCheck(String path) {
        try {
            HttpResponse<String> r = get(path);
            try (jakarta.json.JsonReader reader =
                    jakarta.json.Json.createReader(new java.io.StringReader(r.body()))) {
                for (jakarta.json.JsonValue c : reader.readObject().getJsonArray("checks")) {
                    jakarta.json.JsonObject o = c.asJsonObject();
                    if (o.getString("name").startsWith("outbox-")) {
                        return o;
                    }
                }
            }
            return null;
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * @return whether the check is UP
     */
    public static boolean isUp(jakarta.json.JsonObject check) {
        return check != null && "UP".equals(check.getString("status"));
    }

    /** Trusts any certificate, without checking the host name: the test server's own only. */
    private static javax.net.ssl.SSLContext trustingEveryCertificate() {
        javax.net.ssl.X509ExtendedTrustManager trustAll =
                new javax.net.ssl.X509ExtendedTrustManager() {
                    @Override
                    public void checkClientTrusted(
                            java.security.cert.X509Certificate[] chain,
                            String authType,
                            java.net.Socket socket) {}

                    @Override
                    public void checkServerTrusted(
                            java.security.cert.X509Certificate[] chain,
                            String authType,
                            java.net.Socket socket) {}

                    @Override
                    public void checkClientTrusted(
                            java.security.cert.X509Certificate[] chain,
                            String authType,
                            javax.net.ssl.SSLEngine engine) {}

                    @Override
                    public void checkServerTrusted(
                            java.security.cert.X509Certificate[] chain,
                            String authType,
                            javax.net.ssl.SSLEngine engine) {}

                    @Override
                    public void checkClientTrusted(
                            java.security.cert.X509Certificate[] chain, String authType) {}

                    @Override
                    public void checkServerTrusted(
                            java.security.cert.X509Certificate[] chain, String authType) {}

                    @Override
                    public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                        return new java.security.cert.X509Certificate[0];
                    }
                };
        try {
            javax.net.ssl.SSLContext ssl = javax.net.ssl.SSLContext.getInstance("TLS");
            ssl.init(null, new javax.net.ssl.TrustManager[] {trustAll}, null);
            return ssl;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
