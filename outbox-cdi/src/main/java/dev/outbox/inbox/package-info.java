/**
 * For consumers: delivery is at least once, so a consumer drops the copies it has already processed
 * with its {@link dev.outbox.inbox.Inbox}, in its own transaction, usually by annotating its
 * listener {@link dev.outbox.inbox.Deduplicated}. Nothing here returns {@code null} unless its
 * Javadoc says so.
 */
package dev.outbox.inbox;
