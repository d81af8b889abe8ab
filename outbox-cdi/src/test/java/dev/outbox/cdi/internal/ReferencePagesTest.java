package dev.outbox.cdi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The configuration reference (docs/configuration.md) and the message catalogue (docs/messages.md)
 * are generated from {@link Property} and {@link Msg}: the part of each page between its markers
 * must be what the code gives. Run with {@code -Doutbox.reference.write=true} to write the pages
 * instead: {@code mvn -pl outbox-cdi test -Dtest=ReferencePagesTest -Doutbox.reference.write=true}.
 */
class ReferencePagesTest {

    static final String BEGIN =
            "<!-- generated from the code by ReferencePagesTest: do not edit -->";
    static final String END = "<!-- end of the generated part -->";

    /** Which module acts on a property, by the start of its name. */
    static final Map<String, String> MODULES =
            Map.ofEntries(
                    Map.entry("outbox.relay.", "outbox-jms"),
                    Map.entry("outbox.retry.", "outbox-jms"),
                    Map.entry("outbox.ordering.", "outbox-jms"),
                    Map.entry("outbox.retention", "outbox-jms"),
                    Map.entry("outbox.inbox.", "outbox-cdi, outbox-jms"),
                    Map.entry("outbox.payload.", "outbox-cdi"),
                    Map.entry("outbox.delivery.", "outbox-cdi"),
                    Map.entry("outbox.destination.", "outbox-cdi"),
                    Map.entry("outbox.route.", "outbox-cdi"),
                    Map.entry("outbox.datasource", "outbox-jpa"),
                    Map.entry("outbox.schema.", "outbox-jpa"),
                    Map.entry("outbox.table.", "outbox-jpa"),
                    Map.entry("outbox.database", "outbox-jpa"),
                    Map.entry("outbox.store.", "outbox-jpa"),
                    Map.entry("outbox.health.", "outbox-ops"),
                    Map.entry("outbox.admin.", "outbox-ops"));

    @Test
    void theConfigurationReferenceIsTheCodes() throws IOException {
        StringBuilder table =
                new StringBuilder("| property | default | module | meaning |\n")
                        .append("| --- | --- | --- | --- |\n");
        for (Property p : Property.values()) {
            table.append("| `")
                    .append(p.key())
                    .append("` | ")
                    .append(defaultText(p.defaultValue()))
                    .append(" | ")
                    .append(module(p.key()))
                    .append(" | ")
                    .append(p.description())
                    .append(" |\n");
        }
        check(Path.of("..", "docs", "configuration.md"), table.toString());
    }

    @Test
    void theMessageCatalogueIsTheCodes() throws IOException {
        StringBuilder table =
                new StringBuilder("| id | level | text |\n").append("| --- | --- | --- |\n");
        for (Msg m : Msg.values()) {
            table.append("| `")
                    .append(m.id())
                    .append("` | ")
                    .append(
                            switch (m.id().charAt(m.id().length() - 1)) {
                                case 'E' -> "error";
                                case 'W' -> "warning";
                                case 'I' -> "information";
                                default -> "detail";
                            })
                    .append(" | ")
                    .append(m.template().replace("|", "\\|").replace("%s", "…").replace("%d", "…"))
                    .append(" |\n");
        }
        check(Path.of("..", "docs", "messages.md"), table.toString());
    }

    private static String defaultText(String value) {
        if (value.isEmpty()) {
            return "none";
        }
        return "detected".equals(value) ? value : "`" + value + "`";
    }

    private static String module(String key) {
        return MODULES.entrySet().stream()
                .filter(e -> key.startsWith(e.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no module for " + key + " in MODULES"));
    }

    private static void check(Path page, String generated) throws IOException {
        String text = Files.readString(page);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertTrue(begin >= 0 && end > begin, page + " lacks the markers " + BEGIN + " and " + END);
        String expected =
                text.substring(0, begin + BEGIN.length())
                        + "\n\n"
                        + generated
                        + "\n"
                        + text.substring(end);
        if (Boolean.getBoolean("outbox.reference.write")) {
            Files.writeString(page, expected);
            return;
        }
        assertEquals(
                expected,
                text,
                page
                        + " is stale: run mvn -pl outbox-cdi test -Dtest=ReferencePagesTest"
                        + " -Doutbox.reference.write=true");
    }
}
