package org.zkml4j.sdk.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A framework-neutral description of a feed-forward model: {@link #nodes()} are applied in order to
 * a flat float vector of length {@link #inputSize()}.
 *
 * <p>This is what adapters (Deeplearning4j, Spark ML) produce, what the circuit compiler consumes,
 * and what {@link ModelGraphJson} stores. The canonical constructor validates the whole graph, so
 * every instance is a well-formed model:
 * <ul>
 *   <li>{@code inputSize > 0}, and there is at least one {@link Dense} node;</li>
 *   <li>shapes chain: each Dense node's input size equals the width produced before it;</li>
 *   <li>{@link Softmax} appears at most once, as the last node (a classifier's output);</li>
 *   <li>every weight, bias and LeakyReLU alpha is finite;</li>
 *   <li>at most {@link #MAX_PARAMETERS} weights and biases in total.</li>
 * </ul>
 * A violation throws {@link IllegalArgumentException} whose message names the node index and the
 * problem, e.g. {@code node 2 (dense): weights[1][3] is NaN; every weight must be finite}.
 *
 * <pre>{@code
 * ModelGraph model = ModelGraph.of(784,
 *         new Dense(w1, b1),            // w1: float[128][784], b1: float[128]
 *         Activation.relu(),
 *         new Dense(w2, b2),            // w2: float[10][128],  b2: float[10]
 *         new Softmax());
 * float[] probabilities = model.evaluate(pixels);         // float reference forward pass
 * ModelGraphJson.write(model, Path.of("mnist-mlp.json")); // docs/model-format.md
 * ModelGraph same = ModelGraphJson.read(Path.of("mnist-mlp.json"));
 * }</pre>
 *
 * @param inputSize the length of the input vector
 * @param nodes the steps, in order (copied into an unmodifiable list)
 */
public record ModelGraph(int inputSize, List<Node> nodes) {

    /** The largest number of parameters (weights and biases) a model may have: 2^28. */
    public static final long MAX_PARAMETERS = 1L << 28;

    /**
     * @throws NullPointerException if {@code nodes} or one of its elements is null
     * @throws IllegalArgumentException if the graph is not a well-formed model (see above)
     */
    public ModelGraph {
        Objects.requireNonNull(nodes, "nodes");
        List<Node> copy = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            if (node == null) {
                throw new NullPointerException("node " + i + " is null");
            }
            copy.add(node);
        }
        nodes = List.copyOf(copy);
        if (inputSize <= 0) {
            throw new IllegalArgumentException("inputSize must be positive, got " + inputSize);
        }
        int width = inputSize;
        long parameters = 0;
        boolean anyDense = false;
        for (int n = 0; n < nodes.size(); n++) {
            Node node = nodes.get(n);
            if (node instanceof Dense d) {
                if (d.inputSize() != width) {
                    throw new IllegalArgumentException("node " + n + " (dense): takes " + d.inputSize()
                            + " inputs but receives " + width + " from "
                            + (n == 0 ? "the model input (inputSize)" : "node " + (n - 1)));
                }
                parameters += d.parameterCount();
                if (parameters > MAX_PARAMETERS) {
                    throw new IllegalArgumentException("node " + n + " (dense): the model exceeds the limit of "
                            + MAX_PARAMETERS + " (2^28) parameters; it has " + parameters + " up to this node");
                }
                checkFinite(n, d);
                width = d.outputSize();
                anyDense = true;
            } else if (node instanceof Activation a) {
                if (!Float.isFinite(a.alpha())) {
                    throw new IllegalArgumentException("node " + n + " (activation leaky_relu): alpha is "
                            + a.alpha() + "; it must be finite");
                }
            } else if (node instanceof Softmax) {
                if (n != nodes.size() - 1) {
                    int after = nodes.size() - 1 - n;
                    throw new IllegalArgumentException("node " + n + " (softmax): softmax must be the last node"
                            + " (a classifier's output), but " + after + (after == 1 ? " node follows" : " nodes follow"));
                }
            } else {
                throw new AssertionError(node.getClass());
            }
        }
        if (!anyDense) {
            throw new IllegalArgumentException(nodes.isEmpty()
                    ? "a model needs at least one dense node; the node list is empty"
                    : "a model needs at least one dense node; the " + nodes.size() + " nodes have none");
        }
    }

    private static void checkFinite(int n, Dense d) {
        for (int o = 0; o < d.outputSize(); o++) {
            for (int i = 0; i < d.inputSize(); i++) {
                float w = d.weight(o, i);
                if (!Float.isFinite(w)) {
                    throw new IllegalArgumentException("node " + n + " (dense): weights[" + o + "][" + i + "] is "
                            + w + "; every weight must be finite");
                }
            }
            float b = d.bias(o);
            if (!Float.isFinite(b)) {
                throw new IllegalArgumentException("node " + n + " (dense): bias[" + o + "] is " + b
                        + "; every bias must be finite");
            }
        }
    }

    /** A graph of the given nodes; same as {@code new ModelGraph(inputSize, List.of(nodes))}. */
    public static ModelGraph of(int inputSize, Node... nodes) {
        Objects.requireNonNull(nodes, "nodes");
        return new ModelGraph(inputSize, java.util.Arrays.asList(nodes));
    }

    /** The length of the vector {@link #evaluate(float[])} returns. */
    public int outputSize() {
        int width = inputSize;
        for (Node node : nodes) {
            if (node instanceof Dense d) {
                width = d.outputSize();
            }
        }
        return width;
    }

    /** Whether the model ends in {@link Softmax}, i.e. outputs class probabilities. */
    public boolean isClassifier() {
        return nodes.get(nodes.size() - 1) instanceof Softmax;
    }

    /** The number of weights and biases, at most {@link #MAX_PARAMETERS}. */
    public long parameterCount() {
        long total = 0;
        for (Node node : nodes) {
            if (node instanceof Dense d) {
                total += d.parameterCount();
            }
        }
        return total;
    }

    /**
     * The float reference forward pass: applies every node in order ({@link Dense#apply(float[])},
     * {@link Activation#apply(float)} element-wise, and softmax computed in double precision after
     * subtracting the maximum, each probability rounded to float). Deterministic; for a
     * classifier the result is the vector of class probabilities.
     *
     * @param input {@code inputSize()} finite values (not modified)
     * @return a new array of {@link #outputSize()} values
     * @throws IllegalArgumentException if the input has the wrong length or a non-finite value
     */
    public float[] evaluate(float[] input) {
        Objects.requireNonNull(input, "input");
        if (input.length != inputSize) {
            throw new IllegalArgumentException("input has " + input.length + " values, expected inputSize "
                    + inputSize);
        }
        for (int i = 0; i < input.length; i++) {
            if (!Float.isFinite(input[i])) {
                throw new IllegalArgumentException("input[" + i + "] is not finite; inputs must be finite");
            }
        }
        float[] x = input.clone();
        for (Node node : nodes) {
            if (node instanceof Dense d) {
                x = d.apply(x);
            } else if (node instanceof Activation a) {
                for (int i = 0; i < x.length; i++) {
                    x[i] = a.apply(x[i]);
                }
            } else if (node instanceof Softmax) {
                softmaxInPlace(x);
            }
        }
        return x;
    }

    private static void softmaxInPlace(float[] x) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : x) {
            max = Math.max(max, v);
        }
        double[] e = new double[x.length];
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            e[i] = Math.exp((double) x[i] - max);
            sum += e[i];
        }
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (e[i] / sum);
        }
    }
}
