package org.zkml4j.sdk.model;

import java.util.List;

/**
 * The softmax of a classifier's output: {@code p_i = e^(x_i - max) / sum_j e^(x_j - max)}, on a
 * flat {@code [n]} value.
 *
 * <p>Allowed only as the node producing the output of a {@link ModelGraph}. Proofs cover the logits
 * (its input) and the predicted class (their arg max); the probabilities are computed by the
 * caller, not proven. Exponentials and the sum are computed in double precision after subtracting
 * the maximum; each probability is rounded once to float.
 */
public record Softmax() implements Node {

    @Override
    public String type() {
        return "softmax";
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = inputs.get(0);
        if (in.isImage()) {
            throw new IllegalArgumentException("softmax takes a flat [n] value but its input has shape " + in
                    + "; add a flatten node before it");
        }
        return in;
    }

    @Override
    public float[] evaluate(List<float[]> inputs, List<Shape> shapes) {
        float[] x = inputs.get(0);
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
        float[] p = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            p[i] = (float) (e[i] / sum);
        }
        return p;
    }
}
