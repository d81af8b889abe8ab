package dev.outbox.cdi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

/** Keeps the README's configuration reference true: exactly the properties the code reads. */
class ReadmeReferenceTest {

    @Test
    void theReadmeListsEveryPropertyAndNoOther() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String reference = readme.substring(readme.indexOf("## Configuration reference"));
        reference = reference.substring(0, reference.indexOf("\n## ", 5));
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
