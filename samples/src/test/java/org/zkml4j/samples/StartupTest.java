package org.zkml4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verify} and {@code inspect} start without loading DL4J, nd4j or Spark (a fresh JVM, -verbose:class). */
class StartupTest {
    @TempDir
    Path dir;

    @Test
    void verifyAndInspect_loadNoDl4jNd4jOrSparkClass() throws Exception {
        MainTest helper = new MainTest();
        helper.dir = dir;
        helper.compiledTinyClassifier();
        Path proof = dir.resolve("p.proof");
        assertEquals(0, MainTest.run("prove", "--model", dir.resolve("m.zkm").toString(), "--input",
                dir.resolve("x.csv").toString(), "--out", proof.toString()).code());
        for (List<String> command : List.of(List.of("verify", "--key", dir.resolve("m.vk").toString(), "--proof",
                proof.toString()), List.of("inspect", proof.toString()), List.of("--help"))) {
            String loaded = classesLoaded(command);
            assertTrue(loaded.contains("org.zkml4j.samples.Main "), loaded);
            for (String framework : List.of("org.deeplearning4j.", "org.nd4j.", "org.apache.spark.", "scala.")) {
                assertTrue(!loaded.contains(" " + framework), command + " loaded " + framework + " classes");
            }
        }
    }

    private String classesLoaded(List<String> args) throws IOException, InterruptedException {
        Path log = dir.resolve("classes.log");
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xlog:class+load=info", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out");
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        return text;
    }
}
