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
import java.util.function.BooleanSupplier;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import dev.outbox.it.ops.ConsoleEvent;
import dev.outbox.it.ops.HeldEvent;
import dev.outbox.it.ops.SetupServlet;

/**
 * The console end to end in headless Chromium (Debian's chromium and chromium-driver), over HTTPS:
 * the page loads, shows a record that could not be sent with its last error, and its retry button
 * gets it delivered once the cause is fixed; the bulk actions count dead letters by filter and
 * delete them; and no page can frame the console.
 */
@ExtendWith(ArquillianExtension.class)
class ConsoleIT {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.opsApp("console-it", "outbox.admin.enabled=true\n")
                .addClasses(ConsoleEvent.class, HeldEvent.class, SetupServlet.class)
                .addAsWebResource(
                        new StringAsset(
                                "<!DOCTYPE html><html><head><title>framer</title></head><body>"
                                        + "<iframe id=\"f\" src=\"outbox-admin/console\"></iframe>"
                                        + "</body></html>"),
                        "framer.html")
                .addAsWebResource(
                        new StringAsset(
                                "<!DOCTYPE html><html><head><title>framer</title></head><body>"
                                        + "<iframe id=\"f\" src=\"hello.html\"></iframe>"
                                        + "</body></html>"),
                        "control.html")
                .addAsWebResource(
                        new StringAsset(
                                "<!DOCTYPE html><html><head><title>hello</title></head></html>"),
                        "hello.html");
    }

    @ArquillianResource URL base;

    /** The application over HTTPS: the admin API and console answer there only. */
    private static String secure() {
        return "https://localhost:"
                + System.getProperty("outbox.it.https.port", "9443")
                + "/console-it/";
    }

    @Test
    void thePageShowsAFailedRecordAndItsRetryButtonDeliversIt() throws Exception {
        String id = "console-" + UUID.randomUUID().toString().substring(0, 8);
        String recordId = setup(id);

        ChromeDriver browser = browser();
        try {
            browser.get(secure() + "outbox-admin/console");
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
                    onPage(
                            () ->
                                    !browser.findElements(
                                                    By.cssSelector(
                                                            "#backlog tr[data-destination='"
                                                                    + ConsoleEvent.QUEUE
                                                                    + "']"))
                                            .isEmpty()));

            // fix the cause, then retry from the page
            TestBroker.createQueue(ConsoleEvent.QUEUE);
            browser.findElement(rowOf(recordId))
                    .findElement(By.cssSelector("button.retry"))
                    .click();

            Await.until(
                    "the record is delivered",
                    WAIT,
                    () -> TestBroker.LEDGER.sends(id).getOrDefault(recordId, 0) == 1);
            Await.until(
                    "the row is gone",
                    WAIT,
                    onPage(() -> browser.findElements(rowOf(recordId)).isEmpty()));
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

    @Test
    void theBlockedKeysShowWhatTheirHeadHoldsAndDeletingOrSkippingTheHeadLetsTheNextOneGo()
            throws Exception {
        String id = "held-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> records = List.of(post("it-setup?held=2&id=" + id).split(","));
        assertEquals(3, records.size(), records.toString());
        By row = By.cssSelector("#blocked-keys tr[data-key='Order/" + id + "']");
        ChromeDriver browser = browser();
        try {
            browser.get(secure() + "outbox-admin/console");
            Await.until(
                    "the page lists the key, its head quarantined and two records held",
                    WAIT,
                    onPage(
                            () ->
                                    !browser.findElements(row).isEmpty()
                                            && text(browser, row, "td.head")
                                                    .startsWith(records.get(0) + " #1")
                                            && text(browser, row, "td.status").equals("QUARANTINED")
                                            && text(browser, row, "td.held").equals("2")));
            assertTrue(
                    text(browser, row, "td.error").contains("it.refused.held"),
                    browser.findElement(row).getText());

            browser.findElement(row).findElement(By.cssSelector("button.delete")).click();
            browser.switchTo().alert().accept();
            // the next record goes, meets the same refusal, and heads the key in turn
            Await.until(
                    "the second record heads the key, one held behind it",
                    WAIT,
                    onPage(
                            () ->
                                    !browser.findElements(row).isEmpty()
                                            && text(browser, row, "td.head")
                                                    .startsWith(records.get(1) + " #2")
                                            && text(browser, row, "td.held").equals("1")));

            browser.findElement(row).findElement(By.cssSelector("button.skip")).click();
            browser.switchTo().alert().accept();
            Await.until(
                    "the third record heads the key once the second is skipped",
                    WAIT,
                    onPage(
                            () ->
                                    !browser.findElements(row).isEmpty()
                                            && text(browser, row, "td.head")
                                                    .startsWith(records.get(2) + " #3")
                                            && text(browser, row, "td.held").equals("0")));
            assertTrue(
                    browser.findElement(By.id("status"))
                            .getText()
                            .startsWith("Skipped " + records.get(1)),
                    browser.findElement(By.id("status")).getText());
        } finally {
            browser.quit();
        }
    }

    private static String text(ChromeDriver browser, By row, String cell) {
        return browser.findElement(row).findElement(By.cssSelector(cell)).getText();
    }

    @Test
    void theBulkActionsCountByFilterAndThenDelete() throws Exception {
        String id = "bulk-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals("3", post("it-setup?bulk=3&id=" + id));
        ChromeDriver browser = browser();
        try {
            browser.get(secure() + "outbox-admin/console");
            Await.until(
                    "the 3 records are listed as dead letters",
                    WAIT,
                    onPage(
                            () ->
                                    browser
                                                    .findElements(
                                                            By.cssSelector("#dead-letters td.key"))
                                                    .stream()
                                                    .filter(td -> td.getText().contains(id))
                                                    .count()
                                            == 3));
            browser.findElement(By.id("bulk-destination")).sendKeys("it.refused.bulk");
            browser.findElement(By.id("bulk-count")).click();
            WebElement delete = browser.findElement(By.id("bulk-delete"));
            Await.until("the count is shown", WAIT, () -> delete.isEnabled());
            assertEquals("3 records match", browser.findElement(By.id("bulk-result")).getText());
            assertEquals("Delete 3", delete.getText());
            delete.click();
            browser.switchTo().alert().accept();
            Await.until(
                    "the deletion is reported",
                    WAIT,
                    onPage(
                            () ->
                                    browser.findElement(By.id("status"))
                                            .getText()
                                            .startsWith("Deleted 3")));
            Await.until(
                    "the rows are gone",
                    WAIT,
                    onPage(
                            () ->
                                    browser
                                            .findElements(By.cssSelector("#dead-letters td.key"))
                                            .stream()
                                            .noneMatch(td -> td.getText().contains(id))));
        } finally {
            browser.quit();
        }
    }

    @Test
    void noPageCanFrameTheConsole() {
        ChromeDriver browser = browser();
        try {
            // the window's load event waits for its frames, blocked or not: then the frame's
            // document is readable when it loaded (the same origin), and not when it was refused
            browser.get(secure() + "control.html");
            awaitLoaded(browser);
            assertEquals("hello", frameTitle(browser), "the control: a frameable page loads");
            browser.get(secure() + "framer.html");
            awaitLoaded(browser);
            assertTrue(
                    !"Outbox console".equals(frameTitle(browser)),
                    "the console loaded inside a frame");
        } finally {
            browser.quit();
        }
    }

    private static void awaitLoaded(ChromeDriver browser) {
        Await.until(
                "the page and its frame have loaded",
                WAIT,
                () -> "complete".equals(browser.executeScript("return document.readyState")));
    }

    /** The title of the page's frame when the page may read it, else null. */
    private static String frameTitle(ChromeDriver browser) {
        Object title =
                browser.executeScript(
                        "const d = document.getElementById('f').contentDocument;"
                                + " return d ? d.title : null;");
        return title == null ? null : title.toString();
    }

    /** POSTs to the test application over plain HTTP; answers the body. */
    private String post(String path) throws Exception {
        HttpResponse<String> r =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(base + path))
                                        .POST(HttpRequest.BodyPublishers.noBody())
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body().trim();
    }

    private static By rowOf(String recordId) {
        return By.cssSelector("#dead-letters tr[data-id='" + recordId + "']");
    }

    private static WebElement awaitRow(ChromeDriver browser, String recordId) {
        Await.until(
                "the page lists record " + recordId,
                WAIT,
                onPage(
                        () -> {
                            List<WebElement> rows = browser.findElements(rowOf(recordId));
                            return !rows.isEmpty()
                                    && "QUARANTINED"
                                            .equals(
                                                    rows.get(0)
                                                            .findElement(
                                                                    By.cssSelector("td.status"))
                                                            .getText());
                        }));
        return browser.findElement(rowOf(recordId));
    }

    /**
     * A condition on the page that is false, and polled again, while the console redraws the
     * elements it read (a refresh replaces the table's rows).
     */
    private static BooleanSupplier onPage(BooleanSupplier condition) {
        return () -> {
            try {
                return condition.getAsBoolean();
            } catch (StaleElementReferenceException | NoSuchElementException e) {
                return false; // the table was drawn again meanwhile
            }
        };
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
                "--disable-dev-shm-usage",
                "--ignore-certificate-errors");
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
