package org.zkml4j.bridge.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code zkml4j hotkey new|show}: makes a node's hotkey file or prints its public key. */
@Command(name = "hotkey", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Make a hotkey (a node's Ed25519 identity) or show its public key.",
        subcommands = {HotkeyNewCommand.class, HotkeyShowCommand.class})
public final class HotkeyCommand extends CliCommand {
    @Spec
    private CommandSpec spec;

    /** No subcommand: the usage text on stderr, exit 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(err);
        return Cli.USAGE;
    }
}
