package dev.outbox.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.persistence.EntityManager;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.outbox.MessageProperties;
import dev.outbox.admin.BlockedKey;
import dev.outbox.admin.DestinationBacklog;
import dev.outbox.admin.OutboxRecord;
import dev.outbox.admin.RecordQuery;
import dev.outbox.admin.RecordStatus;
import dev.outbox.cdi.internal.ConfigValues;
import dev.outbox.cdi.internal.NewRecord;
import dev.outbox.cdi.internal.OutboxSettings;

/**
 * The store's parts run their dialect's statements on H2 and Derby (auto-commit, one connection):
 * capture numbers a key's records, the claim takes only heads, and the relay's and the operator's
 * updates change what they should.
 */
class StorePartsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    @ParameterizedTest
    @ValueSource(strings = {"h2", "derby"})
    void captureRelayAndOperatorPathsWork(String database) throws Exception {
        try (Db db = Db.open(database, "parts")) {
            StoreAccess access = db.access();
            RecordCapture capture = new RecordCapture(access);
            RecordRelay relay = new RecordRelay(access);
            DestinationPauses pauses = new DestinationPauses(access);
            RecordQueries queries = new RecordQueries(access, pauses);

            capture.append(record("a1", "1", "q1", Map.of("h", "v\"1")));
            capture.append(record("a2", "1", "q1", Map.of()));
            capture.append(record("b1", "2", "q2", Map.of()));
            assertEquals(2, queries.find("a2").orElseThrow().sequence());

            Instant now = T0.plusSeconds(1);
            List<OutboxRecord> claimed = relay.claim(10, now, true);
            assertEquals(Set.of("a1", "b1"), ids(claimed));
            OutboxRecord a1 = claimed.stream().filter(r -> r.id().equals("a1")).findFirst().get();
            assertEquals(Map.of("h", "v\"1"), a1.headers());

            assertTrue(relay.markAttemptFailed("b1", 0, RecordStatus.FAILED, null, "boom"));
            assertFalse(relay.markAttemptFailed("b1", 0, RecordStatus.FAILED, null, "again"));
            relay.markDispatched(List.of("a1"), now, true);
            assertEquals(Set.of("a2"), ids(relay.claim(10, now, true)));

            pauses.pause("q1", now, "op");
            pauses.pause("q1", now, "op");
            assertEquals(Set.of("q1"), pauses.paused());
            assertEquals(Set.of(), ids(relay.claim(10, now, true)));
            List<DestinationBacklog> backlog = queries.backlog();
            assertEquals(
                    List.of(
                            new DestinationBacklog("q1", 1, 0, 0, T0, true),
                            new DestinationBacklog("q2", 0, 1, 0, null, false)),
                    backlog);
            assertTrue(pauses.resume("q1"));

            assertEquals(1, queries.count(RecordQuery.status(RecordStatus.FAILED)));
            assertEquals(
                    List.of("b1"),
                    queries
                            .find(RecordQuery.all().withErrorContaining("oo").withoutContent())
                            .stream()
                            .map(OutboxRecord::id)
                            .toList());
            assertTrue(queries.retry("b1", now));
            assertFalse(queries.retry("b1", now));
            assertEquals(1, queries.replay(List.of("a1", "a2"), now));
            assertEquals(0, queries.delete(List.of("a1", "b1")));

            relay.markDispatched(List.of("a1", "a2", "b1"), now, true);
            assertEquals(3, relay.purgeDispatched(now.plusSeconds(1), 10));
            assertEquals(0, queries.count(RecordQuery.all()));

            capture.append(record("c1", "3", "q3", Map.of()));
            try (java.sql.Statement s = db.connection().createStatement()) {
                s.executeUpdate("UPDATE outbox_record SET status = 'LATER' WHERE id = 'c1'");
            }
            assertEquals(Optional.empty(), queries.find("c1"));
            assertEquals(Map.of("c1", "LATER"), relay.quarantineUnknownStatus(10));
            assertEquals(RecordStatus.QUARANTINED, queries.find("c1").orElseThrow().status());
            relay.markDispatched(List.of("c1"), now, false);
            assertEquals(0, queries.count(RecordQuery.all()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "derby"})
    void aDelayedRecordIsClaimedFromItsTimeAndHoldsItsKey(String database) throws Exception {
        try (Db db = Db.open(database, "delayed")) {
            StoreAccess access = db.access();
            RecordCapture capture = new RecordCapture(access);
            RecordRelay relay = new RecordRelay(access);
            RecordQueries queries = new RecordQueries(access, new DestinationPauses(access));
            Instant at = T0.plusSeconds(3600);
            capture.append(
                    new NewRecord(
                            "d1",
                            "Order",
                            "1",
                            "Due",
                            1,
                            "q1",
                            "{}",
                            "application/json",
                            Map.of(),
                            T0,
                            at));
            capture.append(record("d2", "1", "q1", Map.of()));

            assertEquals(at, queries.find("d1").orElseThrow().deliverAt());
            assertEquals(at, queries.find("d1").orElseThrow().nextAttemptAt());
            assertEquals(null, queries.find("d2").orElseThrow().deliverAt());
            assertEquals(Set.of(), ids(relay.claim(10, at.minusMillis(1), true)), "not yet");
            assertEquals(
                    List.of(new DestinationBacklog("q1", 2, 0, 0, T0, false)),
                    queries.backlog(),
                    "d2 is due since it was written: the oldest due");
            assertEquals(Set.of("d1"), ids(relay.claim(10, at, true)), "d2 waits behind it");
            relay.markDispatched(List.of("d1"), at, true);
            assertEquals(Set.of("d2"), ids(relay.claim(10, at, true)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "derby"})
    void theKeysADeadLetterBlocksAreListedWithWhatTheyHold(String database) throws Exception {
        try (Db db = Db.open(database, "blocked")) {
            StoreAccess access = db.access();
            RecordCapture capture = new RecordCapture(access);
            RecordRelay relay = new RecordRelay(access);
            RecordQueries queries = new RecordQueries(access, new DestinationPauses(access));
            capture.append(record("a1", "1", "q1", Map.of()));
            capture.append(record("a2", "1", "q2", Map.of()));
            capture.append(record("a3", "1", "q2", Map.of()));
            capture.append(record("b1", "2", "q2", Map.of()));
            capture.append(record("c1", "3", "q1", Map.of()));
            capture.append(record("c2", "3", "q1", Map.of()));
            assertTrue(relay.markAttemptFailed("a1", 0, RecordStatus.QUARANTINED, null, "bad"));
            assertTrue(relay.markAttemptFailed("b1", 0, RecordStatus.FAILED, null, "spent"));
            relay.markDispatched(List.of("c1"), T0, true);
            assertTrue(relay.markAttemptFailed("c2", 0, RecordStatus.FAILED, null, "late"));

            List<BlockedKey> all = queries.blockedKeys(null, 10);
            assertEquals(
                    List.of("1:a1:QUARANTINED:2", "2:b1:FAILED:0", "3:c2:FAILED:0"),
                    all.stream()
                            .map(
                                    k ->
                                            k.aggregateId()
                                                    + ":"
                                                    + k.head().id()
                                                    + ":"
                                                    + k.head().status()
                                                    + ":"
                                                    + k.held())
                            .toList(),
                    "a dead letter behind another is not a head; one behind a sent record is");
            assertEquals(T0, all.get(0).oldestHeld());
            assertEquals(null, all.get(1).oldestHeld());
            assertEquals("bad", all.get(0).head().lastError());
            assertEquals(
                    List.of("a1", "c2"),
                    queries.blockedKeys("q1", 10).stream().map(k -> k.head().id()).toList(),
                    "by the head's destination");
            assertEquals(1, queries.blockedKeys(null, 1).size());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "derby"})
    void aSkippedHeadLetsItsKeyFlowAndTheNextRecordSaysWhatItFollows(String database)
            throws Exception {
        try (Db db = Db.open(database, "skip")) {
            StoreAccess access = db.access();
            RecordCapture capture = new RecordCapture(access);
            RecordRelay relay = new RecordRelay(access);
            RecordQueries queries = new RecordQueries(access, new DestinationPauses(access));
            for (String id : List.of("a1", "a2", "a3")) {
                capture.append(record(id, "1", "q1", Map.of("h", id)));
            }
            capture.append(record("b1", "2", "q1", Map.of()));
            Instant now = T0.plusSeconds(1);
            assertTrue(relay.markAttemptFailed("a1", 0, RecordStatus.QUARANTINED, null, "bad"));
            assertTrue(relay.markAttemptFailed("a2", 0, RecordStatus.FAILED, null, "spent"));
            assertTrue(relay.markAttemptFailed("b1", 0, RecordStatus.FAILED, null, "alone"));

            assertFalse(queries.skip("a2"), "an earlier record of its key is unsent");
            assertFalse(queries.skip("a3"), "pending: not a dead letter");
            assertFalse(queries.skip("b1"), "nothing waits behind it");
            assertFalse(queries.skip("none"));
            assertTrue(queries.skip("a1"));
            assertEquals(RecordStatus.SKIPPED, queries.find("a1").orElseThrow().status());
            assertEquals(
                    Map.of("h", "a2", MessageProperties.FOLLOWS, "0"),
                    queries.find("a2").orElseThrow().headers(),
                    "the next record follows what the skipped one followed");
            assertFalse(queries.skip("a1"), "skipped once");

            // a2, a dead letter itself, now heads the key; skipped, a3 follows what a1 followed
            assertEquals(List.of("a2", "b1"), heads(queries));
            assertTrue(queries.skip("a2"));
            assertEquals(
                    Map.of("h", "a3", MessageProperties.FOLLOWS, "0"),
                    queries.find("a3").orElseThrow().headers());
            assertEquals(
                    Set.of("a3"), ids(relay.claim(10, now, true)), "a skipped one holds nothing");
            assertEquals(List.of("b1"), heads(queries));
            assertEquals(
                    List.of(new DestinationBacklog("q1", 1, 1, 0, T0, false)),
                    queries.backlog(),
                    "skipped records are not waiting");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "derby"})
    void aKeysHistoryIsReplayedInOrderFromItsRange(String database) throws Exception {
        try (Db db = Db.open(database, "history")) {
            StoreAccess access = db.access();
            RecordCapture capture = new RecordCapture(access);
            RecordRelay relay = new RecordRelay(access);
            RecordQueries queries = new RecordQueries(access, new DestinationPauses(access));
            for (String id : List.of("h1", "h2", "h3", "h4")) {
                capture.append(record(id, "7", "q1", Map.of()));
            }
            capture.append(record("o1", "8", "q1", Map.of()));
            Instant now = T0.plusSeconds(1);
            relay.markDispatched(List.of("h1", "h2", "h3", "o1"), now, true);

            assertEquals(0, queries.replay("Order", "7", 5, 9, 10, now), "nothing there");
            assertEquals(2, queries.replay("Order", "7", 2, 9, 10, now), "h4 was never sent");
            assertEquals(Set.of("h2"), ids(relay.claim(10, now, true)), "in order, one by one");
            relay.markDispatched(List.of("h2"), now, true);
            assertEquals(Set.of("h3"), ids(relay.claim(10, now, true)));
            relay.markDispatched(List.of("h3"), now, true);
            assertEquals(Set.of("h4"), ids(relay.claim(10, now, true)));
            assertEquals(1, queries.replay("Order", "7", 1, 3, 1, now), "up to the limit");
            assertEquals(RecordStatus.PENDING, queries.find("h1").orElseThrow().status());
        }
    }

    private static List<String> heads(RecordQueries queries) {
        return queries.blockedKeys(null, 10).stream().map(k -> k.head().id()).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "derby"})
    void theRelayLiftsOnlyItsOwnExpiredPauses(String database) throws Exception {
        try (Db db = Db.open(database, "relaypauses")) {
            DestinationPauses pauses = new DestinationPauses(db.access());
            String relay = "outbox-relay: broker refused (security)";
            pauses.pause("expired", T0, relay);
            pauses.pause("fresh", T0.plusSeconds(30), relay);
            pauses.pause("operator", T0, "op");
            pauses.pause("anonymous", T0, null);

            assertEquals(0, pauses.resumePausedBy(relay, T0), "taken at the time: not older");
            assertEquals(1, pauses.resumePausedBy(relay, T0.plusSeconds(30)));
            assertEquals(Set.of("fresh", "operator", "anonymous"), pauses.paused());
            assertEquals(0, pauses.resumePausedBy(relay, T0.plusSeconds(30)), "lifted once");
            assertEquals(1, pauses.resumePausedBy(relay, T0.plusSeconds(31)));
            assertEquals(Set.of("operator", "anonymous"), pauses.paused());
        }
    }

    /**
     * A server's statement cache keeps a prepared statement across the relay's runs, and H2 reads
     * every result of one by the column positions of its first: a record read by a statement that
     * says {@code *} would then take one column's value for another once the table's columns moved.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "derby"})
    void aStatementPreparedBeforeTheColumnsMovedReadsEachColumnAsItsOwn(String database)
            throws Exception {
        try (Db db = Db.open(database, "moved")) {
            Connection c = db.connection();
            Dialect d = db.access().dialect(c);
            new RecordCapture(db.access()).append(record("m1", "1", "q1", Map.of()));
            try (PreparedStatement read = c.prepareStatement(d.sql(Statement.READ_RECORD))) {
                read.setString(1, "m1");
                assertEquals(null, readOne(d, read).lastError());

                try (java.sql.Statement s = c.createStatement()) {
                    s.execute("ALTER TABLE outbox_record DROP COLUMN last_error");
                    s.execute("ALTER TABLE outbox_record ADD COLUMN last_error VARCHAR(2000)");
                    s.execute("UPDATE outbox_record SET last_error = 'refused'");
                }
                OutboxRecord again = readOne(d, read);
                assertEquals("refused", again.lastError());
                assertEquals(null, again.deliverAt());
            }
        }
    }

    private static OutboxRecord readOne(Dialect d, PreparedStatement read) throws Exception {
        try (ResultSet rs = read.executeQuery()) {
            assertTrue(rs.next());
            return RecordRows.read(d, rs, RecordStatus.PENDING);
        }
    }

    /** An in-memory database of its own (H2 or Derby), with the outbox's tables. */
    private record Db(Connection connection, StoreAccess access) implements AutoCloseable {

        static Db open(String database, String name) throws Exception {
            String url =
                    database.equals("h2")
                            ? "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1"
                            : "jdbc:derby:memory:" + name + ";create=true";
            Connection c = DriverManager.getConnection(url);
            StoreAccess access = StorePartsTest.access(c);
            SchemaManager.create(c, access.dialect(c), access.tables(), url);
            return new Db(c, access);
        }

        @Override
        public void close() throws Exception {
            connection.close();
        }
    }

    private static Set<String> ids(List<OutboxRecord> records) {
        return Set.copyOf(records.stream().map(OutboxRecord::id).toList());
    }

    private static NewRecord record(String id, String key, String dest, Map<String, String> h) {
        return new NewRecord(
                id, "Order", key, "Placed", 1, dest, "{}", "application/json", h, T0, null);
    }

    private static StoreAccess access(Connection c) {
        EntityManager em =
                (EntityManager)
                        Proxy.newProxyInstance(
                                StorePartsTest.class.getClassLoader(),
                                new Class<?>[] {EntityManager.class},
                                (p, m, a) -> {
                                    if (m.getName().equals("unwrap") && a[0] == Connection.class) {
                                        return c;
                                    }
                                    if (m.getName().equals("unwrap")) {
                                        throw new IllegalArgumentException("no " + a[0]);
                                    }
                                    return null;
                                });
        OutboxEntityManager oem =
                new OutboxEntityManager() {
                    @Override
                    public EntityManager get() {
                        return em;
                    }
                };
        OutboxSettings settings = OutboxSettings.read(ConfigValues.of(Map.of())).orThrow();
        return new StoreAccess(oem, settings);
    }
}
