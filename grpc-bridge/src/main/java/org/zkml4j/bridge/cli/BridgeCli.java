package org.zkml4j.bridge.cli;

import java.io.PrintStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The bridge's commands on their own ({@code ./zkml4j} has them among its own): exit codes as in
 * {@link Cli}.
 *
 * <pre>
 * zkml4j miner --validators HEX[,HEX] [--port 50051] [--hotkey miner.key] [--model M.zkm[,…]] [--tls-dir D] [--seconds N]
 * zkml4j validator --miners HOST:PORT@HEX[,…] [--hotkey validator.key] [--key M.vk[,…]] [--rounds 10] …
 * zkml4j verify-remote --target HOST:PORT --proof P.proof (--key M.vk | --circuit-id HEX) [--tls-ca CERT]
 * zkml4j subnet [--miners 4] [--cheaters 1] [--slow 1] [--rounds 5] [--tls]
 * zkml4j verifier --host H --port P [--key M.vk[,…]] [--tls-dir D]
 * zkml4j hotkey new FILE | show FILE
 * </pre>
 */
@Command(name = "zkml4j", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        subcommands = {MinerCommand.class, ValidatorCommand.class, VerifyRemoteCommand.class, SubnetCommand.class,
            VerifierCommand.class, HotkeyCommand.class})
public final class BridgeCli extends CliCommand {
    /** Runs {@code command} with {@code args}; returns the exit code. */
    public static int run(String command, String[] args, PrintStream out, PrintStream err) {
        String[] all = new String[args.length + 1];
        all[0] = command;
        System.arraycopy(args, 0, all, 1, args.length);
        return Cli.run(new BridgeCli(), all, out, err);
    }

    @Spec
    private CommandSpec spec;

    /** No command: the usage text on stderr, exit 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(err);
        return Cli.USAGE;
    }
}
