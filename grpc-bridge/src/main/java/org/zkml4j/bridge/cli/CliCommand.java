package org.zkml4j.bridge.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * A {@code ./zkml4j} subcommand: picocli fills its options, {@link Cli} gives it the streams, and
 * {@link #call()} returns the exit code or throws a {@link CliException} (one line, exit 2 or 1).
 * Options are spelled alike across commands; {@code -h/--help} and {@code -V/--version} come with
 * {@code mixinStandardHelpOptions}.
 */
public abstract class CliCommand implements Callable<Integer> {
    /** Where results go. */
    protected PrintStream out = System.out;
    /** Where warnings and errors go. */
    protected PrintStream err = System.err;

    final void streams(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }
}
