package org.zkml4j.samples;

import org.zkml4j.bridge.cli.Cli;
import org.zkml4j.bridge.cli.CliCommand;
import org.zkml4j.bridge.cli.CliException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zkml4j demo}: a DL4J model's verifiable predictions, then a local proving subnet. */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "A DL4J model's verifiable predictions, then a local proving subnet.")
final class DemoCommand extends CliCommand {
    @Option(names = "--rounds", defaultValue = "3", description = "subnet rounds, 1..1000 (default: ${DEFAULT-VALUE})")
    private int rounds;

    @Override
    public Integer call() throws Exception {
        if (rounds < 1 || rounds > 1000) {
            throw new CliException("--rounds must be in [1, 1000]");
        }
        return SubnetDemo.run(rounds, out, err);
    }
}
