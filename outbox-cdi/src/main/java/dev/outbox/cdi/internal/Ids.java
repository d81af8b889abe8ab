package dev.outbox.cdi.internal;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Record ids: time-ordered UUIDs (version 7, RFC 9562), so that new rows land at the end of the
 * primary-key index instead of at random places in it.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    /**
     * @return a new version-7 UUID string
     */
    public static String newId() {
        return newId(System.currentTimeMillis());
    }

    static String newId(long epochMillis) {
        long randA = RANDOM.nextInt(1 << 12);
        long msb = (epochMillis << 16) | 0x7000L | randA;
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
