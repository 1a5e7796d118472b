package org.zkml4j.samples;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import org.zkml4j.bridge.cli.Cli;
import org.zkml4j.bridge.cli.CliCommand;
import org.zkml4j.bridge.cli.InputFiles;
import org.zkml4j.sdk.ProofFile;
import org.zkml4j.sdk.Statement;
import org.zkml4j.sdk.VerifiableModel;
import org.zkml4j.sdk.VerificationKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code zkml4j inspect}: says what a zkml4j file is and what it holds. Loads neither DL4J nor Spark. */
@Command(name = "inspect", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Describe a model, key, proof or input secret file.")
final class InspectCommand extends CliCommand {
    private static final int KEY = 0x5A4B564B; // "ZKVK"
    private static final int PROOF = 0x5A4B5046; // "ZKPF"
    private static final int MODEL = 0x5A4B4D44; // "ZKMD"

    @Parameters(paramLabel = "FILE", description = "the file to describe")
    private Path file;

    @Option(names = "--json", description = "print one JSON object instead")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        byte[] bytes = InputFiles.read(file);
        int magic = bytes.length >= 4 ? ByteBuffer.wrap(bytes).getInt() : 0;
        Json j = new Json();
        String text = switch (magic) {
            case KEY -> {
                VerificationKey key = VerificationKey.fromBytes(bytes);
                j.put("kind", "verification-key").put("engine", key.engine()).put("circuitId", key.circuitIdHex());
                yield "verification key, engine " + key.engine() + ", circuit id " + key.circuitIdHex();
            }
            case PROOF -> proof(ProofFile.fromBytes(bytes), j);
            case MODEL -> {
                VerifiableModel model = VerifiableModel.load(new ByteArrayInputStream(bytes));
                String weights = model.weightVisibility().name().toLowerCase(Locale.ROOT);
                j.put("kind", "compiled-model").put("circuitId", model.verificationKey().circuitIdHex())
                        .put("weights", weights);
                yield "compiled model, circuit id " + model.verificationKey().circuitIdHex() + ", " + weights + " weights";
            }
            case InputSecret.MAGIC -> {
                int slot = InputSecret.read(bytes, file).nextSlot();
                j.put("kind", "input-secret").put("nextUnusedSlot", slot);
                yield "input secret, next unused slot " + slot;
            }
            default -> throw new IOException(file + " is not a zkml4j model, key, proof or input secret file");
        };
        out.println(json ? j : text);
        return Cli.OK;
    }

    private static String proof(ProofFile file, Json j) {
        Statement s = file.statement();
        String inputs = s.inputCommitment() != null ? "committed" : s.inputs() == null ? "private" : "public";
        String outputs = s.outputCommitment() != null ? "committed" : s.outputs() == null ? "private" : "public";
        String circuit = HexFormat.of().formatHex(s.circuitId());
        j.put("kind", "proof").put("rows", s.rows()).put("nonce", s.nonce()).put("inputs", inputs)
                .put("outputs", outputs).put("proofBytes", file.proof().length).put("circuitId", circuit);
        if (s.classes() != null && s.outputs() == null) {
            j.put("classes", s.classes());
        }
        return "proof file: " + s.rows() + " rows, nonce " + s.nonce() + ", " + inputs + " inputs, "
                + (outputs.equals("private") ? "private outputs (classes " + Arrays.toString(s.classes()) + ")"
                        : outputs + " outputs")
                + ", proof " + file.proof().length + " bytes, circuit id " + circuit;
    }
}
