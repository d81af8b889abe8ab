package dev.outbox.jms.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;

import org.junit.jupiter.api.Test;

class RelaySessionsTest {

    /** The sessions a fake connection was asked for: "xa", "transacted" or "plain". */
    final List<String> asked = new ArrayList<>();

    private Connection connection(boolean refusesLocal, boolean broken) {
        return (Connection)
                Proxy.newProxyInstance(
                        getClass().getClassLoader(),
                        new Class<?>[] {Connection.class},
                        (proxy, method, args) -> {
                            if (!method.getName().equals("createSession")) {
                                throw new UnsupportedOperationException(method.getName());
                            }
                            if (broken) {
                                throw new JMSException("connection lost");
                            }
                            String kind =
                                    args == null
                                            ? "xa"
                                            : (Boolean) args[0] ? "transacted" : "plain";
                            asked.add(kind);
                            if (kind.equals("transacted") && refusesLocal) {
                                throw new JMSException(
                                        "AMQ159007: Invalid Session Mode SESSION_TRANSACTED");
                            }
                            return session();
                        });
    }

    private Session session() {
        return (Session)
                Proxy.newProxyInstance(
                        getClass().getClassLoader(),
                        new Class<?>[] {Session.class},
                        (proxy, method, args) -> null);
    }

    @Test
    void xaModeTakesTheSessionOfTheCallersTransaction() throws Exception {
        new RelaySessions("jms/cf").open(connection(false, false), false);
        assertEquals(List.of("xa"), asked);
    }

    @Test
    void localModeTransactsLocally() throws Exception {
        RelaySessions sessions = new RelaySessions("jms/cf");
        sessions.open(connection(false, false), true);
        sessions.open(connection(false, false), true);
        assertEquals(List.of("transacted", "transacted"), asked);
    }

    @Test
    void aFactoryThatRefusesLocalTransactionsGetsPlainSessionsWarnedOfOnce() throws Exception {
        RelaySessions sessions = new RelaySessions("jms/cf");
        try (LogCapture log = new LogCapture()) {
            sessions.open(connection(true, false), true);
            sessions.open(connection(true, false), true);
            assertEquals(1, log.count("OUTBOX0"), log.toString());
            assertEquals(
                    1, log.lines("OUTBOX0").stream().filter(l -> l.contains("jms/cf")).count());
        }
        assertEquals(List.of("transacted", "plain", "plain"), asked, "asks once, then no more");
    }

    @Test
    void aBrokenConnectionIsTheRelaysFailure() {
        DispatchException e =
                assertThrows(
                        DispatchException.class,
                        () -> new RelaySessions("jms/cf").open(connection(false, true), true));
        assertEquals(DispatchException.Kind.RELAY, e.kind());
    }
}
