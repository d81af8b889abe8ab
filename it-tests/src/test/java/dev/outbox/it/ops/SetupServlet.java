package dev.outbox.it.ops;

import java.io.IOException;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.outbox.admin.OutboxRecord;
import dev.outbox.it.app.BulkRefused;
import dev.outbox.it.app.Events;
import dev.outbox.it.app.Probe;
import dev.outbox.testkit.OutboxTestKit;

/**
 * Lets client-side tests fire events: a {@link ConsoleEvent} (answers its record id), or with
 * {@code bulk=n} that many {@link BulkRefused} events (answers n), after deleting the records of
 * their destination that an earlier run may have left.
 */
@WebServlet("/it-setup")
public class SetupServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Deletes every record of the bulk tests' destination. */
    public static final String CLEAR_BULK =
            "DELETE FROM outbox_record WHERE destination = 'it.refused.bulk'";

    @Inject Events events;
    @Inject OutboxTestKit testKit;
    @Inject Probe probe;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String id = req.getParameter("id");
        String bulk = req.getParameter("bulk");
        if (bulk != null) {
            int n = Integer.parseInt(bulk);
            try {
                probe.execute(CLEAR_BULK);
            } catch (java.sql.SQLException | javax.naming.NamingException e) {
                throw new IOException(e);
            }
            for (int i = 0; i < n; i++) {
                events.fire(new BulkRefused(id + "-" + i));
            }
            resp.setContentType("text/plain");
            resp.getWriter().write(String.valueOf(n));
            return;
        }
        String held = req.getParameter("held");
        if (held != null) {
            // one event per transaction: the first is quarantined, the others wait behind it
            for (int i = 0; i <= Integer.parseInt(held); i++) {
                events.fire(new HeldEvent(id, i));
            }
            testKit.awaitWritten("HeldEvent", id); // committed
            resp.setContentType("text/plain");
            resp.getWriter()
                    .write(
                            String.join(
                                    ",",
                                    testKit.records("HeldEvent", id).stream()
                                            .map(OutboxRecord::id)
                                            .toList()));
            return;
        }
        events.fire(new ConsoleEvent(id));
        OutboxRecord r = testKit.awaitWritten("ConsoleEvent", id);
        resp.setContentType("text/plain");
        resp.getWriter().write(r.id());
    }
}
