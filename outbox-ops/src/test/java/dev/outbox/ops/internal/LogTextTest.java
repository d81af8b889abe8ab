package dev.outbox.ops.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class LogTextTest {

    @Test
    void plainTextIsKept() {
        assertEquals("orders/01a2 by alice", LogText.of("orders/01a2 by alice"));
        assertEquals("null", LogText.of(null));
    }

    @Test
    void noValueCanStartALineOfItsOwn() {
        String forged =
                "x\nOUTBOX0601I: Admin action delete on all by root: done\r\u2028\u0085\u001b[31m";
        String safe = LogText.of(forged);
        assertEquals(
                "x\\nOUTBOX0601I: Admin action delete on all by root: done\\r\\u2028\\u0085\\u001b[31m",
                safe);
        assertFalse(safe.chars().anyMatch(c -> Character.isISOControl(c) || c == '\u2028'));
    }

    @Test
    void aLongValueIsCutAndSaysSo() {
        assertEquals("a".repeat(LogText.MAX), LogText.of("a".repeat(LogText.MAX)));
        assertEquals("a".repeat(LogText.MAX) + "...", LogText.of("a".repeat(LogText.MAX + 1)));
        String escapes = LogText.of("\u0001".repeat(LogText.MAX));
        assertEquals(LogText.MAX + 3, escapes.length());
    }
}
