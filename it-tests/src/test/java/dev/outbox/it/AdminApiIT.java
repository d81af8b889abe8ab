package dev.outbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.outbox.OutboxRecord;
import dev.outbox.RecordStatus;
import dev.outbox.it.app.Events;
import dev.outbox.it.app.Note;
import dev.outbox.it.app.Probe;
import dev.outbox.it.app.Received;
import dev.outbox.it.app.Refused;
import dev.outbox.it.ops.Http;
import dev.outbox.testkit.OutboxTestKit;

/**
 * The admin REST API against a real login (the test server's basicRegistry): 401 without a user,
 * 403 in the wrong role or without the CSRF header; listing, filtering, showing, retrying,
 * replaying, deleting, pausing and resuming, each audited in the log and the audit table.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminApiIT {

    static final String API = "/admin-it/outbox-admin/";
    static final String QUEUE = "it.admin";
    static final Duration WAIT = Duration.ofSeconds(20);

    @Deployment
    static WebArchive deployment() {
        return Deployments.opsApp(
                        "admin-it",
                        """
                        outbox.route.Note=it.admin
                        outbox.admin.enabled=true
                        outbox.admin.audit-table=it_audit
                        """)
                .addClass(Http.class);
    }

    @Inject Events events;
    @Inject Probe probe;
    @Inject OutboxTestKit testKit;

    private static String unique(String what) {
        return what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static HttpResponse<String> admin(String method, String path) throws Exception {
        return Http.call(method, API + path, "admin", "admin-pw", !"GET".equals(method));
    }

    private static JsonValue json(HttpResponse<String> r) {
        try (JsonReader reader = Json.createReader(new StringReader(r.body()))) {
            return reader.readValue();
        }
    }

    private OutboxRecord quarantined(String id) {
        events.fire(new Refused(id));
        return Await.value(
                "the record is QUARANTINED",
                WAIT,
                () -> testKit.records("Refused", id).get(0),
                r -> r.status() == RecordStatus.QUARANTINED);
    }

    @Test
    @Order(1)
    void withoutAUserIs401InTheWrongRoleIs403() throws Exception {
        HttpResponse<String> anonymous = Http.get(API + "backlog");
        assertEquals(401, anonymous.statusCode());
        assertTrue(
                anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"),
                anonymous.headers().toString());
        assertEquals(401, Http.call("GET", API + "backlog", "admin", "wrong", false).statusCode());
        HttpResponse<String> viewer =
                Http.call("GET", API + "backlog", "viewer", "viewer-pw", false);
        assertEquals(403, viewer.statusCode());
        assertTrue(viewer.body().contains("outbox.admin.role"), viewer.body());
        assertEquals(200, admin("GET", "backlog").statusCode());
        // the console page is protected the same way
        assertEquals(401, Http.get(API + "console").statusCode());
        HttpResponse<String> page = admin("GET", "console");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<title>Outbox console</title>"), page.body());
    }

    @Test
    @Order(2)
    void listsFiltersAndShowsRecords() throws Exception {
        String id = unique("list");
        events.fire(new Note(id + "-a", "first"), new Note(id + "-b", "second"));
        OutboxRecord a = testKit.awaitDispatched("Note", id + "-a", WAIT);
        testKit.awaitDispatched("Note", id + "-b", WAIT);

        JsonArray byKey = json(admin("GET", "records?aggregateId=" + id + "-a")).asJsonArray();
        assertEquals(1, byKey.size(), byKey.toString());
        JsonObject listed = byKey.getJsonObject(0);
        assertEquals(a.id(), listed.getString("id"));
        assertEquals("DISPATCHED", listed.getString("status"));
        assertEquals(QUEUE, listed.getString("destination"));
        assertTrue(
                !listed.containsKey("payload") || listed.isNull("payload"), "no payload in lists");

        JsonArray dispatched =
                json(admin("GET", "records?status=dispatched&destination=it.admin&limit=10000"))
                        .asJsonArray();
        assertTrue(
                dispatched.stream()
                                .filter(
                                        v ->
                                                v.asJsonObject()
                                                        .getString("aggregateId")
                                                        .startsWith(id))
                                .count()
                        == 2,
                dispatched.toString());
        assertEquals(
                0,
                json(admin("GET", "records?olderThan=1h&aggregateId=" + id + "-a"))
                        .asJsonArray()
                        .size());

        JsonObject one = json(admin("GET", "records/" + a.id())).asJsonObject();
        assertTrue(one.getString("payload").contains("first"), one.toString());
        assertEquals(404, admin("GET", "records/no-such-id").statusCode());

        HttpResponse<String> bad = admin("GET", "records?status=LOST");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("OUTBOX0605E"), bad.body());
        assertEquals(400, admin("GET", "records?olderThan=soon").statusCode());
    }

    @Test
    @Order(3)
    void retriesADeadLetterAndRefusesWhatIsNotOne() throws Exception {
        String id = unique("retry");
        OutboxRecord bad = quarantined(id);
        JsonArray dead = json(admin("GET", "dead-letters")).asJsonArray();
        assertTrue(dead.toString().contains(bad.id()), dead.toString());

        HttpResponse<String> noHeader =
                Http.call(
                        "POST", API + "records/" + bad.id() + "/retry", "admin", "admin-pw", false);
        assertEquals(403, noHeader.statusCode(), "a change needs the X-Outbox-Admin header");
        assertEquals(
                403,
                Http.call(
                                "POST",
                                API + "records/" + bad.id() + "/retry",
                                "viewer",
                                "viewer-pw",
                                true)
                        .statusCode());

        HttpResponse<String> retried = admin("POST", "records/" + bad.id() + "/retry");
        assertEquals(200, retried.statusCode(), retried.body());
        assertTrue(json(retried).asJsonObject().getBoolean("done"));
        // it cannot be sent, so it is quarantined again, attempts counted afresh
        Await.value(
                "quarantined again",
                WAIT,
                () -> testKit.records("Refused", id).get(0),
                r -> r.status() == RecordStatus.QUARANTINED && r.attempts() == 1);

        String good = unique("retry-ok");
        events.fire(new Note(good, "sent"));
        OutboxRecord sent = testKit.awaitDispatched("Note", good, WAIT);
        HttpResponse<String> refused = admin("POST", "records/" + sent.id() + "/retry");
        assertEquals(409, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("DISPATCHED"), refused.body());
        assertEquals(404, admin("POST", "records/no-such-id/retry").statusCode());
    }

    @Test
    @Order(4)
    void replaysADispatchedRecord() throws Exception {
        String id = unique("replay");
        events.fire(new Note(id, "again"));
        assertNotNull(probe.receive(QUEUE, id, WAIT.toMillis()), "first delivery");
        OutboxRecord sent = testKit.awaitDispatched("Note", id, WAIT);

        HttpResponse<String> replayed = admin("POST", "records/" + sent.id() + "/replay");
        assertEquals(200, replayed.statusCode(), replayed.body());
        Received again = probe.receive(QUEUE, id, WAIT.toMillis());
        assertNotNull(again, "the replayed copy");
        assertEquals(sent.id(), again.property("outboxRecordId"));
    }

    @Test
    @Order(5)
    void deletesARecordThatIsNotPending() throws Exception {
        OutboxRecord bad = quarantined(unique("delete"));
        HttpResponse<String> deleted = admin("DELETE", "records/" + bad.id());
        assertEquals(200, deleted.statusCode(), deleted.body());
        assertEquals(404, admin("GET", "records/" + bad.id()).statusCode());
        assertEquals(404, admin("DELETE", "records/" + bad.id()).statusCode());
    }

    @Test
    @Order(6)
    void pausesAndResumesADestination() throws Exception {
        String id = unique("pause");
        assertEquals(200, admin("POST", "destinations/it.admin/pause").statusCode());
        try {
            assertTrue(json(admin("GET", "destinations/paused")).toString().contains(QUEUE));
            events.fire(new Note(id, "held"));
            Await.sleep(1500); // several relay intervals
            assertEquals(RecordStatus.PENDING, testKit.records("Note", id).get(0).status());
            JsonObject backlog =
                    json(admin("GET", "backlog")).asJsonArray().stream()
                            .map(JsonValue::asJsonObject)
                            .filter(b -> b.getString("destination").equals(QUEUE))
                            .findFirst()
                            .orElseThrow();
            assertTrue(backlog.getBoolean("paused"), backlog.toString());
            assertTrue(backlog.getJsonNumber("pending").longValue() >= 1, backlog.toString());
        } finally {
            assertEquals(200, admin("POST", "destinations/it.admin/resume").statusCode());
        }
        assertNotNull(probe.receive(QUEUE, id, WAIT.toMillis()), "sent after the resume");
    }

    @Test
    @Order(7)
    void everyActionIsWrittenToTheAuditTable() throws Exception {
        OutboxRecord bad = quarantined(unique("audit"));
        assertEquals(200, admin("DELETE", "records/" + bad.id()).statusCode());
        List<Object[]> rows = probe.audit(bad.id());
        assertEquals(1, rows.size());
        Object[] row = rows.get(0);
        assertNotNull(row[0], "when");
        assertEquals("admin", row[1], "who");
        assertEquals("delete", row[2], "what");
        assertTrue(String.valueOf(row[3]).startsWith("deleted"), String.valueOf(row[3]));
        assertTrue(probe.audit(QUEUE).stream().anyMatch(r -> "pause".equals(r[2])));
    }

    @Test
    @Order(8)
    @RunAsClient
    void everyActionIsLoggedWithWhoAndWhat() throws Exception {
        String log = ServerLog.since(0);
        assertTrue(log.contains("OUTBOX0601I: Admin action retry on "), "retry logged");
        assertTrue(log.contains("OUTBOX0601I: Admin action replay on "), "replay logged");
        assertTrue(log.contains("OUTBOX0601I: Admin action pause on it.admin by admin: paused"));
        assertTrue(log.contains("OUTBOX0601I: Admin action resume on it.admin by admin: resumed"));
        assertTrue(log.contains("OUTBOX0604I: Outbox admin API and console enabled for role"));
        assertTrue(!log.contains("RESTEASY002010"), "refused requests log no stack trace");
    }
}
