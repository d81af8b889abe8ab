package dev.outbox.cdi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class MsgTest {

    @Test
    void idsAreUniqueAndWellFormed() {
        Set<String> numbers = new HashSet<>();
        for (Msg m : Msg.values()) {
            assertTrue(m.id().matches("OUTBOX\\d{4}[IWE]"), m.id());
            assertTrue(numbers.add(m.id().substring(6, 10)), "number reused: " + m.id());
        }
    }

    @Test
    void formatPrefixesTheId() {
        assertEquals(
                "OUTBOX0001E: Invalid value 'x' for outbox.a: why",
                Msg.CONFIG_INVALID.format("x", "outbox.a", "why"));
    }
}
