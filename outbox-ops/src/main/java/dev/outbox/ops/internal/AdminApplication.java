package dev.outbox.ops.internal;

import java.util.Set;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The admin API's own Jakarta REST application, at {@code <context root>/outbox-admin}. It serves
 * only its own resource; every request is refused unless {@code outbox.admin.enabled=true}.
 */
@ApplicationPath(AdminApplication.PATH)
public class AdminApplication extends Application {

    /** The admin API's path below the application's context root. */
    public static final String PATH = "outbox-admin";

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(AdminResource.class, AdminGuard.class, AdminRefusal.Mapper.class);
    }
}
