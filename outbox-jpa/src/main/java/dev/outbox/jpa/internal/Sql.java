package dev.outbox.jpa.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement written with numbered placeholders ({@code ?1}, {@code ?2}, each usable several
 * times), turned into JDBC text and bound by number.
 */
final class Sql {

    /** Binds the value of one numbered placeholder at one JDBC position. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps, int jdbcIndex, int number) throws SQLException;
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\?(\\d+)");

    private final String jdbc;
    private final int[] numbers;

    private Sql(String jdbc, int[] numbers) {
        this.jdbc = jdbc;
        this.numbers = numbers;
    }

    /**
     * Every text comes from a {@link Dialect} (a few dozen in all), and some are run for every
     * event written: each is parsed once.
     */
    private static final Map<String, Sql> PARSED = new ConcurrentHashMap<>();

    static Sql of(String text) {
        return PARSED.computeIfAbsent(text, Sql::parse);
    }

    private static Sql parse(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        List<Integer> order = new ArrayList<>();
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            order.add(Integer.parseInt(m.group(1)));
            m.appendReplacement(out, "?");
        }
        m.appendTail(out);
        return new Sql(out.toString(), order.stream().mapToInt(Integer::intValue).toArray());
    }

    String jdbc() {
        return jdbc;
    }

    void bind(PreparedStatement ps, Binder binder) throws SQLException {
        for (int i = 0; i < numbers.length; i++) {
            binder.bind(ps, i + 1, numbers[i]);
        }
    }
}
