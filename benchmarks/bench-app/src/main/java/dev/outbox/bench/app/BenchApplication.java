package dev.outbox.bench.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The benchmark's REST API lives under {@code /bench/api}. */
@ApplicationPath("api")
public class BenchApplication extends Application {}
