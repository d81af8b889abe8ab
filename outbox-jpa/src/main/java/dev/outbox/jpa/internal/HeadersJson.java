package dev.outbox.jpa.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Record headers as stored in the {@code headers} column: a flat JSON object of strings, such as
 * {@code {"tenant":"acme"}}, or {@code null} for none.
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
     * @return the headers; empty when the column is {@code null}
     * @throws IllegalArgumentException when the text is not a flat JSON object of strings
     */
    public Map<String, String> convertToEntityAttribute(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        Parser p = new Parser(json);
        p.expect('{');
        if (!p.peek('}')) {
            do {
                String key = p.string();
                p.expect(':');
                headers.put(key, p.string());
            } while (p.next(','));
        }
        p.expect('}');
        p.end();
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
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** A strict reader for exactly the shape {@link #quote} writes. */
    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        private void skipSpace() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        boolean peek(char c) {
            skipSpace();
            return i < s.length() && s.charAt(i) == c;
        }

        boolean next(char c) {
            if (peek(c)) {
                i++;
                return true;
            }
            return false;
        }

        void expect(char c) {
            if (!next(c)) {
                throw error("expected '" + c + "'");
            }
        }

        void end() {
            skipSpace();
            if (i != s.length()) {
                throw error("unexpected text after the object");
            }
        }

        String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (i >= s.length()) {
                    break;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        if (i + 4 > s.length()) {
                            throw error("truncated \\u escape");
                        }
                        out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> throw error("invalid escape \\" + e);
                }
            }
            throw error("unterminated string");
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException(
                    "Invalid outbox headers JSON at character " + i + ": " + what + ": " + s);
        }
    }
}
