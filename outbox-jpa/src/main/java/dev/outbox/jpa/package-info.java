/**
 * JPA mapping types of the outbox tables. Public because JPA requires it; applications include them
 * with one line in {@code persistence.xml}: {@code
 * <mapping-file>META-INF/outbox-orm.xml</mapping-file>}. Nothing here returns {@code null} unless
 * its Javadoc says so.
 */
package dev.outbox.jpa;
