package org.zkml4j.samples;

import java.nio.file.Path;
import org.zkml4j.bridge.cli.Cli;
import org.zkml4j.bridge.cli.CliCommand;
import org.zkml4j.bridge.cli.Groth16Files;
import org.zkml4j.bridge.cli.InputFiles;
import org.zkml4j.groth16.Verdict;
import org.zkml4j.sdk.ProofFile;
import org.zkml4j.sdk.VerificationKey;
import org.zkml4j.sdk.VerificationResult;
import org.zkml4j.sdk.Verifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zkml4j verify}: checks a proof file against a verification key. Loads neither DL4J nor Spark. */
@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Verify a proof file. Exit 0 valid, 1 invalid (the reason on stderr), 2 bad usage or input.")
final class VerifyCommand extends CliCommand {
    @Option(names = "--key", required = true, paramLabel = "M.vk", description = "the verification key")
    private Path key;

    @Option(names = "--proof", required = true, paramLabel = "P.proof", description = "the proof file")
    private Path proof;

    @Option(names = "--json", description = "print {\"valid\":…,\"reason\":…} on stdout instead")
    private boolean json;

    @Option(names = "--system", defaultValue = "zkml4j", description = Groth16Files.SYSTEM_HELP)
    private String system;

    @Option(names = "--public", paramLabel = "public.json", description = "groth16: the public signals")
    private Path publicSignals;

    @Override
    public Integer call() throws Exception {
        boolean groth16 = Groth16Files.selects(system);
        Groth16Files.requirePublic(groth16, publicSignals);
        VerificationResult result;
        if (groth16) {
            Verdict verdict = Groth16Files.verify(key, proof, publicSignals);
            result = verdict.valid() ? VerificationResult.VALID : VerificationResult.invalid(verdict.reason());
        } else {
            ProofFile file = ProofFile.fromBytes(InputFiles.read(proof));
            result = Verifier.verify(VerificationKey.fromBytes(InputFiles.read(key)), file.statement(), file.proof());
        }
        if (json) {
            Json answer = new Json().put("valid", result.valid());
            out.println(result.valid() ? answer : answer.put("reason", result.reason()));
        } else if (result.valid()) {
            out.println("valid");
        } else {
            err.println("invalid: " + result.reason());
        }
        return result.valid() ? Cli.OK : Cli.INVALID;
    }
}
