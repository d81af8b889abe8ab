/**
 * Service provider interfaces: the {@link dev.outbox.spi.RecordStore} that holds records and the
 * {@link dev.outbox.spi.PayloadSerializer} that turns payloads into text. Nothing here returns
 * {@code null} unless its Javadoc says so.
 */
package dev.outbox.spi;
