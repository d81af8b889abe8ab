package dev.outbox.ops.internal;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.outbox.cdi.internal.Msg;

/** Logs a check's changes of state, once each, however often the check is called. */
final class HealthLog {

    private final String check;
    private final AtomicBoolean up = new AtomicBoolean(true);

    HealthLog(String check) {
        this.check = check;
    }

    void report(HealthRules.Verdict v) {
        if (up.compareAndSet(!v.up(), v.up())) {
            if (v.up()) {
                Msg.OPS_HEALTH_UP.log(check);
            } else {
                Msg.OPS_HEALTH_DOWN.log(check, v.reason());
            }
        }
    }
}
