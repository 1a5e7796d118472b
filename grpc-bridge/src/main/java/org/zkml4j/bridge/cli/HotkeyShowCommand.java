package org.zkml4j.bridge.cli;

import java.nio.file.Path;
import org.zkml4j.bridge.auth.Hotkey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code zkml4j hotkey show FILE}: prints the public key (hex) of a hotkey file. */
@Command(name = "show", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Print the public key of the hotkey in FILE: the name other nodes know this node by.")
public final class HotkeyShowCommand extends CliCommand {
    @Parameters(paramLabel = "FILE", description = "the hotkey file")
    private Path file;

    @Override
    public Integer call() throws Exception {
        out.println(Hotkey.load(file).publicKeyHex());
        return Cli.OK;
    }
}
