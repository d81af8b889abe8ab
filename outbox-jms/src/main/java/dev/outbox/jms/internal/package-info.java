/**
 * Internals of the relay and the JMS dispatch; not an API, may change in any release. Nothing here
 * returns {@code null} unless its Javadoc says so.
 */
package dev.outbox.jms.internal;
