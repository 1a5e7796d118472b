package org.zkml4j.compiler;

import java.util.ArrayList;
import java.util.List;
import org.zkml4j.sdk.model.Activation;
import org.zkml4j.sdk.model.ActivationKind;
import org.zkml4j.sdk.model.Dense;
import org.zkml4j.sdk.model.GraphNode;
import org.zkml4j.sdk.model.ModelGraph;
import org.zkml4j.sdk.model.Node;
import org.zkml4j.sdk.model.Softmax;

/**
 * Compiles a float {@link ModelGraph} into a {@link CompiledCircuit}: calibrates scales on sample
 * inputs, quantizes weights and biases, chooses every requantization shift, proves static bounds
 * for every intermediate value and builds the activation lookup tables.
 *
 * <p>Supported graphs: a sequence of layers, each one {@link Dense} node optionally followed by one
 * {@link Activation} node; IDENTITY activations are no-ops and may appear anywhere; an optional
 * final {@link Softmax} makes the circuit a classifier (its outputs are the logits, the class their
 * argmax). Anything else — a node of another kind (the convolutional graphs of
 * {@code docs/design/tensor-graph.md} are not provable yet), an activation before the first Dense, two
 * non-identity activations in a row — is refused with
 * {@link CompilationException.Reason#UNSUPPORTED_GRAPH} before anything is compiled.
 *
 * <pre>{@code
 * CompiledCircuit circuit = CircuitCompiler.compile(graph, calibrationRows, QuantizationOptions.defaults());
 * ExecutionTrace trace = new IntegerExecutor(circuit).run(input);
 * }</pre>
 *
 * The rules are spelled out, with formulas, in {@code docs/quantization.md}.
 */
public final class CircuitCompiler {
    private CircuitCompiler() {}

    /** One circuit layer of the graph: its Dense node and its (non-identity) activation, if any. */
    record LayerPlan(int denseNode, Dense dense, int activationNode, Activation activation) {}

    /**
     * Compiles with default options.
     *
     * @see #compile(ModelGraph, float[][], QuantizationOptions)
     */
    public static CompiledCircuit compile(ModelGraph graph, float[][] calibration) {
        return compile(graph, calibration, QuantizationOptions.defaults());
    }

    /**
     * Calibrates on {@code calibration} (rows of inputs), then compiles.
     *
     * @throws CompilationException naming the layer, the quantity and the bound when the model cannot
     *     be compiled into an exactly provable circuit
     */
    public static CompiledCircuit compile(ModelGraph graph, float[][] calibration, QuantizationOptions options) {
        return compile(graph, Calibration.measure(graph, calibration), options);
    }

