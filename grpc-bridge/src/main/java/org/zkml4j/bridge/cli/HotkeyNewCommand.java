package org.zkml4j.bridge.cli;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.zkml4j.bridge.auth.Hotkey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code zkml4j hotkey new FILE}: creates a hotkey file, owner-only, never over an existing one. */
@Command(name = "new", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Create a hotkey in FILE (PKCS#8 PEM, owner-only; an existing file is never overwritten) "
                + "and print its public key.")
public final class HotkeyNewCommand extends CliCommand {
    @Parameters(paramLabel = "FILE", description = "where to create the key")
    private Path file;

    @Override
    public Integer call() throws Exception {
        try {
            out.println(Hotkey.create(file, new SecureRandom()).publicKeyHex());
        } catch (FileAlreadyExistsException e) {
            throw new CliException(file + " exists; a hotkey is never overwritten (zkml4j hotkey show " + file + ")");
        }
        return Cli.OK;
    }
}
