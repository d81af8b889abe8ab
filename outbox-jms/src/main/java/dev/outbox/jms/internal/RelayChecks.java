package dev.outbox.jms.internal;

import java.time.Duration;

import dev.outbox.cdi.internal.Durations;
import dev.outbox.cdi.internal.Msg;
import dev.outbox.cdi.internal.OutboxSettings;
import dev.outbox.cdi.internal.RecordStore;

/** What the relay checks and says about its configuration when it starts. */
final class RelayChecks {

    private RelayChecks() {}

    /**
     * Refuses XA mode without an XA datasource, and warns when the broker's duplicate detection is
     * too short for the relay's resends.
     *
     * @throws IllegalStateException when the relay cannot run as configured
     */
    static void atStart(OutboxSettings settings, RecordStore store) {
        if (settings.xa()) {
            store.xaProblem()
                    .ifPresent(
                            why -> {
                                throw new IllegalStateException(
                                        Msg.RELAY_MODE_XA_WITHOUT_XA_DATASOURCE.format(why));
                            });
        }
        checkDuplicateWindow(settings);
    }

    /**
     * A send the broker accepted without our knowing (a timeout, a crash before the mark) is sent
     * again at the record's next attempt, at most a retry delay later, or when a paused relay
     * resumes. The broker drops that copy only while its id is still among the last ids it
     * remembers for the address: warn when a modest load would push it out first.
     */
    private static void checkDuplicateWindow(OutboxSettings settings) {
        Duration retry =
                Duration.ofMillis(
                        Math.round(
                                settings.retry().maxDelay().toMillis()
                                        * (1 + settings.retry().jitter())));
        Duration window =
                retry.compareTo(settings.maxBackoff()) > 0 ? retry : settings.maxBackoff();
        double rate = settings.duplicateIdCacheSize() * 1000.0 / Math.max(1, window.toMillis());
        if (rate < 100) {
            Msg.RELAY_DUPLICATE_WINDOW.log(
                    Durations.format(window), settings.duplicateIdCacheSize(), rate);
        }
    }

    /**
     * @return the transaction mode and dispatch, for the start message
     */
    static String describeMode(boolean xa, boolean immediate) {
        String mode =
                xa
                        ? "transaction mode xa (sends and marks commit together)"
                        : "transaction mode local (sends commit on a local JMS transaction, then the"
                                + " marks; a resend after a crash is dropped by _AMQ_DUPL_ID)";
        return mode
                + (immediate
                        ? ", immediate dispatch on commit"
                        : ", no immediate dispatch (timer only)");
    }
}
