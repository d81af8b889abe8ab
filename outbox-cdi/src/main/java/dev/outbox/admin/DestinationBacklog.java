package dev.outbox.admin;

import java.time.Instant;

/**
 * What waits in the outbox for one destination.
 *
 * @param destination the queue
 * @param pending records waiting to be sent (due now or later)
 * @param failed records whose retries are exhausted
 * @param quarantined records that can never be sent as they are
 * @param oldestPending when the pending record due first became due (when it was written, or the
 *     delivery time its event asked for), or {@code null} when none is; in the future while every
 *     pending record waits for its delivery time, so that a delayed record never counts as late
 * @param paused whether an operator paused the destination
 */
public record DestinationBacklog(
        String destination,
        long pending,
        long failed,
        long quarantined,
        Instant oldestPending,
        boolean paused) {}
