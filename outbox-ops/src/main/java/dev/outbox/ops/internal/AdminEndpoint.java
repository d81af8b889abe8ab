package dev.outbox.ops.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * Binds {@link AdminGuard} to the admin API: every resource method carrying it (the whole of {@link
 * AdminResource}) passes the guard, so that no endpoint can forget it.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AdminEndpoint {}
