package org.zkml4j.bridge.cli;

import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Runs a picocli command tree: the one parser of every {@code ./zkml4j} command. Exit codes:
 * {@value #OK} success (for a verification: valid), {@value #INVALID} an invalid proof (the reason
 * on stderr), {@value #USAGE} bad usage, bad or unreadable input, a spent proof budget or an
 * unreachable node. A usage error prints its reason and where help is; a data error only its
 * one-line reason.
 *
 * <pre>{@code
 * int code = Cli.run(new MyTopCommand(), args, System.out, System.err);
 * }</pre>
 */
public final class Cli {
    /** Success (for a verification: valid). */
    public static final int OK = 0;
    /** The proof does not verify. */
    public static final int INVALID = 1;
    /** Bad usage, bad or unreadable input, a spent budget or an unreachable node. */
    public static final int USAGE = 2;

    private Cli() {}

    /** Parses {@code args} for {@code command} (annotated with picocli) and runs it; returns the exit code. */
    public static int run(Object command, String[] args, PrintStream out, PrintStream err) {
        return run(new CommandLine(command), args, out, err);
    }

    /** Parses {@code args} for the command tree {@code line} and runs it; returns the exit code. */
    public static int run(CommandLine line, String[] args, PrintStream out, PrintStream err) {
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        line.setExecutionStrategy(parsed -> {
            for (CommandLine c : parsed.asCommandLineList()) {
                if (c.getCommand() instanceof CliCommand cli) {
                    cli.streams(out, err);
                }
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        line.setParameterExceptionHandler((e, ignored) -> usageError(e, err));
        line.setExecutionExceptionHandler((e, ignored, parsed) -> {
            err.println("zkml4j: " + describe(e));
            return e instanceof CliException c ? c.exitCode() : USAGE;
        });
        return line.execute(args);
    }

    private static int usageError(ParameterException e, PrintStream err) {
        CommandLine where = e.getCommandLine();
        boolean unknownCommand = e instanceof UnmatchedArgumentException u && where.getParent() == null
                && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-");
        err.println("zkml4j: " + (unknownCommand ? "unknown command '" + ((UnmatchedArgumentException) e)
                .getUnmatched().get(0) + "'" : e.getMessage()));
        err.println("see '" + where.getCommandSpec().qualifiedName() + " --help'");
        return USAGE;
    }

    /** The one-line reason for a failure, naming the file or the remote end where there is one. */
    static String describe(Throwable e) {
        if (e instanceof UncheckedIOException u) {
            return describe(u.getCause());
        }
        if (e instanceof NoSuchFileException f) {
            return "no such file: " + f.getFile();
        }
        if (e instanceof AccessDeniedException f) {
            return "permission denied: " + f.getFile();
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getFile() + ": " + f.getReason();
        }
        if (e instanceof StatusRuntimeException s) {
            return NetworkErrors.describe(s);
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.lines().findFirst()
                .orElse(message);
    }

    /** {@code --version}: the project version the build wrote into {@code version.properties}. */
    public static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Cli.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"zkml4j " + p.getProperty("version", "(unknown version)")};
        }
    }
}
