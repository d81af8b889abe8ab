package dev.outbox.it.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.stream.Collectors;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.outbox.cdi.internal.RelayHandle;

/**
 * The steps a scenario driven from the test JVM takes in the server, one per POST ({@code
 * /it-steps?op=...}), answered as plain text: so that a suite that stops the broker (which runs in
 * the test JVM) or deploys applications is one test method, not several that depend on their order.
 * Every test application has it.
 */
@WebServlet("/it-steps")
public class StepServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject Orders orders;
    @Inject Probe probe;
    @Inject Instance<RelayHandle> relay;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain");
        resp.setCharacterEncoding("UTF-8");
        String answer;
        try {
            answer = run(req.getParameter("op"), req);
        } catch (Exception e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            resp.setStatus(500);
            answer = trace.toString();
        }
        resp.getWriter().print(answer);
    }

    private String run(String op, HttpServletRequest req) throws Exception {
        String prefix = req.getParameter("prefix");
        return switch (op) {
            case "place" -> {
                orders.place(req.getParameter("id"), "c", BigDecimal.ONE);
                yield "placed";
            }
            case "remind" -> {
                orders.remind(
                        new Reminder(
                                req.getParameter("id"), Instant.parse(req.getParameter("at"))));
                yield "reminded";
            }
            // one line per record, in key order: event type, dispatched time (ISO-8601) or -
            case "dispatch-times" ->
                    probe.records(prefix).stream()
                            .map(
                                    r ->
                                            r.eventType()
                                                    + " "
                                                    + (r.dispatchedAt() == null
                                                            ? "-"
                                                            : r.dispatchedAt().toString()))
                            .collect(Collectors.joining("\n"));
            case "place-many" -> {
                orders.placeMany(prefix, number(req, "count"));
                yield "placed";
            }
            case "delete-all" -> {
                probe.deleteAll(prefix);
                yield "deleted";
            }
            case "delete-unsent" -> {
                probe.deleteUnsent();
                yield "deleted";
            }
            // one line per record, in key order: STATUS attempts dispatched|-
            case "records" ->
                    probe.records(prefix).stream()
                            .map(
                                    r ->
                                            r.status()
                                                    + " "
                                                    + r.attempts()
                                                    + " "
                                                    + (r.dispatchedAt() == null
                                                            ? "-"
                                                            : "dispatched"))
                            .collect(Collectors.joining("\n"));
            case "all-dispatched" -> Boolean.toString(probe.allDispatched(prefix));
            case "failed-rounds" -> Long.toString(relay.get().failedRounds());
            case "failing" -> Boolean.toString(relay.get().failing());
            case "receive" -> {
                Received m =
                        probe.receive(
                                req.getParameter("queue"), prefix, number(req, "timeoutMillis"));
                yield m == null ? "" : String.valueOf(m.property("outboxAggregateId"));
            }
            case "receive-all" ->
                    Integer.toString(
                            probe.receiveAll(
                                            req.getParameter("queue"),
                                            prefix,
                                            number(req, "expected"),
                                            number(req, "quietMillis"))
                                    .size());
            case "execute" -> {
                probe.execute(req.getParameter("sql"));
                yield "executed";
            }
            case "database-product" -> probe.databaseProduct();
            default -> throw new IllegalArgumentException("no step " + op);
        };
    }

    private static int number(HttpServletRequest req, String name) {
        return Integer.parseInt(req.getParameter(name));
    }
}
