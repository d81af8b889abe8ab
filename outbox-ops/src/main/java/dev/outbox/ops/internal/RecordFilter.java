package dev.outbox.ops.internal;

import java.time.Instant;

import jakarta.ws.rs.QueryParam;

import dev.outbox.admin.RecordQuery;

/**
 * The filters of the record list and of the bulk actions, as query parameters ({@code @BeanParam}):
 * status, destination, key, age range and error text.
 */
public class RecordFilter {

    @QueryParam("status")
    String status;

    @QueryParam("destination")
    String destination;

    @QueryParam("aggregateType")
    String aggregateType;

    @QueryParam("aggregateId")
    String aggregateId;

    @QueryParam("olderThan")
    String olderThan;

    @QueryParam("newerThan")
    String newerThan;

    @QueryParam("error")
    String error;

    /**
     * @param now the time the ages count back from
     * @return the query these filters make
     * @throws AdminRefusal a 400 naming the first parameter that is not valid
     */
    RecordQuery query(Instant now) {
        RecordQuery q =
                RecordQuery.all()
                        .withStatus(AdminParams.status(status))
                        .withDestination(AdminParams.text("destination", destination))
                        .withKey(
                                AdminParams.text("aggregateType", aggregateType),
                                AdminParams.text("aggregateId", aggregateId))
                        .withErrorContaining(AdminParams.text("error", error));
        if (olderThan != null && !olderThan.isBlank()) {
            q = q.withWrittenBefore(now.minus(AdminParams.duration("olderThan", olderThan)));
        }
        if (newerThan != null && !newerThan.isBlank()) {
            q = q.withWrittenAfter(now.minus(AdminParams.duration("newerThan", newerThan)));
        }
        return q;
    }

    /**
     * @return the filters given, in words, for answers and the audit: {@code status=FAILED
     *     destination=billing}, or {@code (all)}
     */
    String describe() {
        String[][] given = {
            {"status", status},
            {"destination", destination},
            {"aggregateType", aggregateType},
            {"aggregateId", aggregateId},
            {"olderThan", olderThan},
            {"newerThan", newerThan},
            {"error", error}
        };
        StringBuilder out = new StringBuilder();
        for (String[] g : given) {
            if (g[1] != null && !g[1].isBlank()) {
                out.append(out.length() == 0 ? "" : " ")
                        .append(g[0])
                        .append('=')
                        .append(g[1].trim());
            }
        }
        return out.length() == 0 ? "(all)" : out.toString();
    }
}
