package dev.outbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.outbox.MessageProperties;
import dev.outbox.Route;
import dev.outbox.admin.BlockedKey;
import dev.outbox.admin.Outbox;
import dev.outbox.admin.OutboxRecord;
import dev.outbox.admin.RecordStatus;
import dev.outbox.it.app.BulkRefused;
import dev.outbox.it.app.Events;
import dev.outbox.it.app.LogLines;
import dev.outbox.it.app.Note;
import dev.outbox.it.app.Probe;
import dev.outbox.it.app.Received;
import dev.outbox.it.app.Refused;
import dev.outbox.it.ops.Http;
import dev.outbox.it.ops.SetupServlet;
import dev.outbox.testkit.OutboxTestKit;

/**
 * The admin REST API against a real login (Liberty's basicRegistry, WildFly's application users),
 * over HTTPS: 401 without a user, 403 without the role an endpoint needs or without the CSRF
 * header, every answer with the headers that keep it out of frames and caches; each role sees what
 * it should and no more; lists in bounded pages without payloads; bad input answers 400 naming the
 * parameter; single and bulk actions; everything audited once its outcome is known.
 */
@ExtendWith(ArquillianExtension.class)
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
    @Inject Outbox outbox;

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

    private static HttpResponse<String> as(String user, String method, String path)
            throws Exception {
        return Http.call(method, API + path, user, user + "-pw", !"GET".equals(method));
    }

    private static void assertSecurityHeaders(HttpResponse<String> r) {
        String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("frame-ancestors 'none'"), r.headers().toString());
        assertTrue(!csp.contains("unsafe-inline"), csp);
        assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(""));
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(""));
        assertTrue(
                r.headers().firstValue("Cache-Control").orElse("").startsWith("no-store"),
                r.headers().toString());
    }

    @Test
    void refusesWithoutUserOrRoleAndEveryAnswerCarriesTheSecurityHeaders() throws Exception {
        try (LogLines log = LogLines.capture("")) {
            refusesWithoutUserOrRole();
            assertTrue(log.contains("OUTBOX0603I: Admin request GET "), "refusals logged");
            assertTrue(!log.contains("RESTEASY002010"), "refused requests log no stack trace");
        }
    }

    private void refusesWithoutUserOrRole() throws Exception {
        HttpResponse<String> anonymous = Http.get(API + "backlog");
        assertEquals(401, anonymous.statusCode());
        assertTrue(
                anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"),
                anonymous.headers().toString());
        assertSecurityHeaders(anonymous);
        assertEquals(401, Http.call("GET", API + "backlog", "admin", "wrong", false).statusCode());
        HttpResponse<String> nobody = as("nobody", "GET", "backlog");
        assertEquals(403, nobody.statusCode());
        assertTrue(nobody.body().contains("outbox-viewer"), nobody.body());
        assertSecurityHeaders(nobody);
        HttpResponse<String> ok = as("viewer", "GET", "backlog");
        assertEquals(200, ok.statusCode());
        assertSecurityHeaders(ok);
        // the console page is protected the same way, and may not be framed
        assertEquals(401, Http.get(API + "console").statusCode());
        HttpResponse<String> page = admin("GET", "console");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<title>Outbox console</title>"), page.body());
        assertSecurityHeaders(page);
        assertTrue(!page.body().contains("<script>"), "no inline script: " + page.body());
    }

    @Test
    void plainHttpIsSentToHttps() throws Exception {
        HttpResponse<String> plain = Http.plain(API + "backlog");
        assertTrue(
                plain.statusCode() == 302
                        || plain.statusCode() == 301
                        || plain.statusCode() == 307
                        || plain.statusCode() == 308,
                plain.statusCode() + " " + plain.headers());
        assertTrue(
                plain.headers().firstValue("Location").orElse("").startsWith("https://"),
                plain.headers().toString());
    }

    @Test
    void eachRoleSeesWhatItShouldAndNoMore() throws Exception {
        String id = unique("roles");
        events.fire(new Note(id, "secret"));
        OutboxRecord sent = testKit.awaitDispatched("Note", id, WAIT);
        OutboxRecord bad = quarantined(unique("roles-dead"));

        for (String user : new String[] {"viewer", "operator"}) {
            JsonObject one = json(as(user, "GET", "records/" + sent.id())).asJsonObject();
            assertTrue(absent(one, "payload") && absent(one, "headers"), user + ": " + one);
        }
        try (LogLines log = LogLines.capture("dev.outbox")) {
            for (String user : new String[] {"reader", "admin"}) {
                JsonObject one = json(as(user, "GET", "records/" + sent.id())).asJsonObject();
                assertTrue(one.getString("payload").contains("secret"), user + ": " + one);
            }
            assertTrue(log.contains("OUTBOX0615I: Record " + sent.id()), "payload reads logged");
        }
        // reading a payload is audited; listing is not
        assertTrue(
                probe.audit(sent.id()).stream()
                        .anyMatch(r -> "reader".equals(r[1]) && "read-payload".equals(r[2])),
                "the payload read is audited");

        for (String user : new String[] {"viewer", "reader"}) {
            HttpResponse<String> refused = as(user, "POST", "records/" + bad.id() + "/retry");
            assertEquals(403, refused.statusCode(), user + ": " + refused.body());
        }
        assertEquals(403, as("viewer", "POST", "destinations/it.admin/pause").statusCode());
        HttpResponse<String> retried = as("operator", "POST", "records/" + bad.id() + "/retry");
        assertEquals(200, retried.statusCode(), retried.body());
        assertTrue(
                probe.audit(bad.id()).stream()
                        .anyMatch(r -> "operator".equals(r[1]) && "retry".equals(r[2])));
        // every refusal is audited too, with the request and the status
        assertTrue(
                probe.audit("POST /admin-it/outbox-admin/records/" + bad.id() + "/retry").stream()
                        .anyMatch(r -> "viewer".equals(r[1]) && "refused".equals(r[2])),
                "the refused retry is audited");
    }

    @Test
    void listsComeInBoundedPagesWithoutPayloads() throws Exception {
        String id = unique("page");
        for (int i = 0; i < 5; i++) {
            events.fire(new Note(id + "-" + i, "page " + i));
        }
        for (int i = 0; i < 5; i++) {
            testKit.awaitDispatched("Note", id + "-" + i, WAIT);
        }
        String filter = "records?status=DISPATCHED&destination=it.admin";
        JsonObject all = json(admin("GET", filter + "&limit=500")).asJsonObject();
        List<String> expected = ids(all);
        assertTrue(expected.size() >= 5 && expected.size() < 500, all.toString());
        assertTrue(absent(all, "next"), "one page holds them all");

        List<String> paged = new ArrayList<>();
        String after = null;
        do {
            JsonObject page =
                    json(admin(
                                    "GET",
                                    filter
                                            + "&limit=2"
                                            + (after == null
                                                    ? ""
                                                    : "&after="
                                                            + java.net.URLEncoder.encode(
                                                                    after,
                                                                    java.nio.charset
                                                                            .StandardCharsets
                                                                            .UTF_8))))
                            .asJsonObject();
            assertTrue(page.getJsonArray("records").size() <= 2);
            for (JsonValue r : page.getJsonArray("records")) {
                assertTrue(absent(r.asJsonObject(), "payload"), "no payload in lists: " + r);
            }
            paged.addAll(ids(page));
            after = absent(page, "next") ? null : page.getString("next");
        } while (after != null);
        assertEquals(expected, paged, "the pages hold every record once, in order");

        // filters
        JsonObject byKey =
                json(admin("GET", "records?aggregateType=Order&aggregateId=" + id + "-0"))
                        .asJsonObject();
        assertEquals(1, byKey.getJsonArray("records").size(), byKey.toString());
        assertEquals(
                0,
                json(admin("GET", "records?olderThan=1h&aggregateId=" + id + "-0"))
                        .asJsonObject()
                        .getJsonArray("records")
                        .size());
        assertEquals(
                5,
                json(admin("GET", "records?status=dispatched&newerThan=10m&limit=500"))
                        .asJsonObject()
                        .getJsonArray("records")
                        .stream()
                        .filter(v -> v.asJsonObject().getString("aggregateId").startsWith(id))
                        .count());

        for (String limit : new String[] {"501", "0", "many"}) {
            HttpResponse<String> r = admin("GET", "records?limit=" + limit);
            assertEquals(400, r.statusCode(), limit);
            assertTrue(r.body().contains("limit"), r.body());
        }
    }

    /** JSON-B leaves out null fields: absent or null. */
    private static boolean absent(JsonObject o, String name) {
        return !o.containsKey(name) || o.isNull(name);
    }

    private static List<String> ids(JsonObject page) {
        return page.getJsonArray("records").stream()
                .map(v -> v.asJsonObject().getString("id"))
                .toList();
    }

    @Test
    void badInputAnswers400NamingTheParameter() throws Exception {
        String[][] cases = {
            {"GET", "records?status=LOST", "status"},
            {"GET", "records?status=forged%0AOUTBOX0601I:+Admin+action+delete", "status"},
            {"GET", "records?olderThan=soon", "olderThan"},
            {"GET", "records?after=yesterday", "after"},
            {"GET", "records/no-such-id", "record id"},
            {"POST", "records/no-such-id/retry", "record id"},
            {"POST", "destinations/" + "x".repeat(300) + "/pause", "destination"},
            {"POST", "records/retry?status=QUARANTINED&dryRun=maybe", "dryRun"},
            {"POST", "records/retry", "status"},
            {"POST", "records/delete?status=PENDING", "status"},
        };
        try (LogLines log = LogLines.capture("dev.outbox")) {
            for (String[] c : cases) {
                HttpResponse<String> r = admin(c[0], c[1]);
                assertEquals(400, r.statusCode(), c[1] + ": " + r.body());
                assertTrue(
                        r.body().contains("OUTBOX0605E: Invalid " + c[2]), c[1] + ": " + r.body());
            }
            // a line break sent in a parameter stays escaped on its line
            assertTrue(log.contains("forged\\nOUTBOX0601I"), "the escaped value is logged");
            assertTrue(!log.contains("forged\nOUTBOX0601I"), "no raw line break from the request");
        }
        String unknown = "01a23456-0000-7000-8000-000000000000";
        assertEquals(404, admin("GET", "records/" + unknown).statusCode());
        assertEquals(404, admin("POST", "records/" + unknown + "/retry").statusCode());
    }

    @Test
    void retriesADeadLetterAndRefusesWhatIsNotOne() throws Exception {
        String id = unique("retry");
        OutboxRecord bad = quarantined(id);
        JsonObject dead = json(admin("GET", "dead-letters")).asJsonObject();
        assertTrue(dead.getJsonArray("records").toString().contains(bad.id()), dead.toString());

        HttpResponse<String> noHeader =
                Http.call(
                        "POST", API + "records/" + bad.id() + "/retry", "admin", "admin-pw", false);
        assertEquals(403, noHeader.statusCode(), "a change needs the X-Outbox-Admin header");

        try (LogLines log = LogLines.capture("dev.outbox")) {
            HttpResponse<String> retried = admin("POST", "records/" + bad.id() + "/retry");
            assertEquals(200, retried.statusCode(), retried.body());
            assertTrue(json(retried).asJsonObject().getBoolean("done"));
            assertTrue(log.contains("OUTBOX0601I: Admin action retry on " + bad.id()), "logged");
        }
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
    }

    @Test
    void replaysADispatchedRecord() throws Exception {
        String id = unique("replay");
        events.fire(new Note(id, "again"));
        assertNotNull(probe.receive(QUEUE, id, WAIT.toMillis()), "first delivery");
        OutboxRecord sent = testKit.awaitDispatched("Note", id, WAIT);

        try (LogLines log = LogLines.capture("dev.outbox")) {
            HttpResponse<String> replayed = admin("POST", "records/" + sent.id() + "/replay");
            assertEquals(200, replayed.statusCode(), replayed.body());
            assertTrue(log.contains("OUTBOX0601I: Admin action replay on " + sent.id()), "logged");
        }
        Received again = probe.receive(QUEUE, id, WAIT.toMillis());
        assertNotNull(again, "the replayed copy");
        assertEquals(sent.id(), again.property("outboxRecordId"));
    }

    @Test
    void replaysAKeysHistoryFromASequenceInOrder() throws Exception {
        String id = unique("history");
        for (int n = 1; n <= 3; n++) {
            events.fire(new Note(id, "history " + n));
        }
        assertEquals(3, probe.receiveAll(QUEUE, id, 3, 3000).size(), "first delivery");
        testKit.awaitDispatched("Note", id, WAIT);
        List<OutboxRecord> history = testKit.records("Note", id);
        assertTrue(history.stream().allMatch(r -> r.status() == RecordStatus.DISPATCHED));

        HttpResponse<String> replayed = admin("POST", "keys/Order/" + id + "/replay?from=2");
        assertEquals(200, replayed.statusCode(), replayed.body());
        assertTrue(replayed.body().contains("2 records (#2 on) PENDING again"), replayed.body());
        List<Received> again = probe.receiveAll(QUEUE, id, 2, 3000);
        assertEquals(
                List.of(2L, 3L),
                again.stream().map(m -> m.property(MessageProperties.SEQUENCE)).toList(),
                "from #2, in order");
        assertEquals(
                history.get(1).id(),
                again.get(0).property(MessageProperties.RECORD_ID),
                "the same record ids: an inbox that remembers them skips the copies");
        assertTrue(
                probe.audit("Order/" + id).stream().anyMatch(r -> "replay-key".equals(r[2])),
                "audited");

        assertEquals(404, admin("POST", "keys/Order/" + id + "-none/replay?from=1").statusCode());
        assertEquals(400, admin("POST", "keys/Order/" + id + "/replay?from=0").statusCode());
        assertEquals(400, admin("POST", "keys/Order/" + id + "/replay?from=3&to=2").statusCode());
        assertEquals(400, admin("POST", "keys/Order/" + id + "/replay").statusCode());
    }

    @Test
    void listsTheKeysADeadLetterBlocksAndTheirHeldRecordsFlowOnceItIsDeleted() throws Exception {
        String id = unique("blocked");
        OutboxRecord head = quarantined(id);
        events.fire(new Note(id, "first held"));
        events.fire(new Note(id, "second held"));
        probe.awaitTwoRelayRuns(); // the relay has seen them, and held them behind the head

        List<BlockedKey> keys =
                outbox.blockedKeys(Refused.class.getAnnotation(Route.class).value(), 100).stream()
                        .filter(k -> k.aggregateId().equals(id))
                        .toList();
        assertEquals(1, keys.size(), keys.toString());
        BlockedKey key = keys.get(0);
        assertEquals("Order", key.aggregateType());
        assertEquals(head.id(), key.head().id());
        assertEquals(RecordStatus.QUARANTINED, key.head().status());
        assertNotNull(key.head().lastError());
        assertEquals(2, key.held());
        assertNotNull(key.oldestHeld());
        assertTrue(
                outbox.blockedKeys(QUEUE, 100).stream().noneMatch(k -> k.aggregateId().equals(id)),
                "the destination filter is the head's");

        HttpResponse<String> listed =
                as("viewer", "GET", "blocked-keys?destination=it.refused.never&limit=100");
        assertEquals(200, listed.statusCode(), listed.body());
        JsonObject row =
                json(listed).asJsonArray().stream()
                        .map(JsonValue::asJsonObject)
                        .filter(k -> k.getString("aggregateId").equals(id))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(listed.body()));
        assertEquals(2, row.getInt("held"));
        assertEquals(head.id(), row.getJsonObject("head").getString("id"));
        assertEquals("QUARANTINED", row.getJsonObject("head").getString("status"));
        assertTrue(absent(row.getJsonObject("head"), "payload"), "no payload in the list");
        assertEquals(400, admin("GET", "blocked-keys?limit=0").statusCode());

        assertEquals(200, admin("DELETE", "records/" + head.id()).statusCode());
        assertEquals(2, probe.receiveAll(QUEUE, id, 2, 3000).size(), "the held records flow");
        assertTrue(
                outbox.blockedKeys(null, 100).stream().noneMatch(k -> k.aggregateId().equals(id)),
                "no longer blocked");
    }

    @Test
    void skippingTheHeadSendsTheHeldRecordsInOrderAndTheFirstSaysWhatItFollows() throws Exception {
        String id = unique("skip");
        OutboxRecord head = quarantined(id);
        events.fire(new Note(id, "first held"));
        events.fire(new Note(id, "second held"));
        probe.awaitTwoRelayRuns(); // the relay has seen them, and held them behind the head

        HttpResponse<String> skipped = admin("POST", "records/" + head.id() + "/skip");
        assertEquals(200, skipped.statusCode(), skipped.body());
        assertTrue(skipped.body().contains("SKIPPED"), skipped.body());
        List<Received> sent = probe.receiveAll(QUEUE, id, 2, 3000);
        assertEquals(
                List.of(head.sequence() + 1, head.sequence() + 2),
                sent.stream().map(m -> m.property(MessageProperties.SEQUENCE)).toList(),
                "the held records, in order");
        assertEquals(head.sequence() - 1, sent.get(0).property(MessageProperties.FOLLOWS));
        assertNull(sent.get(1).property(MessageProperties.FOLLOWS), "only the first after it");
        assertEquals(RecordStatus.SKIPPED, outbox.find(head.id()).orElseThrow().status());
        assertTrue(
                probe.audit(head.id()).stream().anyMatch(r -> "skip".equals(r[2])),
                "the skip is audited");

        HttpResponse<String> again = admin("POST", "records/" + head.id() + "/skip");
        assertEquals(409, again.statusCode(), again.body());
        assertTrue(again.body().contains("the record is SKIPPED"), again.body());
        OutboxRecord alone = quarantined(unique("skip-alone"));
        HttpResponse<String> nothingHeld = admin("POST", "records/" + alone.id() + "/skip");
        assertEquals(409, nothingHeld.statusCode(), nothingHeld.body());
        assertTrue(nothingHeld.body().contains("no unsent record follows it"), nothingHeld.body());
        assertEquals(RecordStatus.QUARANTINED, outbox.find(alone.id()).orElseThrow().status());
    }

    @Test
    void deletesARecordThatIsNotPending() throws Exception {
        OutboxRecord bad = quarantined(unique("delete"));
        HttpResponse<String> deleted = admin("DELETE", "records/" + bad.id());
        assertEquals(200, deleted.statusCode(), deleted.body());
        assertEquals(404, admin("GET", "records/" + bad.id()).statusCode());
        assertEquals(404, admin("DELETE", "records/" + bad.id()).statusCode());
    }

    @Test
    void pausesAndResumesADestination() throws Exception {
        try (LogLines log = LogLines.capture("dev.outbox")) {
            pausesAndResumes();
            assertTrue(
                    log.contains("OUTBOX0601I: Admin action pause on it.admin by admin: paused"));
            assertTrue(
                    log.contains("OUTBOX0601I: Admin action resume on it.admin by admin: resumed"));
        }
    }

    @Test
    void pausesAndResumesATopicWhoseNameHasSlashes() throws Exception {
        String topic = "topic://it.topic.admin";
        HttpResponse<String> paused = admin("POST", "destinations/" + topic + "/pause");
        assertEquals(200, paused.statusCode(), paused.body());
        try {
            assertTrue(outbox.paused().contains(topic), outbox.paused().toString());
        } finally {
            HttpResponse<String> resumed = admin("POST", "destinations/" + topic + "/resume");
            assertEquals(200, resumed.statusCode(), resumed.body());
        }
        assertTrue(!outbox.paused().contains(topic), outbox.paused().toString());
    }

    private void pausesAndResumes() throws Exception {
        String id = unique("pause");
        HttpResponse<String> paused = admin("POST", "destinations/it.admin/pause");
        assertEquals(200, paused.statusCode());
        assertTrue(absent(json(paused).asJsonObject(), "warning"), paused.body());
        // a destination no route names and no record has: done, with a warning
        HttpResponse<String> misspelt = admin("POST", "destinations/it.admni/pause");
        assertEquals(200, misspelt.statusCode());
        assertTrue(
                json(misspelt).asJsonObject().getString("warning").contains("is the name right"),
                misspelt.body());
        assertEquals(200, admin("POST", "destinations/it.admni/resume").statusCode());
        try {
            assertTrue(json(admin("GET", "destinations/paused")).toString().contains(QUEUE));
            events.fire(new Note(id, "held"));
            probe.awaitTwoRelayRuns();
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
        long pauses = probe.audit(QUEUE).stream().filter(r -> "pause".equals(r[2])).count();
        assertEquals(200, admin("POST", "destinations/" + QUEUE + "/pause").statusCode());
        assertEquals(200, admin("POST", "destinations/" + QUEUE + "/resume").statusCode());
        assertEquals(
                pauses + 1, probe.audit(QUEUE).stream().filter(r -> "pause".equals(r[2])).count());
    }

    @Test
    void bulkActionsCountFirstThenActOnAThousandRecords() throws Exception {
        // a thousand dead letters of one destination, held there: the destination is paused, so
        // that the relay leaves them alone, and they are marked as the relay marks what it cannot
        // send (making a thousand records fail one by one would only test the relay)
        assertEquals(200, admin("POST", "destinations/it.refused.bulk/pause").statusCode());
        try {
            probe.execute(SetupServlet.CLEAR_BULK); // what another suite or an earlier run left
            String id = unique("bulk");
            List<BulkRefused> many = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                many.add(new BulkRefused(id + "-" + i));
            }
            events.fireAll(many);
            quarantineBulk();
            String filter = "status=QUARANTINED&destination=it.refused.bulk";

            JsonObject dry =
                    json(admin("POST", "records/retry?" + filter + "&dryRun=true")).asJsonObject();
            assertEquals(1000, dry.getJsonNumber("matching").longValue(), dry.toString());
            assertEquals(0, dry.getInt("done"));
            assertTrue(dry.getBoolean("dryRun"));
            assertEquals(1000, bulkCount(RecordStatus.QUARANTINED), "a dry run changes nothing");

            JsonObject retried;
            try (LogLines log = LogLines.capture("dev.outbox")) {
                retried = json(admin("POST", "records/retry?" + filter)).asJsonObject();
                assertTrue(
                        log.contains("OUTBOX0601I: Admin action retry-bulk on status=QUARANTINED"));
            }
            assertEquals(1000, retried.getInt("done"), retried.toString());
            assertTrue(!retried.getBoolean("more"));
            assertEquals(1000, bulkCount(RecordStatus.PENDING), "all pending again");

            quarantineBulk();
            JsonObject deleted = json(admin("POST", "records/delete?" + filter)).asJsonObject();
            assertEquals(1000, deleted.getInt("done"), deleted.toString());
            assertEquals(
                    0,
                    outbox.count(
                            dev.outbox.admin.RecordQuery.all().withDestination("it.refused.bulk")));
            // one audit row per bulk action, with its count
            List<Object[]> rows = probe.audit("status=QUARANTINED destination=it.refused.bulk");
            assertEquals(2, rows.size(), rows.toString());
            assertEquals("retry-bulk", rows.get(0)[2]);
            assertEquals("1000 of 1000 records", rows.get(0)[3]);
            assertEquals("delete-bulk", rows.get(1)[2]);
        } finally {
            assertEquals(200, admin("POST", "destinations/it.refused.bulk/resume").statusCode());
        }
    }

    private void quarantineBulk() throws Exception {
        probe.execute(
                "UPDATE outbox_record SET status = 'QUARANTINED', last_error = 'refused'"
                        + " WHERE destination = 'it.refused.bulk'");
    }

    private long bulkCount(RecordStatus status) {
        return outbox.count(
                dev.outbox.admin.RecordQuery.status(status).withDestination("it.refused.bulk"));
    }

    @Test
    void anActionWhoseAuditRowCannotBeWrittenIsNotDoneAndSaysSo() throws Exception {
        OutboxRecord bad = quarantined(unique("unaudited"));
        probe.execute("DROP TABLE it_audit");
        try {
            try (LogLines log = LogLines.capture("dev.outbox")) {
                HttpResponse<String> r = admin("POST", "records/" + bad.id() + "/retry");
                assertEquals(500, r.statusCode(), r.body());
                assertTrue(r.body().contains("OUTBOX0616W"), r.body());
                assertTrue(
                        log.contains("OUTBOX0616W: Admin action retry on "), "the failed action");
            }
            assertEquals(
                    RecordStatus.QUARANTINED,
                    testKit.records("Refused", bad.aggregateId()).get(0).status(),
                    "no action without its audit row");
        } finally {
            probe.execute(AUDIT_TABLE);
        }
        assertEquals(200, admin("POST", "records/" + bad.id() + "/retry").statusCode());
        assertEquals(1, probe.audit(bad.id()).size());
    }

    /** The audit table as it-orders.sql creates it. */
    static final String AUDIT_TABLE =
            "CREATE TABLE it_audit (acted_at TIMESTAMP NOT NULL, actor VARCHAR(255) NOT NULL,"
                    + " action VARCHAR(32) NOT NULL, target VARCHAR(512) NOT NULL, outcome"
                    + " VARCHAR(512))";

    @Test
    @RunAsClient
    void theAdminApiSaysAtStartupWhoMayDoWhat() throws Exception {
        assertTrue(
                ServerLog.since(0)
                        .contains("OUTBOX0604I: Outbox admin API and console enabled: everything"));
    }
}
