package dev.outbox.admin;

import java.time.Instant;

/**
 * What waits in the outbox for one destination.
 *
 * @param destination the queue
 * @param pending records waiting to be sent (due now or later)
 * @param failed records whose retries are exhausted
 * @param quarantined records that can never be sent as they are
 * @param oldestPending when the oldest pending record was written, or {@code null} when none is
 * @param paused whether an operator paused the destination
 */
public record DestinationBacklog(
        String destination,
        long pending,
        long failed,
        long quarantined,
        Instant oldestPending,
        boolean paused) {}