    /**
     * Compiles with scales taken from an existing {@link Calibration} of the same graph.
     *
     * @throws CompilationException when the model cannot be compiled into an exactly provable circuit
     */
    public static CompiledCircuit compile(ModelGraph graph, Calibration calibration, QuantizationOptions options) {
        if (options == null) {
            throw new NullPointerException("options");
        }
        List<LayerPlan> plan = plan(graph);
        if (calibration.layerCount() != plan.size()) {
            throw new CompilationException(CompilationException.Reason.INVALID_CALIBRATION, -1, "calibration has "
                    + calibration.layerCount() + " layers, the graph " + plan.size());
        }
        int b = options.activationBits(), bw = options.weightBits();
        long wLimit = FixedPoint.limit(bw);
        int fIn = calibratedFrac(-1, "input", calibration.inputMaxAbs(), b);
        List<CircuitLayer> layers = new ArrayList<>(plan.size());
        int fx = fIn;
        for (int l = 0; l < plan.size(); l++) {
            LayerPlan p = plan.get(l);
            Dense d = p.dense();
            String at = "layer " + l + ": ";
            double maxW = 0;
            for (int o = 0; o < d.outputSize(); o++) {
                for (int i = 0; i < d.inputSize(); i++) {
                    maxW = Math.max(maxW, Math.abs(d.weight(o, i)));
                }
            }
            int fw = calibratedFrac(l, "weight", maxW, bw);
            int fy = calibratedFrac(l, "pre-activation", calibration.preActivationMaxAbs(l), b);
            int k = fx + fw - fy;
            if (k < 0) { // pre-activation finer than the accumulator: keep the accumulator's scale
                fy = fx + fw;
                k = 0;
                checkFrac(l, "pre-activation f_y (set to the accumulator scale f_x + f_w)", fy);
            }
            if (k > QuantizationOptions.MAX_SHIFT) {
                if (options.shiftPolicy() == QuantizationOptions.ShiftPolicy.REFUSE) {
                    throw new CompilationException(CompilationException.Reason.SHIFT_TOO_LARGE, l, at
                            + "requantization shift k = f_x + f_w − f_y = " + fx + " + " + fw + " − " + fy + " = " + k
                            + " exceeds the maximum " + QuantizationOptions.MAX_SHIFT
                            + " (the remainder r < 2^k is range-checked by a 2^16-row table); use fewer weight or"
                            + " activation bits, or ShiftPolicy.LOWER_WEIGHT_PRECISION");
                }
                fw -= k - QuantizationOptions.MAX_SHIFT;
                k = QuantizationOptions.MAX_SHIFT;
                checkFrac(l, "weight f_w (lowered so that k = " + k + ")", fw);
            }
            int fAcc = fx + fw;
            int[] wq = new int[d.outputSize() * d.inputSize()];
            long[] bq = new long[d.outputSize()];
            for (int o = 0; o < d.outputSize(); o++) {
                for (int i = 0; i < d.inputSize(); i++) {
                    wq[o * d.inputSize() + i] = (int) FixedPoint.quantize(d.weight(o, i), fw, wLimit);
                }
                double scaled = Math.scalb((double) d.bias(o), fAcc);
                if (!(Math.abs(scaled) <= CircuitLayer.HALF_P.doubleValue())) {
                    throw new CompilationException(CompilationException.Reason.FIELD_OVERFLOW, l, at + "bias[" + o
                            + "] = " + d.bias(o) + " at the accumulator scale 2^" + fAcc + " is " + scaled
                            + ", beyond (p − 1)/2 = " + CircuitLayer.HALF_P + " (p = 2^64 − 2^32 + 1)");
                }
                bq[o] = FixedPoint.roundHalfAwayFromZero(scaled);
            }
            CircuitActivation act = circuitActivation(p.activation());
            float alpha = act.hasAlpha() && p.activation().alpha() != 0f ? p.activation().alpha() : 0f; // −0 → +0
            CircuitLayer layer = CircuitLayer.create(l, b, bw, d.inputSize(), d.outputSize(), fx, fw, fy, k, act,
                    alpha, wq, bq);
            layers.add(layer);
            fx = layer.outputFracBits();
        }
        return new CompiledCircuit(b, bw, graph.inputSize(), fIn, graph.isClassifier(), layers);
    }

    /** Splits the graph into circuit layers, refusing unsupported node orders. */
    static List<LayerPlan> plan(ModelGraph graph) {
        if (graph == null) {
            throw new NullPointerException("graph");
        }
        List<Node> nodes = graph.nodes();
        refuseTensorGraphs(graph);
        List<LayerPlan> plan = new ArrayList<>();
        int denseNode = -1, actNode = -1;
        Dense dense = null;
        Activation act = null;
        for (int n = 0; n < nodes.size(); n++) {
            Node node = nodes.get(n);
            if (node instanceof Dense d) {
                if (dense != null) {
                    plan.add(new LayerPlan(denseNode, dense, actNode, act));
                }
                dense = d;
                denseNode = n;
                act = null;
                actNode = -1;
            } else if (node instanceof Activation a) {
                if (a.kind() == ActivationKind.IDENTITY) {
                    continue;
                }
                if (dense == null) {
                    throw unsupported("node " + n + " (" + a.kind() + ") comes before the first dense node;"
                            + " the circuit applies activations only to dense outputs");
                }
                if (act != null) {
                    throw unsupported("nodes " + actNode + " and " + n + " are two activations in a row ("
                            + act.kind() + ", " + a.kind() + "); a dense node takes at most one activation");
                }
                act = a;
                actNode = n;
            } else if (node instanceof Softmax) {
                // Last node only (ModelGraph checks): the circuit's outputs are its input, the logits.
                continue;
            }
        }
        if (dense == null) {
            throw unsupported("the graph has no dense node");
        }
        plan.add(new LayerPlan(denseNode, dense, actNode, act));
        return plan;
    }

