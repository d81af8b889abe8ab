/**
 * Internals of capture and configuration; not an API, may change in any release. Nothing here
 * returns {@code null} unless its Javadoc says so.
 */
package dev.outbox.cdi.internal;
