package org.zkml4j.bridge.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options of one command, checked against the names it accepts. */
final class Options {
    private final Map<String, String> values;

    private Options(Map<String, String> values) {
        this.values = values;
    }

    /** @throws UsageException for an unknown option, a missing value or a repeated option */
    static Options parse(String[] args, Set<String> allowed) throws UsageException {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new UsageException("expected --option value pairs, got '" + args[i] + "'");
            }
            String name = args[i].substring(2);
            if (!allowed.contains(name)) {
                throw new UsageException("unknown option --" + name);
            }
            if (map.put(name, args[i + 1]) != null) {
                throw new UsageException("--" + name + " given twice");
            }
        }
        return new Options(map);
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String required(String name) throws UsageException {
        String v = values.get(name);
        if (v == null) {
            throw new UsageException("missing --" + name);
        }
        return v;
    }

    /** A comma-separated list (empty when absent). */
    List<String> list(String name) {
        String v = values.get(name);
        return v == null || v.isBlank() ? List.of() : List.of(v.split(","));
    }

    long integer(String name, long fallback, long min, long max) throws UsageException {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--" + name + " must be an integer in [" + min + ", " + max + "], got '" + v + "'");
    }

    boolean flag(String name) throws UsageException {
        String v = values.getOrDefault(name, "false");
        if (!v.equals("true") && !v.equals("false")) {
            throw new UsageException("--" + name + " must be true or false, got '" + v + "'");
        }
        return v.equals("true");
    }

    /** A usage error: exit code 2 with the usage text. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
