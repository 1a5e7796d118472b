package org.zkml4j.samples;

import java.nio.file.Path;
import org.zkml4j.bridge.cli.Cli;
import org.zkml4j.bridge.cli.CliCommand;
import org.zkml4j.bridge.cli.InputFiles;
import org.zkml4j.sdk.ProofFile;
import org.zkml4j.sdk.VerificationKey;
import org.zkml4j.sdk.VerificationResult;
import org.zkml4j.sdk.Verifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code zkml4j check-outputs}: whether outputs and a secret open a proof's output commitment. */
@Command(name = "check-outputs", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Check that outputs and their secret open a proof's committed outputs. Exit 0 yes, 1 no.")
final class CheckOutputsCommand extends CliCommand {
    @Option(names = "--key", required = true, paramLabel = "M.vk", description = "the verification key")
    private Path key;

    @Option(names = "--proof", required = true, paramLabel = "P.proof", description = "the proof file")
    private Path proof;

    @Option(names = "--outputs", required = true, paramLabel = "O.csv", description = "the integer outputs claimed")
    private Path outputs;

    @Option(names = "--secret", required = true, paramLabel = "S", description = "the secret that opens them")
    private Path secret;

    @Mixin
    private CsvOptions csv;

    @Override
    public Integer call() throws Exception {
        VerificationKey verificationKey = VerificationKey.fromBytes(InputFiles.read(key));
        ProofFile file = ProofFile.fromBytes(InputFiles.read(proof));
        float[][] rows = Csv.read(outputs, csv.header());
        int[][] claimed = new int[rows.length][];
        for (int b = 0; b < rows.length; b++) {
            claimed[b] = new int[rows[b].length];
            for (int i = 0; i < rows[b].length; i++) {
                claimed[b][i] = Math.round(rows[b][i]);
            }
        }
        VerificationResult result = Verifier.checkOutputs(verificationKey, file.statement(), claimed,
                InputFiles.read(secret));
        if (!result.valid()) {
            err.println("invalid: " + result.reason());
            return Cli.INVALID;
        }
        out.println("the outputs open the proof's output commitment");
        return Cli.OK;
    }
}
