package dev.outbox.cdi.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.outbox.InvalidEventException;
import dev.outbox.OutboxEvent;
import dev.outbox.Route;
import dev.outbox.spi.PayloadSerializer;

/**
 * Turns a fired event into a validated, serialized {@link NewRecord}. Pure logic: the transaction
 * and the store are the observer's business.
 */
public final class Capture {

    static final int MAX_NAME_LENGTH = 255;

    /** Words a JMS property name must not be (JMS 3.1, message selectors). */
    private static final java.util.Set<String> JMS_RESERVED =
            java.util.Set.of(
                    "NULL", "TRUE", "FALSE", "NOT", "AND", "OR", "BETWEEN", "LIKE", "IN", "IS",
                    "ESCAPE");

    private final OutboxSettings settings;
    private final PayloadSerializer serializer;
    private final Clock clock;

    /**
     * @param settings the configuration (routes and default destination)
     * @param serializer the payload serializer
     * @param clock the clock that stamps the time written
     */
    public Capture(OutboxSettings settings, PayloadSerializer serializer, Clock clock) {
        this.settings = settings;
        this.serializer = serializer;
        this.clock = clock;
    }

    /**
     * @param event the fired event
     * @return the record to append
     * @throws InvalidEventException naming the event type and what is wrong
     */
    public NewRecord toRecord(OutboxEvent event) {
        return toRecord(event, Map.of());
    }

    /**
     * @param event the fired event
     * @param contributed headers from {@code HeaderContributor}s; the event's own win
     * @return the record to append
     * @throws InvalidEventException naming the event type and what is wrong
     */
    public NewRecord toRecord(OutboxEvent event, Map<String, String> contributed) {
        Class<?> cls = event.getClass();
        String rawType = callSafely(event, cls, "eventType()", event::eventType);
        String type = name(rawType, "the event type", rawType, cls);
        String aggregateType =
                name(
                        callSafely(event, cls, "aggregateType()", event::aggregateType),
                        "the aggregate type",
                        type,
                        cls);
        String aggregateId =
                name(
                        callSafely(event, cls, "aggregateId()", event::aggregateId),
                        "the aggregate id",
                        type,
                        cls);
        int version = callSafely(event, cls, "eventVersion()", event::eventVersion);
        if (version < 1) {
            throw invalid(type, cls, "the event version is " + version + ", it must be at least 1");
        }
        Map<String, String> own = callSafely(event, cls, "headers()", event::headers);
        if (own == null) {
            throw invalid(type, cls, "headers() returned null");
        }
        Map<String, String> headers = own;
        if (!contributed.isEmpty()) {
            headers = new java.util.LinkedHashMap<>(contributed);
            headers.putAll(own);
        }
        checkHeaders(headers, type, cls);
        String destination =
                destinationFor(type, cls)
                        .orElseThrow(
                                () ->
                                        new InvalidEventException(
                                                Msg.CAPTURE_NO_ROUTE.format(
                                                        type, cls.getName(), type)));
        Object payload = callSafely(event, cls, "payload()", event::payload);
        if (payload == null) {
            throw invalid(type, cls, "payload() returned null");
        }
        String text;
        try {
            text = serializer.serialize(payload);
        } catch (RuntimeException e) {
            throw new InvalidEventException(
                    Msg.CAPTURE_SERIALIZATION_FAILED.format(
                            type, cls.getName(), serializer.getClass().getName(), e),
                    e);
        }
        if (text == null) {
            throw invalid(type, cls, serializer.getClass().getName() + " returned null");
        }
        int max = settings.payloadMaxSize();
        // the headers travel with the payload, so they count too; a char takes 1 to 3 UTF-8 bytes
        // (a surrogate pair 4 for 2): count the bytes only when the limit may be reached
        long chars = text.length();
        for (Map.Entry<String, String> h : headers.entrySet()) {
            chars += h.getKey().length() + h.getValue().length();
        }
        if (chars * 3 > max) {
            long bytes = text.getBytes(StandardCharsets.UTF_8).length;
            for (Map.Entry<String, String> h : headers.entrySet()) {
                bytes += h.getKey().getBytes(StandardCharsets.UTF_8).length;
                bytes += h.getValue().getBytes(StandardCharsets.UTF_8).length;
            }
            if (bytes > max) {
                throw new InvalidEventException(
                        Msg.CAPTURE_PAYLOAD_TOO_LARGE.format(type, cls.getName(), bytes, max));
            }
        }
        Instant now = clock.instant();
        Instant deliverAt = deliverAt(event, cls, type, now);
        return new NewRecord(
                Ids.newId(now.toEpochMilli()),
                aggregateType,
                aggregateId,
                type,
                version,
                destination,
                text,
                serializer.contentType(),
                headers,
                now,
                deliverAt);
    }

