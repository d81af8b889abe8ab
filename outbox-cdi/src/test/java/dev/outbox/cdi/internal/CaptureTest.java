package dev.outbox.cdi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.outbox.EventType;
import dev.outbox.InvalidEventException;
import dev.outbox.OutboxEvent;
import dev.outbox.Route;

class CaptureTest {

    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    @EventType(value = "OrderPlaced", version = 2)
    @Route("orders.annotated")
    public record OrderPlaced(String orderId, BigDecimal total) implements OutboxEvent {
        public String aggregateType() {
            return "Order";
        }

        public String aggregateId() {
            return orderId;
        }

        public Map<String, String> headers() {
            return Map.of("tenant", "acme");
        }
    }

    @Route(topic = "orders.topic")
    public record Broadcast(String id) implements OutboxEvent {
        public String aggregateType() {
            return "Thing";
        }

        public String aggregateId() {
            return id;
        }
    }

    @Route(value = "q", topic = "t")
    public record RoutedTwice(String id) implements OutboxEvent {
        public String aggregateType() {
            return "Thing";
        }

        public String aggregateId() {
            return id;
        }
    }

    @Route
    public record RoutedNowhere(String id) implements OutboxEvent {
        public String aggregateType() {
            return "Thing";
        }

        public String aggregateId() {
            return id;
        }
    }

    public record Unrouted(String id) implements OutboxEvent {
        public String aggregateType() {
            return "Thing";
        }

        public String aggregateId() {
            return id;
        }
    }

    public record WithHeader(String header) implements OutboxEvent {
        public String aggregateType() {
            return "Thing";
        }

        public String aggregateId() {
            return "1";
        }

        public Map<String, String> headers() {
            return Map.of(header, "v");
        }
    }

    public record Reminder(String id, Instant at) implements OutboxEvent {
        public String aggregateType() {
            return "Thing";
        }

        public String aggregateId() {
            return id;
        }

        public Optional<Instant> deliverAt() {
            return Optional.ofNullable(at);
        }
    }

    /** JSON-B cannot serialize this: the getter throws. */
    public static final class Unserializable implements OutboxEvent {
        public String aggregateType() {
            return "Thing";
        }

        public String aggregateId() {
            return "1";
        }

        public String getBroken() {
            throw new IllegalStateException("boom");
        }
    }

    private static final Map<String, String> DEST = Map.of("outbox.destination.default", "q");

    private static Capture capture(Map<String, String> config) {
        return new Capture(
                OutboxSettings.read(ConfigValues.of(config)).orThrow(),
                new JsonbPayloadSerializer(),
                CLOCK);
    }

    @Test
    void buildsARecordWithTypeVersionKeyPayloadHeadersAndTime() {
        NewRecord r = capture(Map.of()).toRecord(new OrderPlaced("o-1", new BigDecimal("12.50")));
        assertEquals("OrderPlaced", r.eventType());
        assertEquals(2, r.eventVersion());
        assertEquals("Order", r.aggregateType());
        assertEquals("o-1", r.aggregateId());
        assertEquals("orders.annotated", r.destination());
        assertEquals("{\"orderId\":\"o-1\",\"total\":12.50}", r.payload());
        assertEquals("application/json", r.contentType());
        assertEquals(Map.of("tenant", "acme"), r.headers());
        assertEquals(CLOCK.instant(), r.writtenAt());
        assertEquals(7, UUID.fromString(r.id()).version());
    }

    @Test
    void aDeliveryTimeInTheFutureMakesTheRecordDueThen() {
        Instant at = CLOCK.instant().plus(Duration.ofHours(24));
        NewRecord r = capture(DEST).toRecord(new Reminder("r-1", at));
        assertEquals(at, r.deliverAt());
        assertEquals(at, r.dueAt());
        assertEquals(CLOCK.instant(), r.writtenAt());
        assertEquals("{\"at\":\"2026-01-03T03:04:05Z\",\"id\":\"r-1\"}", r.payload());
    }

