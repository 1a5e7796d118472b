package org.zkml4j.samples;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.zkml4j.bridge.cli.Cli;
import org.zkml4j.bridge.cli.CliCommand;
import org.zkml4j.bridge.cli.CliException;
import org.zkml4j.bridge.cli.InputFiles;
import org.zkml4j.sdk.ProofFile;
import org.zkml4j.sdk.CommittedInputs;
import org.zkml4j.sdk.VerifiableModel;
import org.zkml4j.sdk.VerifiedPrediction;
import org.zkml4j.sdk.Visibility;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code zkml4j prove}: predicts input rows with a compiled model and writes the proof file. Commitment
 * slots are taken, and their counters saved, before proving ({@link PrivateFiles}, {@link InputSecret}):
 * a crash or a concurrent prover never opens one slot twice.
 */
@Command(name = "prove", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Predict input rows and prove it: writes P.proof (statement and proof).")
final class ProveCommand extends CliCommand {
    @Option(names = "--model", required = true, paramLabel = "M.zkm", description = "the compiled model")
    private Path model;

    @Option(names = "--input", required = true, paramLabel = "X.csv", description = "the input rows")
    private Path input;

    @Option(names = "--out", required = true, paramLabel = "P.proof", description = "the proof file to write")
    private Path target;

    @Option(names = "--nonce", defaultValue = "0", description = "bound into the proof (default: ${DEFAULT-VALUE})")
    private long nonce;

    @Option(names = "--input-visibility", defaultValue = "public", paramLabel = "public|private",
            description = "private: the statement carries no inputs (default: ${DEFAULT-VALUE})")
    private String inputVisibility;

    @Option(names = "--output-visibility", defaultValue = "public", paramLabel = "public|private|committed",
            description = "private: only the classes; committed: a commitment, opened by P.proof.outputs.csv and "
                    + "P.proof.secret (default: ${DEFAULT-VALUE})")
    private String outputVisibility;

    @Option(names = "--input-secret", paramLabel = "X.cmt.secret",
            description = "prove committed inputs (zkml4j commit-input): the statement carries X.cmt")
    private Path inputSecret;

    @Option(names = "--strict", description = "refuse input values outside the calibrated range instead of "
            + "clamping them (clamped values are reported on stderr)")
    private boolean strict;

    @Option(names = "--json", description = "print one JSON object instead")
    private boolean json;

    @Mixin
    private CsvOptions csv;

    @Override
    public Integer call() throws Exception {
        Visibility in = visibility("--input-visibility", inputVisibility, false);
        Visibility shown = visibility("--output-visibility", outputVisibility, true);
        byte[] saved = ModelFile.compiledBytes(model);
        VerifiableModel loaded = VerifiableModel.load(new ByteArrayInputStream(saved));
        VerifiableModel prover = withVisibility(loaded, in, shown).withStrictInputRange(strict);
        float[][] rows = Csv.read(input, csv.header());
        CommittedInputs committed = inputSecret != null ? reserveInputs(prover, rows, inputSecret) : null;
        if (prover.weightVisibility() == Visibility.COMMITTED) {
            prover = withVisibility(reserveModel(model, saved, loaded), in, shown).withStrictInputRange(strict);
        }
        VerifiedPrediction p = committed != null ? prover.predictCommitted(committed, nonce)
                : prover.predictBatch(rows, nonce);
        Files.write(target, new ProofFile(p.statement(), p.proof()).toBytes());
        Json j = new Json().put("proof", target.toString()).put("proofBytes", p.proof().length);
        Json[] rowsJson = new Json[rows.length];
        for (int b = 0; b < rows.length; b++) {
            rowsJson[b] = new Json().put("outputs", p.outputs()[b]).put("clampedInputs", p.clampedInputs()[b]);
            if (p.clampedInputs()[b] > 0) {
                err.println("warning: row " + (b + 1) + ": " + p.clampedInputs()[b] + " input value(s) outside the "
                        + "calibrated range were clamped; the proof is about the clamped input (--strict refuses it)");
            }
            if (p.classes() != null) {
                rowsJson[b].put("class", p.classes()[b]);
            }
            if (!json) {
                out.println((p.classes() != null ? "class " + p.classes()[b] + "  " : "") + "outputs "
                        + Arrays.toString(p.outputs()[b]));
            }
        }
        j.putObjects("rows", rowsJson);
        if (shown == Visibility.PRIVATE && !json) {
            out.println("the statement shows only the classes; the outputs stay with you");
        }
        if (shown == Visibility.COMMITTED) {
            Path secret = target.resolveSibling(target.getFileName() + ".secret");
            Path opening = target.resolveSibling(target.getFileName() + ".outputs.csv");
            PrivateFiles.write(secret, p.outputSecret());
            String csv = Arrays.stream(p.quantizedOutputs())
                    .map(row -> Arrays.stream(row).mapToObj(Integer::toString).collect(Collectors.joining(",")) + "\n")
                    .collect(Collectors.joining());
            // the hidden outputs themselves: as private as the secret that opens their commitment
            PrivateFiles.write(opening, csv.getBytes(StandardCharsets.UTF_8));
            j.put("outputsFile", opening.toString()).put("secretFile", secret.toString());
            if (!json) {
                out.println("the statement carries a commitment to the outputs; " + opening + " and " + secret
                        + " open it (check-outputs)");
            }
        }
        out.println(json ? j : "proof " + p.proof().length + " bytes");
        return Cli.OK;
    }

    private static Visibility visibility(String option, String value, boolean output) throws CliException {
        return switch (value) {
            case "public" -> Visibility.PUBLIC;
            case "private" -> Visibility.PRIVATE;
            case "committed" -> {
                if (!output) {
                    throw new CliException(option + " must be public or private (committed inputs: commit-input, "
                            + "then prove --input-secret)");
                }
                yield Visibility.COMMITTED;
            }
            default -> throw new CliException(option + " must be public or private" + (output ? " or committed" : ""));
        };
    }

    private static VerifiableModel withVisibility(VerifiableModel model, Visibility input, Visibility output) {
        return model.withOutputVisibility(Visibility.PUBLIC).withInputVisibility(input).withOutputVisibility(output);
    }

    /**
     * Takes a proof's slot of the committed inputs whose secret and counter {@code secretFile}
     * holds: under the file's lock, re-creates the commitment at the saved counter, reserves the
     * next slot and saves the counter past it.
     *
     * @throws IllegalStateException once the commitment's budget is spent
     */
    private static CommittedInputs reserveInputs(VerifiableModel model, float[][] rows, Path secretFile)
            throws IOException {
        InputSecret.read(InputFiles.read(secretFile), secretFile); // a wrong file gets no lock file
        return PrivateFiles.update(secretFile, current -> {
            InputSecret secret = InputSecret.read(current, secretFile);
            CommittedInputs inputs = model.commitInputs(rows, secret.secret(), secret.nextSlot());
            CommittedInputs once = inputs.reserveProof();
            return new PrivateFiles.Change<>(InputSecret.of(inputs).toBytes(), once);
        });
    }

    /**
     * Takes a proof's slot of the committed-weights model in {@code file}: under the file's lock,
     * the model as saved there ({@code loaded} if that is still {@code read}), saved with its
     * counter past the reserved slot.
     *
     * @throws IllegalStateException once the model's budget is spent
     */
    private static VerifiableModel reserveModel(Path file, byte[] read, VerifiableModel loaded) throws IOException {
        return PrivateFiles.update(file, current -> {
            VerifiableModel saved = Arrays.equals(current, read) ? loaded
                    : VerifiableModel.load(new ByteArrayInputStream(current));
            VerifiableModel once = saved.reserveProof();
            return new PrivateFiles.Change<>(ModelFile.saved(saved), once);
        });
    }
}