    /**
     * Refuses, before anything is compiled, a graph that is not a chain of dense, activation and
     * softmax nodes, naming the first node the circuit cannot prove.
     */
    private static void refuseTensorGraphs(ModelGraph graph) {
        List<GraphNode> nodes = graph.graphNodes();
        for (int n = 0; n < nodes.size(); n++) {
            Node op = nodes.get(n).op();
            if (!(op instanceof Dense || op instanceof Activation || op instanceof Softmax)) {
                throw unsupported("node " + n + " (" + op.type() + ", output \"" + nodes.get(n).output() + "\") is not"
                        + " provable yet: the circuit compiler proves chains of dense nodes with activations and an"
                        + " optional final softmax; convolutional graphs (conv2d, pooling, batchnorm, add, concat,"
                        + " flatten, reshape) are not provable yet");
            }
        }
        // What remains is a chain: nodes that read one value each, every value but the output read by a
        // node (ModelGraph checks), cannot branch.
    }

    private static CircuitActivation circuitActivation(Activation a) {
        if (a == null) {
            return CircuitActivation.IDENTITY;
        }
        return switch (a.kind()) {
            case RELU -> CircuitActivation.RELU;
            case LEAKY_RELU -> CircuitActivation.LEAKY_RELU;
            case SIGMOID -> CircuitActivation.SIGMOID;
            case TANH -> CircuitActivation.TANH;
            case IDENTITY -> CircuitActivation.IDENTITY;
        };
    }

    /** f = (bits − 1) − ceil(log2 M), lowered to MAX_FRAC_BITS for tiny M; refused below MIN_FRAC_BITS. */
    private static int calibratedFrac(int layer, String tensor, double maxAbs, int bits) {
        int f = FixedPoint.fractionalBits(maxAbs, bits);
        if (f > QuantizationOptions.MAX_FRAC_BITS) {
            return QuantizationOptions.MAX_FRAC_BITS;
        }
        if (f < QuantizationOptions.MIN_FRAC_BITS) {
            throw new CompilationException(CompilationException.Reason.SCALE_OUT_OF_RANGE, layer,
                    (layer < 0 ? "input" : "layer " + layer) + ": " + tensor + " magnitude " + maxAbs
                            + " needs " + f + " fractional bits, below the minimum "
                            + QuantizationOptions.MIN_FRAC_BITS + "; rescale the model");
        }
        return f;
    }

    private static void checkFrac(int layer, String what, int f) {
        if (f < QuantizationOptions.MIN_FRAC_BITS || f > QuantizationOptions.MAX_FRAC_BITS) {
            throw new CompilationException(CompilationException.Reason.SCALE_OUT_OF_RANGE, layer, "layer " + layer
                    + ": " + what + " = " + f + " outside [" + QuantizationOptions.MIN_FRAC_BITS + ", "
                    + QuantizationOptions.MAX_FRAC_BITS + "]; rescale the model");
        }
    }

    private static CompilationException unsupported(String message) {
        return new CompilationException(CompilationException.Reason.UNSUPPORTED_GRAPH, -1, message);
    }
}