    @Test
    void aDeliveryTimeNotInTheFutureMeansAtOnce() {
        for (Instant at : new Instant[] {null, CLOCK.instant(), CLOCK.instant().minusSeconds(60)}) {
            NewRecord r = capture(DEST).toRecord(new Reminder("r-1", at));
            assertNull(r.deliverAt(), String.valueOf(at));
            assertEquals(CLOCK.instant(), r.dueAt());
        }
    }

    @Test
    void aDeliveryTimeBeyondTheMaximumIsRefusedNamingTheEventAndTheProperty() {
        Capture capture =
                capture(
                        Map.of(
                                "outbox.destination.default",
                                "q",
                                "outbox.delivery.max-delay",
                                "7d"));
        assertEquals(
                CLOCK.instant().plus(Duration.ofDays(7)),
                capture.toRecord(new Reminder("r-1", CLOCK.instant().plus(Duration.ofDays(7))))
                        .deliverAt(),
                "the maximum itself is allowed");
        InvalidEventException e =
                assertThrows(
                        InvalidEventException.class,
                        () ->
                                capture.toRecord(
                                        new Reminder(
                                                "r-1",
                                                CLOCK.instant()
                                                        .plus(Duration.ofDays(8).plusHours(5)))));
        assertTrue(e.getMessage().startsWith("OUTBOX0107E: Event Reminder"), e.getMessage());
        assertTrue(e.getMessage().contains("about 8d from now"), e.getMessage());
        assertTrue(e.getMessage().contains("outbox.delivery.max-delay=7d"), e.getMessage());
    }

    @Test
    void aDeliveryTimeOfNullIsAnInvalidEvent() {
        OutboxEvent broken =
                new OutboxEvent() {
                    public String aggregateType() {
                        return "Thing";
                    }

                    public String aggregateId() {
                        return "1";
                    }

                    public String eventType() {
                        return "Broken";
                    }

                    public Optional<Instant> deliverAt() {
                        return null;
                    }
                };
        InvalidEventException e =
                assertThrows(InvalidEventException.class, () -> capture(DEST).toRecord(broken));
        assertTrue(e.getMessage().contains("deliverAt() returned null"), e.getMessage());
    }

    @Test
    void configuredRouteWinsOverAnnotationWhichWinsOverDefault() {
        OrderPlaced event = new OrderPlaced("o-1", BigDecimal.ONE);
        Map<String, String> both =
                Map.of(
                        "outbox.route.OrderPlaced",
                        "orders.config",
                        "outbox.destination.default",
                        "dflt");
        assertEquals("orders.config", capture(both).toRecord(event).destination());
        assertEquals(
                "orders.annotated",
                capture(Map.of("outbox.destination.default", "dflt"))
                        .toRecord(event)
                        .destination());
        assertEquals(
                "dflt",
                capture(Map.of("outbox.destination.default", "dflt"))
                        .toRecord(new Unrouted("x"))
                        .destination());
    }

    @Test
    void aTopicIsRoutedAsTopicSlashSlashItsName() {
        assertEquals(
                "topic://orders.topic",
                capture(Map.of()).toRecord(new Broadcast("x")).destination());
        assertEquals(
                "topic://configured",
                capture(Map.of("outbox.route.Broadcast", "topic://configured"))
                        .toRecord(new Broadcast("x"))
                        .destination());
        InvalidEventException twice =
                assertThrows(
                        InvalidEventException.class,
                        () -> capture(DEST).toRecord(new RoutedTwice("x")));
        assertTrue(twice.getMessage().contains("names a queue and a topic"), twice.getMessage());
        InvalidEventException nowhere =
                assertThrows(
                        InvalidEventException.class,
                        () -> capture(DEST).toRecord(new RoutedNowhere("x")));
        assertTrue(nowhere.getMessage().contains("names neither"), nowhere.getMessage());
    }

    @Test
    void theDefaultTypeIsTheSimpleClassNameAndVersionOne() {
        NewRecord r =
                capture(Map.of("outbox.destination.default", "d")).toRecord(new Unrouted("x"));
        assertEquals("Unrouted", r.eventType());
        assertEquals(1, r.eventVersion());
    }

