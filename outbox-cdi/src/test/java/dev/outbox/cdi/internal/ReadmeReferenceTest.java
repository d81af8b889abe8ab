package dev.outbox.cdi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * Keeps the configuration reference (docs/configuration.md, which the README links to) true:
 * exactly the properties the code reads.
 */
class ReadmeReferenceTest {

    @Test
    void theConfigurationReferenceListsEveryPropertyAndNoOther() throws IOException {
        String page = Files.readString(Path.of("..", "docs", "configuration.md"));
        int start = page.indexOf("# Configuration reference");
        assertTrue(start >= 0, "docs/configuration.md lacks its heading # Configuration reference");
        String reference = page.substring(start);
        int end = reference.indexOf("\n## ");
        if (end >= 0) {
            reference = reference.substring(0, end);
        }
        Set<String> documented = new TreeSet<>();
        Matcher m =
                Pattern.compile("^\\| `(outbox\\.[^`]+)` \\|", Pattern.MULTILINE)
                        .matcher(reference);
        while (m.find()) {
            documented.add(m.group(1));
        }
        Set<String> known =
                Arrays.stream(Property.values())
                        .map(Property::key)
                        .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(known, documented);
    }
}
