package org.zkml4j.samples;

import org.zkml4j.bridge.cli.Cli;
import org.zkml4j.bridge.cli.CliCommand;
import picocli.CommandLine.Command;

/** {@code zkml4j dl4j-quickstart}: trains an Iris classifier in DL4J and proves its predictions. */
@Command(name = "dl4j-quickstart", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Train an Iris classifier in DL4J and prove its predictions (see Dl4jQuickstart).")
final class Dl4jQuickstartCommand extends CliCommand {
    @Override
    public Integer call() throws Exception {
        Dl4jQuickstart.run(out);
        return Cli.OK;
    }
}
