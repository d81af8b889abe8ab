package dev.outbox.jms.internal;

import java.time.Duration;

/**
 * The settings of the relay's runner ({@link DrainLoop}) and housekeeping.
 *
 * @param batchSize the most records of a batch
 * @param interval the relay interval: the first pause, and the sweep's unit
 * @param maxBackoff the longest pause
 * @param retention how long dispatched records are kept; zero: no purge
 * @param purgeBatchSize the most records one purge statement deletes
 * @param sweepEvery intervals between two sweeps
 */
record RelayLimits(
        int batchSize,
        Duration interval,
        Duration maxBackoff,
        Duration retention,
        int purgeBatchSize,
        int sweepEvery) {}
