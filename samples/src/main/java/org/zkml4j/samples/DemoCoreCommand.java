package org.zkml4j.samples;

import org.zkml4j.bridge.cli.Cli;
import org.zkml4j.bridge.cli.CliCommand;
import org.zkml4j.bridge.cli.CliException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zkml4j demo-core}: the proving core on 2^N elements, then a tiny MLP. */
@Command(name = "demo-core", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "The proving core on an inner product of 2^N elements, then a tiny MLP.")
final class DemoCoreCommand extends CliCommand {
    @Option(names = "--log-n", defaultValue = "20", description = "N, 1..24 (default: ${DEFAULT-VALUE})")
    private int logN;

    @Override
    public Integer call() throws Exception {
        if (logN < 1 || logN > 24) {
            throw new CliException("--log-n must be in [1, 24]");
        }
        try {
            InnerProductDemo.run(logN, out);
        } catch (org.zkml4j.backend.io.InvalidProofException e) {
            throw CliException.invalid(e.getMessage());
        }
        PredictionDemo.run(out);
        return Cli.OK;
    }
}
