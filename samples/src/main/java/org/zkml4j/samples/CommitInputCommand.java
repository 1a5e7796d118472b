package org.zkml4j.samples;

import java.nio.file.Files;
import java.nio.file.Path;
import org.zkml4j.bridge.cli.Cli;
import org.zkml4j.bridge.cli.CliCommand;
import org.zkml4j.sdk.CommittedInputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code zkml4j commit-input}: commits input rows for committed-input proofs. */
@Command(name = "commit-input", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Commit input rows: writes X.cmt (publish it) and X.cmt.secret (for the prover only).")
final class CommitInputCommand extends CliCommand {
    @Option(names = "--model", required = true, paramLabel = "M.zkm", description = "the compiled model")
    private Path model;

    @Option(names = "--input", required = true, paramLabel = "X.csv", description = "the rows to commit")
    private Path input;

    @Option(names = "--out", required = true, paramLabel = "X.cmt", description = "the commitment (the secret goes beside it)")
    private Path target;

    @Mixin
    private CsvOptions csv;

    @Override
    public Integer call() throws Exception {
        CommittedInputs committed = ModelFile.compiled(model).commitInputs(Csv.read(input, csv.header()));
        Path secret = target.resolveSibling(target.getFileName() + ".secret");
        Files.write(target, committed.commitment());
        PrivateFiles.write(secret, InputSecret.of(committed).toBytes());
        out.println("wrote " + target + " (publish it) and " + secret + " (give it, with the inputs, to the prover "
                + "only)");
        return Cli.OK;
    }
}
