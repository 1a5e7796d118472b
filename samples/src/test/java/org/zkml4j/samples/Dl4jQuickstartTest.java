package org.zkml4j.samples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class Dl4jQuickstartTest {
    @Test
    void run_heldOutRowsAreProvenAsDl4jClassifiesThemAndOnlyTheTrueClaimVerifies() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Dl4jQuickstart.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("proven class = DL4J's class on 30/30 rows"), out);
        assertTrue(out.matches("(?s).*verified with only the key in [0-9.]+ ms: valid\n.*"), out);
        assertTrue(out.contains("a changed logit: rejected — "), out);
        assertTrue(out.contains("statement without inputs: valid"), out);
        assertTrue(out.contains("private input and logits: statement shows only class "), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("private input and logits") && l.endsWith(": valid")), out);
    }

    /** The README's Deeplearning4j snippet is made of the quickstart's own lines. */
    @Test
    void readme_deeplearning4jSnippetIsQuickstartCode() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int section = readme.indexOf("## Deeplearning4j");
        assertTrue(section >= 0, "README has no Deeplearning4j section");
        int start = readme.indexOf("```java\n", section) + "```java\n".length();
        List<String> snippet = codeLines(readme.substring(start, readme.indexOf("```", start)));
        Set<String> source = Set.copyOf(codeLines(Files.readString(
                Path.of("src/main/java/org/zkml4j/samples/Dl4jQuickstart.java"))));
        assertFalse(snippet.isEmpty());
        for (String line : snippet) {
            assertTrue(source.contains(line), "README line not in Dl4jQuickstart.java: " + line);
        }
    }

    /** Lines without indentation and trailing comments, blank lines and comment-only lines dropped. */
    private static List<String> codeLines(String text) {
        return text.lines()
                .map(line -> line.replaceAll("\\s*//.*$", "").strip())
                .filter(line -> !line.isEmpty() && !line.equals("..."))
                .collect(Collectors.toList());
    }
}
