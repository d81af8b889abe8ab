package dev.outbox.ops.internal;

import java.util.HashSet;
import java.util.Set;

import dev.outbox.cdi.internal.Msg;

/**
 * Logs a check's changes, once each, however often the check is called: each condition when it
 * appears (a warning with its details, which the health data never carries) and when it clears, and
 * the check going DOWN and UP again.
 */
final class HealthLog {

    private final String check;
    private final String readinessSetting;
    private final Set<String> conditions = new HashSet<>();
    private boolean up = true;

    /**
     * @param check the check's name
     * @param readinessSetting the value of {@code outbox.health.readiness}, for the log lines
     */
    HealthLog(String check, String readinessSetting) {
        this.check = check;
        this.readinessSetting = readinessSetting;
    }

    synchronized void report(HealthRules.Verdict v) {
        v.conditions()
                .forEach(
                        (code, details) -> {
                            if (conditions.add(code)) {
                                Msg.OPS_CONDITION.log(
                                        code,
                                        details,
                                        v.up() ? "stays UP" : "is DOWN",
                                        readinessSetting);
                            }
                        });
        for (var it = conditions.iterator(); it.hasNext(); ) {
            String code = it.next();
            if (!v.conditions().containsKey(code)) {
                it.remove();
                Msg.OPS_CONDITION_CLEARED.log(code);
            }
        }
        if (up != v.up()) {
            up = v.up();
            if (up) {
                Msg.OPS_HEALTH_UP.log(check);
            } else {
                Msg.OPS_HEALTH_DOWN.log(check, v.reason());
            }
        }
    }
}
