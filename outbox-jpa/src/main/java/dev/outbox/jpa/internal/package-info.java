/**
 * Internals of the JPA record store and schema handling; not an API, may change in any release.
 * Nothing here returns {@code null} unless its Javadoc says so.
 */
package dev.outbox.jpa.internal;