    @Test
    void noRouteIsAClearErrorNamingTheType() {
        InvalidEventException e =
                assertThrows(
                        InvalidEventException.class,
                        () -> capture(Map.of()).toRecord(new Unrouted("x")));
        assertTrue(e.getMessage().startsWith("OUTBOX0103E: Event Unrouted ("), e.getMessage());
        assertTrue(e.getMessage().contains("outbox.route.Unrouted"), e.getMessage());
    }

    @Test
    void blankKeyIsRejectedNamingTheType() {
        InvalidEventException e =
                assertThrows(
                        InvalidEventException.class,
                        () -> capture(Map.of()).toRecord(new OrderPlaced(" ", BigDecimal.ONE)));
        assertTrue(e.getMessage().startsWith("OUTBOX0102E: Event OrderPlaced ("), e.getMessage());
        assertTrue(e.getMessage().contains("the aggregate id is blank"), e.getMessage());
        assertThrows(
                InvalidEventException.class,
                () -> capture(Map.of()).toRecord(new OrderPlaced(null, BigDecimal.ONE)));
    }

    @Test
    void aPayloadAboveTheMaximumSizeIsRefusedNamingTheTypeAndSizes() {
        Capture small = capture(Map.of("outbox.payload.max-size", "64"));
        // {"orderId":"o-1","total":1} is 27 bytes, its header tenant=acme 10; each "é" takes two
        small.toRecord(new OrderPlaced("o-1", BigDecimal.ONE));
        String id = "é".repeat(30);
        InvalidEventException e =
                assertThrows(
                        InvalidEventException.class,
                        () -> small.toRecord(new OrderPlaced(id, BigDecimal.ONE)));
        assertTrue(e.getMessage().startsWith("OUTBOX0106E: Event OrderPlaced ("), e.getMessage());
        assertTrue(
                e.getMessage().contains("are 94 bytes, above outbox.payload.max-size=64"),
                e.getMessage());
    }

    /** A small event whose header is large. */
    public record Tagged(String orderId, String tag) implements OutboxEvent {
        @Override
        public String aggregateType() {
            return "Order";
        }

        @Override
        public String aggregateId() {
            return orderId;
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("tag", tag);
        }
    }

    @Test
    void headersCountTowardTheMaximumSize() {
        Capture small =
                capture(Map.of("outbox.payload.max-size", "64", "outbox.destination.default", "d"));
        small.toRecord(new Tagged("o-1", "short"));
        InvalidEventException e =
                assertThrows(
                        InvalidEventException.class,
                        () -> small.toRecord(new Tagged("o-1", "x".repeat(40))));
        assertTrue(e.getMessage().startsWith("OUTBOX0106E: Event Tagged ("), e.getMessage());
        assertTrue(e.getMessage().contains("payload and its headers are"), e.getMessage());
    }

    @Test
    void serializationFailureNamesTheTypeAndSerializer() {
        InvalidEventException e =
                assertThrows(
                        InvalidEventException.class,
                        () ->
                                capture(Map.of("outbox.destination.default", "d"))
                                        .toRecord(new Unserializable()));
        assertTrue(
                e.getMessage().startsWith("OUTBOX0104E: Event Unserializable ("), e.getMessage());
        assertTrue(e.getMessage().contains(JsonbPayloadSerializer.class.getName()), e.getMessage());
    }

    @Test
    void headerNamesMustBeIdentifiersAndNotReserved() {
        Capture c = capture(Map.of("outbox.destination.default", "d"));
        assertEquals(Map.of("ok_1", "v"), c.toRecord(new WithHeader("ok_1")).headers());
        for (String bad :
                new String[] {"has-dash", "1st", "JMSType", "_AMQ_X", "outboxFoo", "AND", ""}) {
            InvalidEventException e =
                    assertThrows(
                            InvalidEventException.class, () -> c.toRecord(new WithHeader(bad)));
            assertTrue(e.getMessage().contains("header name '" + bad + "'"), e.getMessage());
        }
    }
}
