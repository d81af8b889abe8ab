package dev.outbox.ops.internal;

/**
 * Makes a value from a request safe to put in a log line: line breaks and other control characters
 * become visible escapes, so that no path, user name or parameter can start a forged line, and a
 * long value is cut.
 */
final class LogText {

    /** The longest value a log line carries. */
    static final int MAX = 300;

    private LogText() {}

    /**
     * @param value a value from a request, or {@code null}
     * @return the value with every control character escaped ({@code \n}, {@code \r}, {@code \t},
     *     else {@code \\uXXXX}) and cut to {@value #MAX} characters
     */
    static String of(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX) + 8);
        int i = 0;
        for (; i < value.length() && out.length() < MAX; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c)
                            || c == '\u2028'
                            || c == '\u2029'
                            || c == '\u0085') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (i < value.length() || out.length() > MAX) {
            out.setLength(Math.min(out.length(), MAX));
            out.append("...");
        }
        return out.toString();
    }
}
