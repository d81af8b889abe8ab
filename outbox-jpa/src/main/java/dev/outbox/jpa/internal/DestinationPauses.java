package dev.outbox.jpa.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * The pauses of destinations, in {@code outbox_pause}: an operator's, and the relay's own of a
 * destination the broker refuses it (marked by their {@code paused_by}).
 */
final class DestinationPauses {

    private final StoreAccess access;

    DestinationPauses(StoreAccess access) {
        this.access = access;
    }

    void pause(String destination, Instant at, String by) {
        access.call(
                (c, d) ->
                        Rows.insertIfAbsent(
                                c,
                                d,
                                access.tables(),
                                Rows.Keyed.PAUSE,
                                new Object[] {destination, at, by},
                                access.insertWait()));
    }

    boolean resume(String destination) {
        return access.call(
                (c, d) -> {
                    try (PreparedStatement ps = access.prepare(c, d, Statement.RESUME)) {
                        ps.setString(1, destination);
                        return ps.executeUpdate() == 1;
                    }
                });
    }

    int resumePausedBy(String by, Instant before) {
        return access.call(
                (c, d) -> {
                    try (PreparedStatement ps = access.prepare(c, d, Statement.RESUME_PAUSED_BY)) {
                        ps.setString(1, by);
                        Times.bind(d, ps, 2, before);
                        return ps.executeUpdate();
                    }
                });
    }

    boolean resumePausedBy(String destination, String by) {
        return access.call(
                (c, d) -> {
                    try (PreparedStatement ps =
                            access.prepare(c, d, Statement.RESUME_ONE_PAUSED_BY)) {
                        ps.setString(1, destination);
                        ps.setString(2, by);
                        return ps.executeUpdate() == 1;
                    }
                });
    }

    Set<String> paused() {
        return access.call(
                (c, d) -> {
                    Set<String> paused = new TreeSet<>();
                    try (PreparedStatement ps = access.prepare(c, d, Statement.PAUSED);
                            ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            paused.add(rs.getString(1));
                        }
                    }
                    return paused;
                });
    }
}
