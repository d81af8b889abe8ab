package dev.outbox.it.ops;

import java.io.IOException;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.outbox.OutboxRecord;
import dev.outbox.it.app.Events;
import dev.outbox.testkit.OutboxTestKit;

/** Lets client-side tests fire a {@link ConsoleEvent}: answers the record id. */
@WebServlet("/it-setup")
public class SetupServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject Events events;
    @Inject OutboxTestKit testKit;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String id = req.getParameter("id");
        events.fire(new ConsoleEvent(id));
        OutboxRecord r = testKit.awaitWritten("ConsoleEvent", id);
        resp.setContentType("text/plain");
        resp.getWriter().write(r.id());
    }
}
