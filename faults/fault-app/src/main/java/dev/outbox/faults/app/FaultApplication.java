package dev.outbox.faults.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The writers' REST API lives under {@code /api}. */
@ApplicationPath("api")
public class FaultApplication extends Application {}
