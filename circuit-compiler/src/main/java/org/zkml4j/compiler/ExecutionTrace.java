package org.zkml4j.compiler;

import java.util.List;
import org.zkml4j.sdk.Logits;

/**
 * Every integer tensor of one exact execution of a {@link CompiledCircuit}: the quantized input, one
 * {@link LayerTrace} per layer, the output logits and the predicted class. This is the witness the
 * prover commits to. Immutable; array accessors return copies.
 */
public final class ExecutionTrace {
    private final int[] input;
    private final List<LayerTrace> layers;
    private final int outputFracBits;
    private final int predictedClass;

    ExecutionTrace(int[] input, List<LayerTrace> layers, int outputFracBits) {
        this.input = input;
        this.layers = List.copyOf(layers);
        this.outputFracBits = outputFracBits;
        this.predictedClass = Logits.argmax(this.layers.get(this.layers.size() - 1).aInternal());
    }

    /** The quantized input q ∈ [−Q, Q]^n, at scale f_in. */
    public int[] input() {
        return input.clone();
    }

    /** The per-layer tensors, in layer order. */
    public List<LayerTrace> layers() {
        return layers;
    }

    /** Layer {@code i}'s tensors. */
    public LayerTrace layer(int i) {
        return layers.get(i);
    }

    /** The outputs: the last layer's activations (for a classifier, its integer logits). */
    public int[] logits() {
        return layers.get(layers.size() - 1).a();
    }

    /** Fractional bits of {@link #logits()}. */
    public int outputFracBits() {
        return outputFracBits;
    }

    /** The outputs in real units: logits[i] / 2^f_out. */
    public double[] outputs() {
        int[] l = layers.get(layers.size() - 1).aInternal();
        double[] v = new double[l.length];
        for (int i = 0; i < l.length; i++) {
            v[i] = Math.scalb((double) l[i], -outputFracBits);
        }
        return v;
    }

    /**
     * argmax of the logits; ties go to the lowest index. This is the class a classifier circuit
     * proves (for a non-classifier circuit it is merely the index of the largest output).
     */
    public int predictedClass() {
        return predictedClass;
    }

    /**
     * Softmax of {@link #outputs()}, computed in floating point from the proven integer logits. Not
     * itself proven: anyone holding the logits recomputes it.
     */
    public float[] probabilities() {
        double[] p = Logits.softmax(outputs());
        float[] out = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = (float) p[i];
        }
        return out;
    }
}
