package org.zkml4j.samples;

import java.nio.file.Files;
import java.nio.file.Path;
import org.zkml4j.bridge.cli.Cli;
import org.zkml4j.bridge.cli.CliCommand;
import org.zkml4j.bridge.cli.CliException;
import org.zkml4j.sdk.ProvingOptions;
import org.zkml4j.sdk.VerifiableModel;
import org.zkml4j.sdk.Visibility;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code zkml4j compile}: a source model and calibration rows to a compiled model and its key. */
@Command(name = "compile", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Compile a model for proving: writes M.zkm (the prover's) and M.vk (the verifiers' key).")
final class CompileCommand extends CliCommand {
    @Option(names = "--model", required = true, paramLabel = "FILE",
            description = "a DL4J ModelSerializer zip or a ModelGraph JSON file (told apart by content)")
    private Path model;

    @Option(names = "--calibration", required = true, paramLabel = "C.csv",
            description = "representative input rows; inputs are quantized to their range")
    private Path calibration;

    @Option(names = "--out", required = true, paramLabel = "M.zkm", description = "the compiled model (the key goes beside it as M.vk)")
    private Path target;

    @Option(names = "--weight-visibility", defaultValue = "public", paramLabel = "public|committed",
            description = "committed: the key holds a commitment, proofs hide the weights (default: ${DEFAULT-VALUE})")
    private String weights;

    @Option(names = "--proof-budget", paramLabel = "K",
            description = "committed weights: proofs one commitment hides them for (default: 32)")
    private Integer proofBudget;

    @Option(names = "--activation-bits", paramLabel = "B", description = "fixed-point bits of activations, 4..16 (default: 10)")
    private Integer activationBits;

    @Option(names = "--weight-bits", paramLabel = "B", description = "fixed-point bits of weights, 2..16 (default: 10)")
    private Integer weightBits;

    @Option(names = "--security-bits", paramLabel = "S", description = "soundness target, 80..104 (default: 100)")
    private Integer securityBits;

    @Mixin
    private CsvOptions csv;

    @Override
    public Integer call() throws Exception {
        if (!weights.equals("public") && !weights.equals("committed")) {
            throw new CliException("--weight-visibility must be public or committed");
        }
        ProvingOptions.Builder settings = ProvingOptions.builder()
                .weightVisibility(weights.equals("committed") ? Visibility.COMMITTED : Visibility.PUBLIC);
        if (proofBudget != null) {
            settings.proofBudget(proofBudget);
        }
        if (activationBits != null) {
            settings.activationBits(activationBits);
        }
        if (weightBits != null) {
            settings.weightBits(weightBits);
        }
        if (securityBits != null) {
            settings.securityBits(securityBits);
        }
        ProvingOptions options = settings.build();
        VerifiableModel compiled = VerifiableModel.compile(ModelFile.source(model), Csv.read(calibration, csv.header()), options);
        if (compiled.weightVisibility() == Visibility.COMMITTED) {
            PrivateFiles.write(target, ModelFile.saved(compiled)); // it holds the commitment's seed
        } else {
            Files.write(target, ModelFile.saved(compiled));
        }
        Path key = keyPath(target);
        Files.write(key, compiled.verificationKey().toBytes());
        out.println("circuit id " + compiled.verificationKey().circuitIdHex());
        out.println("wrote " + target + " and " + key);
        if (compiled.weightVisibility() == Visibility.COMMITTED) {
            out.println("the key holds a commitment to the weights, not the weights; keep " + target
                    + " secret (it holds them)");
        }
        return Cli.OK;
    }

    /** M.vk beside M.zkm. */
    static Path keyPath(Path model) {
        String name = model.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return model.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".vk");
    }
}
