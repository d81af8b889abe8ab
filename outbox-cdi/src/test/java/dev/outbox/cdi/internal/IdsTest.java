package dev.outbox.cdi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void idsAreVersion7AndOrderedByTime() {
        UUID early = UUID.fromString(Ids.newId(1_000_000L));
        UUID late = UUID.fromString(Ids.newId(2_000_000L));
        assertEquals(7, early.version());
        assertEquals(2, early.variant());
        assertEquals(1_000_000L, early.getMostSignificantBits() >>> 16);
        assertTrue(early.toString().compareTo(late.toString()) < 0);
    }
}
