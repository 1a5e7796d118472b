package org.zkml4j.samples;

/**
 * The {@code ./zkml4j} command line.
 *
 * <pre>
 * ./zkml4j demo            # the proving core end to end on 2^20 elements
 * ./zkml4j demo --log-n 16 # a smaller run
 * </pre>
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !args[0].equals("demo")) {
            System.err.println("usage: zkml4j demo [--log-n N]");
            System.exit(2);
        }
        int logN = 20;
        if (args.length == 3 && args[1].equals("--log-n")) {
            try {
                logN = Integer.parseInt(args[2]);
            } catch (NumberFormatException e) {
                logN = -1;
            }
        } else if (args.length != 1) {
            logN = -1;
        }
        if (logN < 1 || logN > 24) {
            System.err.println("usage: zkml4j demo [--log-n N]   (1 ≤ N ≤ 24)");
            System.exit(2);
        }
        InnerProductDemo.run(logN, System.out);
    }
}