    /**
     * @return the event's delivery time, or {@code null} when it has none ({@link NewRecord} takes
     *     a time not after the write for none)
     * @throws InvalidEventException when it is further than the configured maximum
     */
    private Instant deliverAt(OutboxEvent event, Class<?> cls, String type, Instant now) {
        Optional<Instant> asked = callSafely(event, cls, "deliverAt()", event::deliverAt);
        if (asked == null) {
            throw invalid(type, cls, "deliverAt() returned null, not Optional.empty()");
        }
        Instant at = asked.orElse(null);
        if (at == null) {
            return null;
        }
        Duration max = settings.deliveryMaxDelay();
        if (at.isAfter(now.plus(max))) {
            throw new InvalidEventException(
                    Msg.CAPTURE_DELAY_TOO_LONG.format(
                            type,
                            cls.getName(),
                            at,
                            Durations.format(roughly(Duration.between(now, at))),
                            Durations.format(max)));
        }
        return at;
    }

    /**
     * The destination of an event type: the configured route, else the class's {@link Route}, else
     * the default destination.
     *
     * @param type the logical event type
     * @param cls the event class
     * @return the queue name, if any
     */
    public Optional<String> destinationFor(String type, Class<?> cls) {
        String routed = settings.routes().get(type);
        if (routed != null) {
            return Optional.of(routed);
        }
        Route route = cls.getAnnotation(Route.class);
        String annotated = route == null ? null : annotated(route, type, cls);
        return annotated != null ? Optional.of(annotated) : settings.defaultDestination();
    }

    /**
     * @return the destination a {@link Route} names: its queue, or {@code topic://} and its topic
     * @throws InvalidEventException when it names both, or a name that is not one
     */
    private static String annotated(Route route, String type, Class<?> cls) {
        boolean queue = !route.value().isBlank();
        boolean topic = !route.topic().isBlank();
        if (queue && topic) {
            throw invalid(type, cls, "@Route names a queue and a topic: name one");
        }
        if (!queue && !topic) {
            throw invalid(type, cls, "@Route names neither a queue (value) nor a topic");
        }
        String to = queue ? route.value() : Destinations.TOPIC + route.topic().trim();
        try {
            return Parsers.destination(to);
        } catch (IllegalArgumentException e) {
            throw invalid(
                    type, cls, "@Route's destination '" + to + "' is invalid: " + e.getMessage());
        }
    }

    /** A delay cut to its largest whole unit (days, hours, minutes or seconds), for a message. */
    private static Duration roughly(Duration d) {
        for (ChronoUnit unit : List.of(ChronoUnit.DAYS, ChronoUnit.HOURS, ChronoUnit.MINUTES)) {
            if (d.compareTo(unit.getDuration()) >= 0) {
                return d.truncatedTo(unit);
            }
        }
        return d.truncatedTo(ChronoUnit.SECONDS);
    }

    private static <T> T callSafely(
            OutboxEvent event, Class<?> cls, String method, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            String type = cls.getSimpleName();
            throw new InvalidEventException(
                    Msg.CAPTURE_INVALID_EVENT.format(type, cls.getName(), method + " threw " + e),
                    e);
        }
    }

    private static String name(String value, String what, String type, Class<?> cls) {
        String shownType = type == null || type.isBlank() ? cls.getSimpleName() : type;
        if (value == null || value.isBlank()) {
            throw invalid(shownType, cls, what + " is " + (value == null ? "null" : "blank"));
        }
        if (value.length() > MAX_NAME_LENGTH) {
            throw invalid(
                    shownType,
                    cls,
                    what
                            + " is "
                            + value.length()
                            + " characters long, at most "
                            + MAX_NAME_LENGTH
                            + " are allowed");
        }
        return value;
    }

    private static void checkHeaders(Map<String, String> headers, String type, Class<?> cls) {
        if (headers == null) {
            throw invalid(type, cls, "headers() returned null");
        }
        for (Map.Entry<String, String> h : headers.entrySet()) {
            String name = h.getKey();
            if (!isIdentifier(name)) {
                throw invalid(
                        type, cls, "header name '" + name + "' is not a valid Java identifier");
            }
            if (ReservedHeaders.isReserved(name)) {
                throw invalid(
                        type,
                        cls,
                        "header name '" + name + "' is reserved (" + ReservedHeaders.RULE + ")");
            }
            if (h.getValue() == null) {
                throw invalid(type, cls, "header '" + name + "' has a null value");
            }
        }
    }

    private static boolean isIdentifier(String name) {
        if (name == null || name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            if (!Character.isJavaIdentifierPart(name.charAt(i))) {
                return false;
            }
        }
        return !JMS_RESERVED.contains(name.toUpperCase(java.util.Locale.ROOT));
    }

    private static InvalidEventException invalid(String type, Class<?> cls, String what) {
        return new InvalidEventException(
                Msg.CAPTURE_INVALID_EVENT.format(type, cls.getName(), what));
    }
}
