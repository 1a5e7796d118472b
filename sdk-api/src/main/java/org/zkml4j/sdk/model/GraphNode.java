package org.zkml4j.sdk.model;

import java.util.List;
import java.util.Objects;

/**
 * One node of a {@link ModelGraph} with its wiring: the operation, the names of the values it reads
 * (in the order the operation takes them) and the name of the value it produces. A node is known by
 * its index in the graph and by its output's name.
 *
 * @param op the operation and its parameters
 * @param inputs the values read, each a non-empty name (copied into an unmodifiable list)
 * @param output the value produced, a non-empty name
 */
public record GraphNode(Node op, List<String> inputs, String output) {

    /**
     * @throws NullPointerException if an argument or an input name is null
     * @throws IllegalArgumentException if a name is empty
     */
    public GraphNode {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(output, "output");
        inputs = List.copyOf(Objects.requireNonNull(inputs, "inputs"));
        if (output.isEmpty()) {
            throw new IllegalArgumentException(op.type() + ": field \"output\" is empty; values have non-empty names");
        }
        for (String name : inputs) {
            if (name.isEmpty()) {
                throw new IllegalArgumentException(op.type() + ": field \"inputs\" holds an empty name; values have"
                        + " non-empty names");
            }
        }
    }

    /** The node {@code output = op(inputs...)}. */
    public static GraphNode of(String output, Node op, String... inputs) {
        return new GraphNode(op, List.of(inputs), output);
    }
}
