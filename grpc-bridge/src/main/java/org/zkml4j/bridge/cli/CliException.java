package org.zkml4j.bridge.cli;

/**
 * A command's failure as one line for stderr and an exit code: {@link Cli#USAGE} (bad usage or
 * bad data, the default) or {@link Cli#INVALID} (a proof that does not verify).
 */
public final class CliException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    /** A usage or data error: exit code 2. */
    public CliException(String message) {
        this(message, Cli.USAGE);
    }

    private CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    /** An invalid proof: exit code 1. */
    public static CliException invalid(String message) {
        return new CliException(message, Cli.INVALID);
    }

    /** The process exit code. */
    public int exitCode() {
        return exitCode;
    }
}
