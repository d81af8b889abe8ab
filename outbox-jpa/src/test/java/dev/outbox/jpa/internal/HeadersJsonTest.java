package dev.outbox.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Headers keep their stored text and come back as written. */
class HeadersJsonTest {

    private final HeadersJson json = new HeadersJson();

    @Test
    void theStoredTextIsAsBefore() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("tenant", "acme");
        h.put("q\"b\\s", "l\nr\rt\t\u0001\u001f é € 😀 /");
        assertEquals(
                "{\"tenant\":\"acme\",\"q\\\"b\\\\s\":\"l\\nr\\rt\\t\\u0001\\u001f é € 😀 /\"}",
                json.convertToDatabaseColumn(h));
        assertNull(json.convertToDatabaseColumn(Map.of()));
    }

    @Test
    void roundTripsEscapesAndUnicode() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("a", "\b\f\n\r\t\"\\/\u0000\u007f");
        h.put("ünï", "日本 😀 \u2028");
        h.put("", "");
        assertEquals(h, json.convertToEntityAttribute(json.convertToDatabaseColumn(h)));
        assertEquals(
                Map.of("k", "é\b"), json.convertToEntityAttribute(" { \"k\" : \"\\u00e9\\b\" } "));
        assertEquals(Map.of(), json.convertToEntityAttribute(null));
    }

    @Test
    void malformedTextIsRefused() {
        for (String bad :
                new String[] {
                    "{",
                    "[]",
                    "{\"a\":1}",
                    "{\"a\":\"b\"",
                    "\"x\"",
                    "{\"a\":\"b\"} x",
                    "{\"a\":null}"
                }) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> json.convertToEntityAttribute(bad));
            assertTrue(e.getMessage().endsWith(bad), e.getMessage());
        }
    }
}
