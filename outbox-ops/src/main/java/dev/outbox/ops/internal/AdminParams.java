package dev.outbox.ops.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.outbox.admin.RecordQuery;
import dev.outbox.admin.RecordStatus;
import dev.outbox.cdi.internal.Durations;
import dev.outbox.cdi.internal.Msg;
import dev.outbox.ops.internal.Views.ErrorView;

/**
 * Reads the admin API's parameters: each method returns the value or throws a 400 whose message
 * names the parameter and escapes the value given ({@code OUTBOX0605E}).
 */
final class AdminParams {

    /** The largest page a list returns. */
    static final int PAGE_CAP = 500;

    private static final Pattern RECORD_ID =
            Pattern.compile(
                    "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private AdminParams() {}

    static void bulkStatus(String action, RecordStatus status) {
        boolean ok =
                switch (action) {
                    case "retry" ->
                            status == RecordStatus.FAILED || status == RecordStatus.QUARANTINED;
                    case "replay" -> status == null || status == RecordStatus.DISPATCHED;
                    default -> status != null && status != RecordStatus.PENDING;
                };
        if (!ok) {
            throw fail(
                    Response.Status.BAD_REQUEST,
                    Msg.OPS_BAD_REQUEST.format(
                            "status",
                            String.valueOf(status),
                            switch (action) {
                                case "retry" -> "a bulk retry takes FAILED or QUARANTINED";
                                case "replay" -> "a bulk replay takes DISPATCHED records";
                                default ->
                                        "a bulk delete takes FAILED, QUARANTINED, SKIPPED or"
                                                + " DISPATCHED"
                                                + " (a PENDING record may be being sent)";
                            }));
        }
    }

    static void recordId(String id) {
        if (id == null || !RECORD_ID.matcher(id).matches()) {
            throw fail(
                    Response.Status.BAD_REQUEST,
                    Msg.OPS_BAD_REQUEST.format(
                            "record id", LogText.of(id), "expected a UUID such as 01a2b3c4-..."));
        }
    }

    static void destination(String name) {
        text("destination", name);
    }

    /**
     * @return the trimmed value, or null when blank
     */
    static String text(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String t = value.trim();
        if (t.length() > 255 || t.chars().anyMatch(Character::isISOControl)) {
            throw fail(
                    Response.Status.BAD_REQUEST,
                    Msg.OPS_BAD_REQUEST.format(
                            parameter,
                            LogText.of(value),
                            "expected at most 255 characters without control characters"));
        }
        return t;
    }

    static boolean bool(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default ->
                    throw fail(
                            Response.Status.BAD_REQUEST,
                            Msg.OPS_BAD_REQUEST.format(
                                    parameter, LogText.of(value), "expected true or false"));
        };
    }

    static RecordQuery.Position position(String after) {
        if (after == null || after.isBlank()) {
            return null;
        }
        int comma = after.indexOf(',');
        try {
            if (comma > 0) {
                String id = after.substring(comma + 1).trim();
                if (RECORD_ID.matcher(id).matches()) {
                    return new RecordQuery.Position(
                            Instant.parse(after.substring(0, comma).trim()), id);
                }
            }
        } catch (java.time.format.DateTimeParseException e) {
            // reported below
        }
        throw fail(
                Response.Status.BAD_REQUEST,
                Msg.OPS_BAD_REQUEST.format(
                        "after",
                        LogText.of(after),
                        "expected the 'next' value of the previous page (written time, record id)"));
    }

    static AdminRefusal fail(Response.Status status, String message) {
        return new AdminRefusal(
                Response.status(status)
                        .type(MediaType.APPLICATION_JSON)
                        .entity(new ErrorView(message))
                        .build());
    }

    static RecordStatus status(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return RecordStatus.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw fail(
                    Response.Status.BAD_REQUEST,
                    Msg.OPS_BAD_REQUEST.format(
                            "status",
                            LogText.of(text),
                            "expected PENDING, DISPATCHED, FAILED, QUARANTINED or SKIPPED"));
        }
    }

    /**
     * @param parameter the parameter's name
     * @param text its value
     * @param absent what a missing value means, or {@code null} when it is required
     * @return a sequence number, from 1
     */
    static long sequence(String parameter, String text, Long absent) {
        if ((text == null || text.isBlank()) && absent != null) {
            return absent;
        }
        try {
            long n = Long.parseLong(text == null ? "" : text.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw fail(
                Response.Status.BAD_REQUEST,
                Msg.OPS_BAD_REQUEST.format(
                        parameter, LogText.of(text), "expected a sequence number from 1"));
    }

    static int limit(String text) {
        if (text == null || text.isBlank()) {
            return RecordQuery.DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 1 && n <= PAGE_CAP) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw fail(
                Response.Status.BAD_REQUEST,
                Msg.OPS_BAD_REQUEST.format(
                        "limit", LogText.of(text), "expected a number from 1 to " + PAGE_CAP));
    }

    /** The longest age a filter may name: a century. */
    private static final Duration MAX_AGE = Duration.ofDays(36_500);

    static Duration duration(String name, String text) {
        try {
            return Durations.parse(text, Duration.ZERO, MAX_AGE);
        } catch (IllegalArgumentException e) {
            throw fail(
                    Response.Status.BAD_REQUEST,
                    Msg.OPS_BAD_REQUEST.format(name, LogText.of(text), e.getMessage()));
        }
    }
}
