package dev.outbox.it.ops;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The outbox's readiness check as the server reports it, for a scenario driven from the test JVM
 * (which has no JSON parser): {@code key=value} lines with the HTTP status ({@code code}), the
 * check's {@code status}, each field of its data, and the check as JSON ({@code json}); {@code
 * none} when the report has no outbox check.
 */
@WebServlet("/it-ready")
public class ReadinessServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain");
        resp.setCharacterEncoding("UTF-8");
        PrintWriter out = resp.getWriter();
        int code;
        try {
            code = Http.get("/health/ready").statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        JsonObject check = Http.outboxCheck("/health/ready");
        if (check == null) {
            out.print("none");
            return;
        }
        out.println("code=" + code);
        out.println("status=" + check.getString("status"));
        for (Map.Entry<String, JsonValue> e : check.getJsonObject("data").entrySet()) {
            JsonValue v = e.getValue();
            out.println(e.getKey() + "=" + (v instanceof JsonString s ? s.getString() : v));
        }
        out.println("json=" + check);
    }
}
