/**
 * Operations for the outbox: health checks, metrics and trace propagation (MicroProfile Health and
 * Telemetry), and the admin REST API with its console. The public types here are the consumer-side
 * tracing helper; everything else works by being on the classpath. Nothing here returns {@code
 * null} unless its Javadoc says so.
 */
package dev.outbox.ops;
