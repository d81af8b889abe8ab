package dev.outbox.cdi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class OutboxSettingsTest {

    private static OutboxSettings.Result read(Map<String, String> map) {
        return OutboxSettings.read(ConfigValues.of(map));
    }

    @Test
    void defaultsApplyWhenNothingIsSet() {
        OutboxSettings.Result result = read(Map.of());
        assertEquals(List.of(), result.problems());
        OutboxSettings s = result.settings();
        assertTrue(s.relayEnabled());
        assertEquals(Duration.ofSeconds(1), s.relayInterval());
        assertEquals(100, s.batchSize());
        assertEquals("jms/outboxConnectionFactory", s.connectionFactory());
        assertFalse(s.connectionFactoryConfigured(), "the relay may fall back to the server's");
        assertEquals(Duration.ofSeconds(30), s.brokerTimeout());
        assertEquals(Optional.empty(), s.datasourceXa(), "detected");
        assertEquals(Optional.empty(), s.defaultDestination());
        assertEquals(Map.of(), s.routes());
        assertFalse(s.schemaCreate());
    }

    @Test
    void readsEveryValue() {
        OutboxSettings s =
                read(Map.of(
                                "outbox.relay.enabled", "FALSE",
                                "outbox.relay.interval", "250ms",
                                "outbox.relay.batch-size", "7",
                                "outbox.relay.connection-factory", "jms/cf",
                                "outbox.destination.default", " events ",
                                "outbox.route.OrderPlaced", "orders",
                                "outbox.route.billing.InvoiceSent", "billing",
                                "outbox.schema.create", "true",
                                "outbox.database", "PostgreSQL"))
                        .orThrow();
        assertFalse(s.relayEnabled());
        assertEquals(Duration.ofMillis(250), s.relayInterval());
        assertEquals(7, s.batchSize());
        assertEquals("jms/cf", s.connectionFactory());
        assertTrue(s.connectionFactoryConfigured());
        assertEquals(Optional.of("events"), s.defaultDestination());
        assertEquals(Map.of("OrderPlaced", "orders", "billing.InvoiceSent", "billing"), s.routes());
        assertTrue(s.schemaCreate());
        assertEquals(Optional.of("postgresql"), s.database());
    }

    @Test
    void everyInvalidValueIsReportedAtOnceNamingPropertyAndValue() {
        OutboxSettings.Result result =
                read(
                        Map.of(
                                "outbox.relay.enabled", "yes",
                                "outbox.relay.interval", "-5s",
                                "outbox.relay.batch-size", "0",
                                "outbox.relay.connection-factory", "   ",
                                "outbox.route.OrderPlaced", "",
                                "outbox.database", "sybase"));
        List<String> problems = result.problems();
        assertEquals(6, problems.size(), problems.toString());
        assertContains(problems, "OUTBOX0001E: Invalid value 'yes' for outbox.relay.enabled");
        assertContains(problems, "Invalid value '-5s' for outbox.relay.interval");
        assertContains(
                problems,
                "Invalid value '0' for outbox.relay.batch-size: expected a whole number from 1 to 10000");
        assertContains(problems, "Invalid value '   ' for outbox.relay.connection-factory");
        assertContains(problems, "Invalid value '' for outbox.route.OrderPlaced: expected a name");
        assertContains(problems, "Invalid value 'sybase' for outbox.database");
        // invalid values fall back to defaults so the rest of the deployment can still be checked
        assertEquals(100, result.settings().batchSize());
    }

    @Test
    void theClaimTimeoutIsTwiceTheBrokerTimeoutUnlessSetAndMustExceedIt() {
        assertEquals(Duration.ofSeconds(60), read(Map.of()).settings().claimTimeout());
        assertEquals(
                Duration.ofSeconds(20),
                read(Map.of("outbox.relay.broker-timeout", "10s")).settings().claimTimeout());
        assertEquals(
                Duration.ofSeconds(45),
                read(Map.of("outbox.relay.claim-timeout", "45s")).settings().claimTimeout());
        List<String> problems =
                read(Map.of(
                                "outbox.relay.claim-timeout",
                                "20s",
                                "outbox.relay.broker-timeout",
                                "20s"))
                        .problems();
        assertEquals(1, problems.size(), problems.toString());
        assertContains(
                problems,
                "Invalid value '20s' for outbox.relay.claim-timeout: it must be longer than"
                        + " outbox.relay.broker-timeout=20s");
    }

    @Test
    void durationsAcceptUnitsAndIso8601ButNotBareNumbers() {
        assertEquals(Duration.ofMillis(1500), interval("1.5s"));
        assertEquals(Duration.ofMinutes(2), interval("2m"));
        assertEquals(Duration.ofMillis(500), interval("PT0.5S"));
        assertEquals(1, read(Map.of("outbox.relay.interval", "500")).problems().size());
        assertEquals(1, read(Map.of("outbox.relay.interval", "0ms")).problems().size());
        assertEquals(1, read(Map.of("outbox.relay.interval", "2h")).problems().size());
    }

    @Test
    void payloadSizesAcceptBytesKilobytesAndMegabytes() {
        assertEquals(1024 * 1024, read(Map.of()).settings().payloadMaxSize());
        assertEquals(65536, maxSize("65536"));
        assertEquals(65536, maxSize("64KB"));
        assertEquals(2 * 1024 * 1024, maxSize("2 mb"));
        for (String bad :
                new String[] {
                    "0", "-1", "1GB", "65MB", "lots", "99999999999999", "900000000000000000MB"
                }) {
            List<String> problems = read(Map.of("outbox.payload.max-size", bad)).problems();
            assertEquals(1, problems.size(), bad);
            assertContains(problems, "for outbox.payload.max-size: expected a size from 1 to");
        }
    }

    private static int maxSize(String text) {
        OutboxSettings.Result result = read(Map.of("outbox.payload.max-size", text));
        assertEquals(List.of(), result.problems());
        return result.settings().payloadMaxSize();
    }

    @Test
    void unknownPropertiesAreWarnedAboutNotFatal() {
        OutboxSettings.Result result = read(Map.of("outbox.relay.batchsize", "5"));
        assertEquals(List.of(), result.problems());
        assertEquals(1, result.warnings().size());
        assertTrue(
                result.warnings()
                        .get(0)
                        .startsWith("OUTBOX0002W: Unknown property outbox.relay.batchsize=5"));
    }

    @Test
    void aRouteNeedsAnEventTypeAndAQueueWithoutWhitespace() {
        List<String> problems =
                read(Map.of("outbox.route.", "q", "outbox.route.A", "two words")).problems();
        assertEquals(2, problems.size(), problems.toString());
        assertContains(problems, "outbox.route.: the property name must end with an event type");
        assertContains(
                problems, "'two words' for outbox.route.A: a name must not contain whitespace");
    }

    @Test
    void aRouteNamesAQueueOrATopicAndNoOtherScheme() {
        assertEquals(
                "topic://orders",
                read(Map.of("outbox.route.A", "topic://orders")).orThrow().routes().get("A"));
        List<String> problems =
                read(Map.of(
                                "outbox.route.A", "topic://",
                                "outbox.route.B", "queue://q",
                                "outbox.destination.default", "jms://x"))
                        .problems();
        assertEquals(3, problems.size(), problems.toString());
        assertContains(problems, "'topic://' for outbox.route.A: expected a topic name");
        assertContains(
                problems, "'queue://q' for outbox.route.B: expected a queue name, or topic://");
        assertContains(problems, "'jms://x' for outbox.destination.default");
    }

    private static Duration interval(String text) {
        return read(Map.of("outbox.relay.interval", text)).orThrow().relayInterval();
    }

    @Test
    void operationsSettingsHaveSafeDefaultsAndAreValidated() {
        OutboxSettings d = read(Map.of()).orThrow();
        assertEquals(Duration.ofMinutes(5), d.healthMaxPendingAge());
        assertFalse(d.adminEnabled());
        assertEquals("outbox-admin", d.adminRole());
        assertEquals(Optional.empty(), d.adminAuditTable());

        OutboxSettings s =
                read(Map.of(
                                "outbox.health.max-pending-age", "30s",
                                "outbox.admin.enabled", "true",
                                "outbox.admin.role", "ops",
                                "outbox.admin.audit-table", "app.outbox_audit"))
                        .orThrow();
        assertEquals(Duration.ofSeconds(30), s.healthMaxPendingAge());
        assertTrue(s.adminEnabled());
        assertEquals("ops", s.adminRole());
        assertEquals(Optional.of("app.outbox_audit"), s.adminAuditTable());

        List<String> problems =
                read(Map.of(
                                "outbox.health.max-pending-age", "0s",
                                "outbox.admin.enabled", "yes",
                                "outbox.admin.role", "two words",
                                "outbox.admin.audit-table", "audit; drop table x"))
                        .problems();
        assertEquals(4, problems.size(), problems.toString());
        assertContains(problems, "for outbox.health.max-pending-age");
        assertContains(problems, "for outbox.admin.enabled");
        assertContains(problems, "for outbox.admin.role");
        assertContains(problems, "for outbox.admin.audit-table");
    }

    @Test
    void tableSchemaIsOneIdentifierSoNoValueCanReachTheSqlAsCode() {
        assertEquals(Optional.empty(), read(Map.of()).orThrow().tableSchema());
        assertEquals(
                Optional.of("messaging"),
                read(Map.of("outbox.table.schema", " messaging ")).orThrow().tableSchema());
        for (String bad :
                List.of("app.outbox", "x; drop table outbox_record", "\"quoted\"", "1st", "a-b")) {
            List<String> problems = read(Map.of("outbox.table.schema", bad)).problems();
            assertEquals(1, problems.size(), problems.toString());
            assertContains(problems, "Invalid value '" + bad + "' for outbox.table.schema");
        }
    }

    @Test
    void skippingFailedHeadsCannotGoWithTheInboxOrderCheck() {
        for (String ordering : List.of("check", "strict")) {
            List<String> problems =
                    read(Map.of(
                                    "outbox.ordering.failed-head",
                                    "skip",
                                    "outbox.inbox.ordering",
                                    ordering))
                            .problems();
            assertEquals(1, problems.size(), problems.toString());
            assertContains(
                    problems,
                    "Invalid value 'skip' for outbox.ordering.failed-head: it cannot go with the"
                            + " inbox's order check ("
                            + ordering
                            + ")");
        }
        assertEquals(
                List.of(),
                read(Map.of("outbox.ordering.failed-head", "skip", "outbox.inbox.ordering", "none"))
                        .problems());
    }

    @Test
    void inboxTrustBoundsAreRead() {
        OutboxSettings s = read(Map.of()).settings();
        assertEquals(1_000_000, s.inboxMaxSequenceJump());
        assertTrue(s.inboxRejectMissingId());
        s =
                read(Map.of(
                                "outbox.inbox.max-sequence-jump", "5",
                                "outbox.inbox.missing-id", "process-undeduplicated"))
                        .orThrow();
        assertEquals(5, s.inboxMaxSequenceJump());
        assertFalse(s.inboxRejectMissingId());
        List<String> problems =
                read(Map.of(
                                "outbox.inbox.max-sequence-jump", "0",
                                "outbox.inbox.missing-id", "ignore"))
                        .problems();
        assertEquals(2, problems.size(), problems.toString());
        assertContains(problems, "Invalid value '0' for outbox.inbox.max-sequence-jump");
        assertContains(problems, "Invalid value 'ignore' for outbox.inbox.missing-id");
    }

    private static void assertContains(List<String> all, String part) {
        assertTrue(all.stream().anyMatch(p -> p.contains(part)), () -> part + " not in " + all);
    }

    @Test
    void theXaOverrideAndTheBrokerTimeoutAreReadAndChecked() {
        OutboxSettings s =
                read(Map.of("outbox.datasource.xa", "TRUE", "outbox.relay.broker-timeout", "5s"))
                        .orThrow();
        assertEquals(Optional.of(true), s.datasourceXa());
        assertEquals(Duration.ofSeconds(5), s.brokerTimeout());
        assertEquals(
                Optional.of(false),
                read(Map.of("outbox.datasource.xa", "false")).orThrow().datasourceXa());

        List<String> problems =
                read(Map.of("outbox.datasource.xa", "yes", "outbox.relay.broker-timeout", "500ms"))
                        .problems();
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(
                problems.stream().anyMatch(p -> p.contains("'yes' for outbox.datasource.xa")),
                problems.toString());
        assertTrue(
                problems.stream()
                        .anyMatch(p -> p.contains("'500ms' for outbox.relay.broker-timeout")),
                problems.toString());
    }

    @Test
    void adminRolesHaveDefaultsAndRefuseWildcardsAndEmptyValuesNamingTheProperty() {
        OutboxSettings d = read(Map.of()).orThrow();
        assertEquals("outbox-viewer", d.adminViewerRole());
        assertEquals("outbox-operator", d.adminOperatorRole());
        assertEquals("outbox-payload", d.adminPayloadRole());
        List<String> problems =
                read(Map.of(
                                "outbox.admin.role", "*",
                                "outbox.admin.viewer-role", "**",
                                "outbox.admin.operator-role", " ",
                                "outbox.admin.payload-role", "auditors"))
                        .problems();
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("'*' for outbox.admin.role"), problems.toString());
        assertTrue(problems.get(0).contains("wildcard"), problems.toString());
        assertTrue(problems.get(1).contains("'**' for outbox.admin.viewer-role"));
        assertTrue(problems.get(2).contains("for outbox.admin.operator-role"));
    }
}
