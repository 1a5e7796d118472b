package org.zkml4j.samples;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.zkml4j.bridge.cli.BridgeCli;
import org.zkml4j.dl4j.Dl4jVerifiableModel;

/**
 * The main demo's story: a Deeplearning4j network's verifiable predictions
 * ({@link Dl4jQuickstart}), then a local proving subnet on loopback serving that very network —
 * four miners (one cheating, one slow), a validator that scores them, a public verification node —
 * for a few rounds with a live score table.
 */
final class SubnetDemo {
    private SubnetDemo() {}

    /** Runs both parts; returns the subnet command's exit code. */
    static int run(int rounds, PrintStream out, PrintStream err) throws IOException {
        out.println("== 1. A Deeplearning4j network with verifiable predictions");
        Dl4jVerifiableModel model = Dl4jQuickstart.run(out);
        Path dir = Files.createTempDirectory("zkml4j-demo");
        Path file = dir.resolve("iris.zkm"); // the circuit's name on the subnet
        try {
            try (OutputStream saved = Files.newOutputStream(file)) {
                model.model().save(saved);
            }
            out.println();
            out.println("== 2. A local proving subnet serving it (validator's fresh inputs and nonce each round)");
            return BridgeCli.run("subnet", new String[] {"--model", file.toString(), "--miners", "4", "--cheaters", "1",
                "--slow", "1", "--rounds", Integer.toString(rounds)}, out, err);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }
}
