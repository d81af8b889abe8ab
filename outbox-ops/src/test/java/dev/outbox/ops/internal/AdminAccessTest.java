package dev.outbox.ops.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.outbox.ops.internal.AdminRight.Right;

class AdminAccessTest {

    static final String BASE = "/shop/" + AdminApplication.PATH + "/";
    static final List<String> OPERATORS = List.of("outbox-admin", "outbox-operator");

    private static AdminAccess decide(
            String base, String method, String user, Set<String> roles, boolean csrf) {
        return AdminAccess.decide(
                new AdminAccess.Request(base, method, user, roles::contains, csrf),
                true,
                Right.OPERATE,
                OPERATORS);
    }

    @Test
    void anOperatorWithTheHeaderMayChangeThings() {
        assertTrue(decide(BASE, "POST", "ann", Set.of("outbox-operator"), true).allowed());
        assertTrue(decide(BASE, "DELETE", "ann", Set.of("outbox-admin"), true).allowed());
    }

    @Test
    void readsNeedNoHeader() {
        assertTrue(decide(BASE, "GET", "ann", Set.of("outbox-operator"), false).allowed());
        assertTrue(decide(BASE, "HEAD", "ann", Set.of("outbox-operator"), false).allowed());
    }

    @Test
    void anotherApplicationPathIsNotFoundAndNotAudited() {
        for (String base :
                List.of("/shop/", "/shop/api/", "/shop/" + AdminApplication.PATH + "x/")) {
            AdminAccess a = decide(base, "GET", "ann", Set.of("outbox-admin"), true);
            assertEquals(404, a.status(), base);
            assertNull(a.auditReason(), base);
            assertNull(a.callerReason(), base);
        }
        assertTrue(
                decide("/shop/" + AdminApplication.PATH, "GET", "ann", Set.of("outbox-admin"), true)
                        .allowed(),
                "the path without its trailing slash");
    }

    @Test
    void aDisabledApiIsNotFoundEvenForAnAdmin() {
        AdminAccess a =
                AdminAccess.decide(
                        new AdminAccess.Request(BASE, "GET", "ann", r -> true, true),
                        false,
                        Right.VIEW,
                        OPERATORS);
        assertEquals(404, a.status());
        assertNull(a.auditReason());
    }

    @Test
    void nobodyIsAskedToAuthenticateAndAudited() {
        AdminAccess a = decide(BASE, "GET", null, Set.of(), false);
        assertEquals(401, a.status());
        assertEquals("not authenticated", a.auditReason());
        assertEquals("authentication required", a.callerReason());
    }

    @Test
    void aUserWithoutTheRightIsForbiddenAndTheRolesThatMayAreNamed() {
        AdminAccess a = decide(BASE, "POST", "bob", Set.of("outbox-viewer"), true);
        assertEquals(403, a.status());
        assertEquals("no role with the right OPERATE", a.auditReason());
        assertEquals(
                "the user has none of the roles [outbox-admin, outbox-operator] that may act on"
                        + " records and destinations (outbox.admin.*role)",
                a.callerReason());
    }

    @Test
    void theRoleCheckComesBeforeTheHeaderCheck() {
        assertEquals(
                "no role with the right OPERATE",
                decide(BASE, "POST", "bob", Set.of(), false).auditReason());
    }

    @Test
    void aChangeWithoutTheHeaderIsForbidden() {
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            AdminAccess a = decide(BASE, method, "ann", Set.of("outbox-admin"), false);
            assertEquals(403, a.status(), method);
            assertEquals("no X-Outbox-Admin header", a.auditReason());
            assertEquals(
                    "a request that changes something needs the header X-Outbox-Admin",
                    a.callerReason());
        }
    }
}
