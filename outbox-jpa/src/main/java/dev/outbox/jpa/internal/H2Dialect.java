package dev.outbox.jpa.internal;

import java.util.Map;

/**
 * H2's statements: the claim and purge take a {@code LIMIT}; without an insert-if-absent, keys are
 * created by a plain insert that may wait for a concurrent one ({@link Rows#insertIfAbsent}).
 */
final class H2Dialect extends Dialect {

    H2Dialect() {
        super(
                "h2",
                "h2",
                Map.of(
                        Statement.CLAIM_HOLD_UNSENT, CommonStatements.LIMIT_CLAIM_HOLD_UNSENT,
                        Statement.CLAIM_HOLD_PENDING, CommonStatements.LIMIT_CLAIM_HOLD_PENDING,
                        Statement.PURGE, CommonStatements.LIMIT_PURGE,
                        Statement.PROCESSED_PURGE, CommonStatements.LIMIT_PROCESSED_PURGE));
    }

    @Override
    boolean qualifiedIndexNames() {
        return true;
    }
}
