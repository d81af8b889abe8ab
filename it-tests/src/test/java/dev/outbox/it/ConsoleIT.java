package dev.outbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import dev.outbox.it.ops.ConsoleEvent;
import dev.outbox.it.ops.SetupServlet;

/**
 * The console end to end in headless Chromium (Debian's chromium and chromium-driver): the page
 * loads, shows a record that could not be sent with its last error, and its retry button gets it
 * delivered once the cause is fixed.
 */
@ExtendWith(ArquillianExtension.class)
class ConsoleIT {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.opsApp("console-it", "outbox.admin.enabled=true\n")
                .addClasses(ConsoleEvent.class, SetupServlet.class);
    }

    @ArquillianResource URL base;

    @Test
    void thePageShowsAFailedRecordAndItsRetryButtonDeliversIt() throws Exception {
        String id = "console-" + UUID.randomUUID().toString().substring(0, 8);
        String recordId = setup(id);

        ChromeDriver browser = browser();
        try {
            browser.get(base + "outbox-admin/console");
            assertEquals("Outbox console", browser.getTitle(), browser.getPageSource());

            // the record shows as a dead letter, with the reason it could not be sent
            WebElement row = awaitRow(browser, recordId);
            assertEquals("QUARANTINED", row.findElement(By.cssSelector("td.status")).getText());
            assertTrue(
                    row.findElement(By.cssSelector("td.error"))
                            .getText()
                            .contains(ConsoleEvent.QUEUE),
                    row.getText());
            Await.until(
                    "the backlog lists its destination",
                    WAIT,
                    () ->
                            !browser.findElements(
                                            By.cssSelector(
                                                    "#backlog tr[data-destination='"
                                                            + ConsoleEvent.QUEUE
                                                            + "']"))
                                    .isEmpty());

            // fix the cause, then retry from the page
            TestBroker.createQueue(ConsoleEvent.QUEUE);
            row.findElement(By.cssSelector("button.retry")).click();

            Await.until(
                    "the record is delivered",
                    WAIT,
                    () -> TestBroker.LEDGER.sends(id).getOrDefault(recordId, 0) == 1);
            Await.until(
                    "the row is gone", WAIT, () -> browser.findElements(rowOf(recordId)).isEmpty());
            assertTrue(
                    browser.findElement(By.id("status"))
                            .getText()
                            .startsWith("Retried " + recordId),
                    browser.findElement(By.id("status")).getText());
            assertEquals(1, TestBroker.messageCount(ConsoleEvent.QUEUE));
        } finally {
            browser.quit();
        }
    }

    private static By rowOf(String recordId) {
        return By.cssSelector("#dead-letters tr[data-id='" + recordId + "']");
    }

    private static WebElement awaitRow(ChromeDriver browser, String recordId) {
        Await.until(
                "the page lists record " + recordId,
                WAIT,
                () -> {
                    List<WebElement> rows = browser.findElements(rowOf(recordId));
                    return !rows.isEmpty()
                            && "QUARANTINED"
                                    .equals(
                                            rows.get(0)
                                                    .findElement(By.cssSelector("td.status"))
                                                    .getText());
                });
        return browser.findElement(rowOf(recordId));
    }

    /** Fires a ConsoleEvent through the test application; answers its record id. */
    private String setup(String id) throws Exception {
        HttpResponse<String> r =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(base + "it-setup?id=" + id))
                                        .POST(HttpRequest.BodyPublishers.noBody())
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body().trim();
    }

    /** Debian's chromium through /usr/bin/chromedriver, logged in as the admin by a header. */
    private static ChromeDriver browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-dev-shm-usage");
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                        .usingAnyFreePort()
                        .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        String login =
                Base64.getEncoder()
                        .encodeToString("admin:admin-pw".getBytes(StandardCharsets.UTF_8));
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand(
                "Network.setExtraHTTPHeaders",
                Map.of("headers", Map.of("Authorization", "Basic " + login)));
        return driver;
    }
}
