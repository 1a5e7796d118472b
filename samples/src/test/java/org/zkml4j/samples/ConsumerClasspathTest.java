package org.zkml4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A consumer project with only the documented dependencies: compiled against sdk-api alone, run
 * with sdk-api and the engine (proof-backend and what it brings: circuit-compiler, Gson) — no gRPC,
 * DL4J or Spark on its classpath — it proves, writes a proof file, reads it back and verifies.
 */
class ConsumerClasspathTest {
    private static final String CONSUMER = """
            import org.zkml4j.sdk.*;
            import org.zkml4j.sdk.model.*;

            public class Consumer {
                public static void main(String[] args) throws Exception {
                    ModelGraph graph = ModelGraph.of(2, new Dense(new float[][] {{1, -1}, {0.5f, 2}}, new float[] {0, 1}),
                            new Softmax());
                    VerifiableModel model = VerifiableModel.compile(graph, new float[][] {{1, 0}, {-1, 0.5f}},
                            ProvingOptions.DEFAULTS);
                    VerifiedPrediction p = model.predict(new float[] {0.5f, -0.25f}, 9);
                    ProofFile file = ProofFile.fromBytes(new ProofFile(p.statement(), p.proof()).toBytes());
                    VerificationKey key = VerificationKey.fromBytes(model.verificationKey().toBytes());
                    System.out.println(Verifier.verify(key, file.statement(), file.proof()).valid()
                            + " " + KeyEncoding.of(key).inputSize());
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void consumer_provesAndVerifiesWithSdkApiAndTheEngineOnly() throws Exception {
        List<String> api = entries("/sdk-api/");
        List<String> runtime = new ArrayList<>(api);
        runtime.addAll(entries("/circuit-compiler/"));
        runtime.addAll(entries("/proof-backend/"));
        runtime.addAll(entries("gson"));
        assertEquals(4, runtime.size(), runtime.toString());

        Path source = Files.writeString(dir.resolve("Consumer.java"), CONSUMER);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "-d", dir.toString(), "-cp", String.join(File.pathSeparator, api),
                source.toString()), "compiles against sdk-api alone");

        runtime.add(0, dir.toString());
        Path log = dir.resolve("out.txt");
        Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                String.join(File.pathSeparator, runtime), "Consumer").redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertTrue(java.waitFor(120, TimeUnit.SECONDS), "timed out");
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, java.exitValue(), out);
        assertEquals("true 2", out.strip());
    }

    /** The test classpath's entries whose path contains {@code marker}. */
    private static List<String> entries(String marker) {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.replace(File.separatorChar, '/').contains(marker) && !e.contains("test-classes"))
                .toList();
    }
}
