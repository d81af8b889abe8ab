/**
 * Extension points: a {@link dev.outbox.spi.PayloadSerializer} turns payloads into text, and any
 * number of {@link dev.outbox.spi.HeaderContributor}s add headers to every record. Nothing here
 * returns {@code null} unless its Javadoc says so.
 */
package dev.outbox.spi;
