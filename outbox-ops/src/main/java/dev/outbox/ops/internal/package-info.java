/**
 * Internals of outbox-ops: health checks, metrics, trace headers, the admin API; not an API, may
 * change in any release. Nothing here returns {@code null} unless its Javadoc says so.
 */
package dev.outbox.ops.internal;
