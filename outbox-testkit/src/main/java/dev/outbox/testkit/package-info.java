/**
 * The outbox test kit, for the in-container tests of applications that use the outbox: await that a
 * record was written or dispatched, read the messages on a queue, drain the outbox synchronously.
 * Add the jar to the test deployment only. Nothing here returns {@code null} unless its Javadoc
 * says so.
 */
package dev.outbox.testkit;
