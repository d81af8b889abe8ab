/**
 * For operators and tests: {@link dev.outbox.admin.Outbox} lists, counts, retries, replays and
 * deletes the stored {@link dev.outbox.admin.OutboxRecord}s chosen by a {@link
 * dev.outbox.admin.RecordQuery}, and pauses destinations. Nothing here returns {@code null} unless
 * its Javadoc says so.
 */
package dev.outbox.admin;
