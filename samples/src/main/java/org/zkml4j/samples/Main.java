package org.zkml4j.samples;

import java.io.PrintStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.zkml4j.bridge.cli.Cli;
import org.zkml4j.bridge.cli.CliCommand;
import org.zkml4j.bridge.cli.HotkeyCommand;
import org.zkml4j.bridge.cli.MinerCommand;
import org.zkml4j.bridge.cli.SubnetCommand;
import org.zkml4j.bridge.cli.ValidatorCommand;
import org.zkml4j.bridge.cli.VerifierCommand;
import org.zkml4j.bridge.cli.VerifyRemoteCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code ./zkml4j} command line: one picocli command per subcommand, the bridge's included,
 * parsed and run by {@link Cli}. {@code -h/--help} on every command, {@code -V/--version}.
 * Exit codes: 0 success (for {@code verify}: valid), 1 invalid proof (the reason on stderr),
 * 2 bad usage, bad or unreadable input, a spent proof budget or an unreachable node.
 *
 * <pre>
 * ./zkml4j compile --model M.json|M.zip --calibration C.csv --out M.zkm [--weight-visibility committed]
 * ./zkml4j prove --model M.zkm --input X.csv --out P.proof [--nonce N] [--input-visibility private] [--json]
 * ./zkml4j verify --key M.vk --proof P.proof [--json]
 * ./zkml4j inspect FILE [--json]
 * ./zkml4j prove --help
 * </pre>
 */
@Command(name = "zkml4j", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Zero-knowledge proofs of ML inference: compile a model, prove predictions, verify proofs, "
                + "run a proving subnet.",
        footer = {"", "Exit codes: 0 success (verify: valid), 1 invalid proof, 2 bad usage or input, a spent proof "
                + "budget or an unreachable node.", "'zkml4j COMMAND --help' describes a command's options."})
public final class Main extends CliCommand {
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Every subcommand, in the order help lists them. */
    static final Map<String, Supplier<CliCommand>> COMMANDS = commands();

    private static Map<String, Supplier<CliCommand>> commands() {
        Map<String, Supplier<CliCommand>> all = new LinkedHashMap<>();
        all.put("demo", DemoCommand::new);
        all.put("demo-core", DemoCoreCommand::new);
        all.put("dl4j-quickstart", Dl4jQuickstartCommand::new);
        all.put("compile", CompileCommand::new);
        all.put("commit-input", CommitInputCommand::new);
        all.put("prove", ProveCommand::new);
        all.put("verify", VerifyCommand::new);
        all.put("check-outputs", CheckOutputsCommand::new);
        all.put("inspect", InspectCommand::new);
        all.put("miner", MinerCommand::new);
        all.put("validator", ValidatorCommand::new);
        all.put("verify-remote", VerifyRemoteCommand::new);
        all.put("subnet", SubnetCommand::new);
        all.put("verifier", VerifierCommand::new);
        all.put("hotkey", HotkeyCommand::new);
        return Collections.unmodifiableMap(all);
    }

    /**
     * Runs one command; returns the exit code. Only the named command's options are built (picocli
     * reflects over each command it is given), so a short command starts fast; help, an unknown
     * command or none get them all.
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Supplier<CliCommand> named = args.length > 0 ? COMMANDS.get(args[0]) : null;
        CommandLine line = new CommandLine(new Main());
        if (named != null) {
            line.addSubcommand(args[0], named.get());
        } else {
            COMMANDS.forEach((name, command) -> line.addSubcommand(name, command.get()));
        }
        return Cli.run(line, args, out, err);
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
