package dev.outbox.jpa.internal;

import java.io.StringReader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

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
        JsonObject object;
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            object = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage() + ": " + json, e);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> e : object.entrySet()) {
            if (!(e.getValue() instanceof JsonString s)) {
                throw new IllegalArgumentException(
                        "the value of '" + e.getKey() + "' is not a string: " + json);
            }
            headers.put(e.getKey(), s.getString());
        }
        return Collections.unmodifiableMap(headers);
    }

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
