package org.zkml4j.sdk.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A framework-neutral model: a directed acyclic graph of {@link GraphNode}s over named tensor values
 * with static {@link Shape}s (batch dimension implicit), from one input value to one output value.
 *
 * <p>Representation: each node names the values it reads and the one value it produces, and the
 * nodes are listed in topological order (every value is produced before it is read, as ONNX
 * requires); a value's shape is inferred from its producer. A chain — what {@link #of(int, Node...)},
 * {@link #ModelGraph(int, List)} and version 1 of the model format describe — is the special case
 * where node {@code i} reads value {@code "v" + i} and produces {@code "v" + (i + 1)}, the input
 * being {@code "v0"}.
 *
 * <p>This is what adapters (Deeplearning4j, Spark ML) produce, what the circuit compiler consumes,
 * and what {@link ModelGraphJson} stores. The constructor validates the whole graph, so every
 * instance is a well-formed model:
 * <ul>
 *   <li>value names are unique: each node produces a new value, never the input's name;</li>
 *   <li>each node reads {@link Node#minInputs()}..{@link Node#maxInputs()} values, each the model
 *       input or the output of an earlier node (a later one is refused, as a cycle when it is one);</li>
 *   <li>shapes agree: every node accepts the shapes it reads ({@link Node#outputShape(List)});</li>
 *   <li>every value but the output is read by at least one node, so the last node produces the
 *       output;</li>
 *   <li>{@link Softmax} appears at most once, as the last node (a classifier's output);</li>
 *   <li>there is at least one {@link Dense} or {@link Conv2d} node; every weight, bias and
 *       LeakyReLU alpha is finite; at most {@link #MAX_PARAMETERS} parameters in total.</li>
 * </ul>
 * A violation throws {@link IllegalArgumentException} whose message names the node index, its type
 * and the field, e.g. {@code node 2 (dense): weights[1][3] is NaN; every weight must be finite}.
 *
 * <pre>{@code
 * ModelGraph mlp = ModelGraph.of(784, new Dense(w1, b1), Activation.relu(), new Dense(w2, b2), new Softmax());
 * ModelGraph residual = new ModelGraph("x", Shape.image(8, 16, 16), List.of(
 *         GraphNode.of("c", conv, "x"),             // conv: 8 → 8 channels, same padding
 *         GraphNode.of("r", Activation.relu(), "c"),
 *         GraphNode.of("s", new Add(), "r", "x"),   // the identity skip
 *         GraphNode.of("g", new GlobalAvgPool(), "s"),
 *         GraphNode.of("y", new Dense(w, b), "g")), "y");
 * float[] out = residual.evaluate(image);               // float reference forward pass
 * ModelGraphJson.write(residual, Path.of("res.json"));  // docs/model-format.md, version 2
 * }</pre>
 */
public final class ModelGraph {

    /** The largest number of parameters (weights and biases) a model may have: 2^28. */
    public static final long MAX_PARAMETERS = 1L << 28;

    private final String inputName;
    private final Shape inputShape;
    private final List<GraphNode> graphNodes;
    private final List<Node> nodes;
    private final String outputName;
    /** For node n, the producers of its inputs: −1 for the model input, else a node index. */
    private final int[][] sources;
    private final Shape[] shapes;

    /**
     * A graph from {@code input} (of shape {@code inputShape}) to {@code output}.
     *
     * @param input the input value's name
     * @param inputShape the input value's shape
     * @param nodes the nodes in topological order (copied)
     * @param output the output value's name, produced by the last node
     * @throws NullPointerException if an argument or a node is null
     * @throws IllegalArgumentException if the graph is not a well-formed model (see above)
     */
    public ModelGraph(String input, Shape inputShape, List<GraphNode> nodes, String output) {
        this.inputName = Objects.requireNonNull(input, "input");
        this.inputShape = Objects.requireNonNull(inputShape, "inputShape");
        this.outputName = Objects.requireNonNull(output, "output");
        Objects.requireNonNull(nodes, "nodes");
        if (input.isEmpty()) {
            throw new IllegalArgumentException("the input value's name is empty; values have non-empty names");
        }
        List<GraphNode> copy = new ArrayList<>(nodes.size());
        for (int n = 0; n < nodes.size(); n++) {
            copy.add(Objects.requireNonNull(nodes.get(n), () -> "node " + copy.size() + " is null"));
        }
        this.graphNodes = List.copyOf(copy);
        List<Node> ops = new ArrayList<>(copy.size());
        for (GraphNode node : copy) {
            ops.add(node.op());
        }
        this.nodes = List.copyOf(ops);
        this.sources = new int[copy.size()][];
        this.shapes = new Shape[copy.size()];
        new Validator().run();
    }

    /**
     * A chain: the nodes applied in order to a flat input of {@code inputSize} values (the form of
     * version 1 of the model format), with the value names {@code "v0"} (input) to {@code "vN"}.
     *
     * @throws NullPointerException if {@code nodes} or one of its elements is null
     * @throws IllegalArgumentException if the chain is not a well-formed model
     */
    public ModelGraph(int inputSize, List<Node> nodes) {
        this(CHAIN_INPUT, flatShape(inputSize), chainNodes(nodes), chainValue(nodes.size()));
    }

    private static final String CHAIN_INPUT = "v0";

    private static Shape flatShape(int inputSize) {
        if (inputSize <= 0) {
            throw new IllegalArgumentException("inputSize must be positive, got " + inputSize);
        }
        return Shape.flat(inputSize);
    }

    private static List<GraphNode> chainNodes(List<Node> nodes) {
        Objects.requireNonNull(nodes, "nodes");
        List<GraphNode> chain = new ArrayList<>(nodes.size());
        for (int n = 0; n < nodes.size(); n++) {
            Node op = nodes.get(n);
            if (op == null) {
                throw new NullPointerException("node " + n + " is null");
            }
            chain.add(GraphNode.of(chainValue(n + 1), op, chainValue(n)));
        }
        return chain;
    }

    private static String chainValue(int index) {
        return "v" + index;
    }

    /** A graph of the given nodes; same as {@code new ModelGraph(inputSize, List.of(nodes))}. */
    public static ModelGraph of(int inputSize, Node... nodes) {
        Objects.requireNonNull(nodes, "nodes");
        return new ModelGraph(inputSize, Arrays.asList(nodes));
    }

    /** A chain over an input of any shape, e.g. an image: node {@code i} reads {@code "v" + i}. */
    public static ModelGraph chain(Shape inputShape, Node... nodes) {
        Objects.requireNonNull(nodes, "nodes");
        List<Node> list = Arrays.asList(nodes);
        return new ModelGraph(CHAIN_INPUT, inputShape, chainNodes(list), chainValue(nodes.length));
    }

    /** The input value's name. */
    public String inputName() {
        return inputName;
    }

    /** The input value's shape. */
    public Shape inputShape() {
        return inputShape;
    }

    /** The number of input values, {@code inputShape().size()}. */
    public int inputSize() {
        return inputShape.size();
    }

    /** The output value's name. */
    public String outputName() {
        return outputName;
    }

    /** The output value's shape. */
    public Shape outputShape() {
        return shapes[shapes.length - 1];
    }

    /** The length of the vector {@link #evaluate(float[])} returns. */
    public int outputSize() {
        return outputShape().size();
    }

    /** The nodes with their wiring, in topological order (unmodifiable). */
    public List<GraphNode> graphNodes() {
        return graphNodes;
    }

    /** The operations of {@link #graphNodes()}, in the same order (unmodifiable). */
    public List<Node> nodes() {
        return nodes;
    }

    /** The shape of the value produced by node {@code n}. */
    public Shape outputShapeOf(int n) {
        return shapes[n];
    }

    /**
     * Whether the graph is a chain: each node reads exactly the value produced just before it (the
     * model input for the first). Names do not matter.
     */
    public boolean isChain() {
        for (int n = 0; n < sources.length; n++) {
            if (sources[n].length != 1 || sources[n][0] != n - 1) {
                return false;
            }
        }
        return true;
    }

    /** Whether the model ends in {@link Softmax}, i.e. outputs class probabilities. */
    public boolean isClassifier() {
        return nodes.get(nodes.size() - 1) instanceof Softmax;
    }

    /** The number of weights, biases and other learned numbers, at most {@link #MAX_PARAMETERS}. */
    public long parameterCount() {
        long total = 0;
        for (Node node : nodes) {
            total += node.parameterCount();
        }
        return total;
    }

    /**
     * The float reference forward pass: every node's {@link Node#evaluate(List, List)} in order, on
     * channel-major values (see {@link Shape}). Deterministic; for a classifier the result is the
     * vector of class probabilities.
     *
     * @param input {@code inputSize()} finite values, channel-major (not modified)
     * @return a new array of {@link #outputSize()} values
     * @throws IllegalArgumentException if the input has the wrong length or a non-finite value
     */
    public float[] evaluate(float[] input) {
        Objects.requireNonNull(input, "input");
        if (input.length != inputSize()) {
            throw new IllegalArgumentException("input has " + input.length + " values, expected inputSize "
                    + inputSize());
        }
        for (int i = 0; i < input.length; i++) {
            if (!Float.isFinite(input[i])) {
                throw new IllegalArgumentException("input[" + i + "] is not finite; inputs must be finite");
            }
        }
        float[] x = input.clone();
        int[] remainingReads = new int[sources.length];
        for (int[] from : sources) {
            for (int s : from) {
                if (s >= 0) {
                    remainingReads[s]++;
                }
            }
        }
        float[][] values = new float[sources.length][];
        for (int n = 0; n < sources.length; n++) {
            List<float[]> in = new ArrayList<>(sources[n].length);
            List<Shape> inShapes = new ArrayList<>(sources[n].length);
            for (int s : sources[n]) {
                in.add(s < 0 ? x : values[s]);
                inShapes.add(s < 0 ? inputShape : shapes[s]);
            }
            values[n] = nodes.get(n).evaluate(in, inShapes);
            for (int s : sources[n]) {
                if (s >= 0 && --remainingReads[s] == 0) {
                    values[s] = null; // no longer needed
                }
            }
        }
        return values[values.length - 1];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ModelGraph g && inputName.equals(g.inputName) && inputShape.equals(g.inputShape)
                && outputName.equals(g.outputName) && graphNodes.equals(g.graphNodes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(inputName, inputShape, outputName, graphNodes);
    }

    /** The outline, e.g. {@code ModelGraph[input "v0" [784], 4 nodes, output "v4" [10]]}. */
    @Override
    public String toString() {
        return "ModelGraph[input \"" + inputName + "\" " + inputShape + ", " + nodes.size() + " nodes, output \""
                + outputName + "\" " + outputShape() + "]";
    }

    /** The constructor's checks, in node order, each failure naming the node and the field. */
    private final class Validator {
        private final Map<String, Integer> producers = new HashMap<>();
        private final int[] reads = new int[graphNodes.size()];
        private long parameters;
        private boolean anyWeights;

        void run() {
            for (int n = 0; n < graphNodes.size(); n++) {
                producers.putIfAbsent(graphNodes.get(n).output(), n);
            }
            for (int n = 0; n < graphNodes.size(); n++) {
                node(n);
            }
            if (graphNodes.isEmpty()) {
                throw new IllegalArgumentException("a model needs at least one dense or conv2d node; the node list"
                        + " is empty");
            }
            if (!anyWeights) {
                throw new IllegalArgumentException("a model needs at least one dense or conv2d node; the "
                        + graphNodes.size() + " nodes have none");
            }
            outputs();
        }

        private void node(int n) {
            GraphNode g = graphNodes.get(n);
            Node op = g.op();
            String at = where(n);
            List<String> names = g.inputs();
            if (names.size() < op.minInputs() || names.size() > op.maxInputs()) {
                throw new IllegalArgumentException(at + ": field \"inputs\": " + op.type() + " reads "
                        + (op.minInputs() == op.maxInputs() ? Integer.toString(op.minInputs())
                                : "at least " + op.minInputs())
                        + (op.minInputs() == 1 && op.maxInputs() == 1 ? " value" : " values") + ", got " + names.size());
            }
            int[] from = new int[names.size()];
            List<Shape> inShapes = new ArrayList<>(names.size());
            for (int k = 0; k < names.size(); k++) {
                from[k] = source(n, at, names.get(k));
                inShapes.add(from[k] < 0 ? inputShape : shapes[from[k]]);
            }
            if (g.output().equals(inputName)) {
                throw new IllegalArgumentException(at + ": field \"output\": \"" + abbreviate(g.output())
                        + "\" is the model input's name; every value has its own name");
            }
            int first = producers.get(g.output());
            if (first != n) {
                throw new IllegalArgumentException(at + ": field \"output\": value \"" + abbreviate(g.output())
                        + "\" is already produced by node " + first + "; every value has its own name");
            }
            if (op instanceof Softmax && n != graphNodes.size() - 1) {
                int after = graphNodes.size() - 1 - n;
                throw new IllegalArgumentException(at + ": softmax must be the last node (a classifier's output), but "
                        + after + (after == 1 ? " node follows" : " nodes follow"));
            }
            shapes[n] = shape(n, at, op, from, inShapes);
            parameters += op.parameterCount();
            if (parameters > MAX_PARAMETERS) {
                throw new IllegalArgumentException(at + ": the model exceeds the limit of " + MAX_PARAMETERS
                        + " (2^28) parameters; it has " + parameters + " up to this node");
            }
            if (op instanceof Dense d) {
                checkFinite(at, d);
            } else if (op instanceof Activation a && !Float.isFinite(a.alpha())) {
                throw new IllegalArgumentException(at + ": alpha is " + a.alpha() + "; it must be finite");
            }
            anyWeights |= op instanceof Dense || op instanceof Conv2d;
            for (int s : from) {
                if (s >= 0) {
                    reads[s]++;
                }
            }
            sources[n] = from;
        }

        /** The producer of {@code name} as read by node {@code n}: −1 for the input, else an earlier node. */
        private int source(int n, String at, String name) {
            if (name.equals(inputName)) {
                return -1;
            }
            Integer p = producers.get(name);
            if (p == null) {
                throw new IllegalArgumentException(at + ": field \"inputs\": value \"" + abbreviate(name)
                        + "\" is not defined: it is neither the model input \"" + abbreviate(inputName)
                        + "\" nor the output of a node");
            }
            if (p >= n) {
                if (dependsOn(p, n)) {
                    throw new IllegalArgumentException(at + ": field \"inputs\": value \"" + abbreviate(name)
                            + "\" is produced by node " + p + (p == n ? " itself" : ", which depends on node " + n)
                            + ": the graph has a cycle");
                }
                throw new IllegalArgumentException(at + ": field \"inputs\": value \"" + abbreviate(name)
                        + "\" is produced by node " + p + ", later in the list; nodes must be listed in"
                        + " topological order (every value produced before it is read)");
            }
            return p;
        }

        /** Whether node {@code from} reads, directly or through other nodes, the output of node {@code target}. */
        private boolean dependsOn(int from, int target) {
            boolean[] seen = new boolean[graphNodes.size()];
            List<Integer> stack = new ArrayList<>(List.of(from));
            while (!stack.isEmpty()) {
                int m = stack.remove(stack.size() - 1);
                if (m == target) {
                    return true;
                }
                if (seen[m]) {
                    continue;
                }
                seen[m] = true;
                for (String name : graphNodes.get(m).inputs()) {
                    Integer p = producers.get(name);
                    if (p != null && !name.equals(inputName)) {
                        stack.add(p);
                    }
                }
            }
            return false;
        }

        private Shape shape(int n, String at, Node op, int[] from, List<Shape> inShapes) {
            if (op instanceof Dense d && inShapes.get(0).size() != d.inputSize()) {
                throw new IllegalArgumentException(at + ": takes " + d.inputSize() + " inputs but receives "
                        + inShapes.get(0).size() + " from " + (from[0] < 0
                                ? (isChainInput() ? "the model input (inputSize)" : "the model input")
                                : "node " + from[0]));
            }
            try {
                return op.outputShape(inShapes);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(at + ": " + e.getMessage(), e);
            }
        }

        private boolean isChainInput() {
            return inputName.equals(CHAIN_INPUT) && !inputShape.isImage();
        }

        private void outputs() {
            int last = graphNodes.size() - 1;
            for (int n = 0; n < last; n++) {
                if (reads[n] == 0) {
                    throw new IllegalArgumentException(where(n) + ": its output \"" + abbreviate(graphNodes.get(n).output())
                            + "\" is never read; every value but the model output is read by a node");
                }
            }
            if (!graphNodes.get(last).output().equals(outputName)) {
                throw new IllegalArgumentException("the model output \"" + abbreviate(outputName) + "\" must be the"
                        + " value produced by the last node, " + where(last) + ", which produces \""
                        + abbreviate(graphNodes.get(last).output()) + "\"");
            }
        }

        private void checkFinite(String at, Dense d) {
            for (int o = 0; o < d.outputSize(); o++) {
                for (int i = 0; i < d.inputSize(); i++) {
                    float w = d.weight(o, i);
                    if (!Float.isFinite(w)) {
                        throw new IllegalArgumentException(at + ": weights[" + o + "][" + i + "] is " + w
                                + "; every weight must be finite");
                    }
                }
                float b = d.bias(o);
                if (!Float.isFinite(b)) {
                    throw new IllegalArgumentException(at + ": bias[" + o + "] is " + b + "; every bias must be finite");
                }
            }
        }

        private String where(int n) {
            Node op = graphNodes.get(n).op();
            String type = op instanceof Activation a && a.kind() == ActivationKind.LEAKY_RELU
                    ? "activation leaky_relu" : op.type();
            return "node " + n + " (" + type + ")";
        }
    }

    /** A name for a message: at most 40 characters. */
    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
