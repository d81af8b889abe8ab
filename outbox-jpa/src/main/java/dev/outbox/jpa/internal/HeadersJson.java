package dev.outbox.jpa.internal;

import java.io.StringReader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;

/**
 * Record headers as stored in the {@code headers} column: a flat JSON object of strings, such as
 * {@code {"tenant":"acme"}}, or {@code null} for none. Read with JSON-P; written compactly with the
 * escapes this format has always had ({@code \"}, {@code \\}, {@code \n}, {@code \r}, {@code \t},
 * other control characters as six-character hexadecimal escapes; the rest as is), so stored rows do
 * not change.
 */
public final class HeadersJson {

    /**
     * @param headers the headers
     * @return their JSON text, or {@code null} when there are none
     */
    public String convertToDatabaseColumn(Map<String, String> headers) {
        if (headers == null || headers.isEmpty()) {
            return null;
        }
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            quote(json, h.getKey());
            json.append(':');
            quote(json, h.getValue());
        }
        return json.append('}').toString();
    }

    /**
     * @param json the column's text, or {@code null}
     * @return the headers, in their stored order; empty when the column is {@code null}
     * @throws IllegalArgumentException saying why when the text is not a flat JSON object of
     *     strings
     */
    public Map<String, String> convertToEntityAttribute(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        try (JsonParser p = parsers().createParser(new StringReader(json))) {
            expect(p, JsonParser.Event.START_OBJECT, json);
            JsonParser.Event e;
            while ((e = next(p, json)) == JsonParser.Event.KEY_NAME) {
                String key = p.getString();
                if (next(p, json) != JsonParser.Event.VALUE_STRING) {
                    throw new IllegalArgumentException(
                            "the value of '" + key + "' is not a string: " + json);
                }
                headers.put(key, p.getString());
            }
            if (e != JsonParser.Event.END_OBJECT || p.hasNext()) {
                throw new IllegalArgumentException("not one flat JSON object: " + json);
            }
        } catch (JsonException e) {
            throw new IllegalArgumentException(e.getMessage() + ": " + json, e);
        }
        return Collections.unmodifiableMap(headers);
    }

    private static JsonParser.Event next(JsonParser p, String json) {
        if (!p.hasNext()) {
            throw new IllegalArgumentException("the JSON text ends early: " + json);
        }
        return p.next();
    }

    private static void expect(JsonParser p, JsonParser.Event event, String json) {
        if (next(p, json) != event) {
            throw new IllegalArgumentException("not a JSON object: " + json);
        }
    }

    /** Found once: a provider lookup per read would cost a service-loader scan. */
    private static JsonParserFactory parsers() {
        JsonParserFactory f = parsers;
        if (f == null) {
            f = Json.createParserFactory(Map.of());
            parsers = f;
        }
        return f;
    }

    private static volatile JsonParserFactory parsers;

    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16));
                        out.append(Character.forDigit(c & 0xF, 16));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
