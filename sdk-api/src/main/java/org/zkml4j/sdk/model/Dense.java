package org.zkml4j.sdk.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A fully connected layer {@code y = W x + b}, with {@code W} stored row-major as
 * {@code weights[out][in]}. It reads a value of any shape as its channel-major flattening (see
 * {@link Shape}) and produces a flat {@code [out]} value.
 *
 * <p>The constructor checks the shape (at least one row and one column, all rows of equal length,
 * one bias per row) and copies both arrays; the accessors {@link #weights()} and {@link #bias()}
 * return fresh copies, so an instance never changes. Use {@link #weight(int, int)} and
 * {@link #bias(int)} to read single values without copying. Whether the values are finite is
 * checked by {@link ModelGraph}, which names the node.
 *
 * <p>Two layers are equal when their shapes are equal and every value has the same bits
 * ({@code -0.0f} differs from {@code 0.0f}), the equality a model file's round trip preserves.
 *
 * @param weights {@code weights[o][i]} multiplies input {@code i} into output {@code o}
 * @param bias {@code bias[o]} is added to output {@code o}
 */
public record Dense(float[][] weights, float[] bias) implements Node {

    /**
     * @throws NullPointerException if an argument or a row is null
     * @throws IllegalArgumentException if the shape is empty, ragged, or the bias does not have
     *     one value per row
     */
    public Dense {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(bias, "bias");
        if (weights.length == 0) {
            throw new IllegalArgumentException("dense: weights has no rows (need outputSize >= 1)");
        }
        float[][] copy = new float[weights.length][];
        int in = -1;
        for (int o = 0; o < weights.length; o++) {
            float[] row = weights[o];
            if (row == null) {
                throw new NullPointerException("dense: weights row " + o + " is null");
            }
            if (row.length == 0) {
                throw new IllegalArgumentException("dense: weights row " + o + " is empty (need inputSize >= 1)");
            }
            if (in < 0) {
                in = row.length;
            } else if (row.length != in) {
                throw new IllegalArgumentException("dense: ragged weights: row " + o + " has "
                        + row.length + " values but row 0 has " + in);
            }
            copy[o] = row.clone();
        }
        if (bias.length != weights.length) {
            throw new IllegalArgumentException("dense: bias has " + bias.length
                    + " values but weights has " + weights.length + " rows (one bias per output)");
        }
        weights = copy;
        bias = bias.clone();
    }

    /** The number of inputs (columns of the weight matrix). */
    public int inputSize() {
        return weights[0].length;
    }

    /** The number of outputs (rows of the weight matrix). */
    public int outputSize() {
        return weights.length;
    }

    /** A copy of the weight matrix, {@code [outputSize][inputSize]}. */
    @Override
    public float[][] weights() {
        float[][] copy = new float[weights.length][];
        for (int o = 0; o < weights.length; o++) {
            copy[o] = weights[o].clone();
        }
        return copy;
    }

    /** A copy of the bias vector, {@code [outputSize]}. */
    @Override
    public float[] bias() {
        return bias.clone();
    }

    /** The weight from input {@code in} to output {@code out}, without copying. */
    public float weight(int out, int in) {
        return weights[out][in];
    }

    /** The bias of output {@code out}, without copying. */
    public float bias(int out) {
        return bias[out];
    }

    @Override
    public String type() {
        return "dense";
    }

    /** {@code [outputSize]}, for an input of {@link #inputSize()} elements of any shape. */
    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = inputs.get(0);
        if (in.size() != inputSize()) {
            throw new IllegalArgumentException("takes " + inputSize() + " inputs but receives " + in.size());
        }
        return Shape.flat(outputSize());
    }

    @Override
    public float[] evaluate(List<float[]> inputs, List<Shape> shapes) {
        return apply(inputs.get(0));
    }

    /** {@code inputSize * outputSize + outputSize}. */
    @Override
    public long parameterCount() {
        return (long) inputSize() * outputSize() + outputSize();
    }

    /**
     * The reference (float) value of this layer at {@code x}: each {@code sum_i W[o][i] * x[i]} is
     * accumulated in double precision in increasing {@code i}, then {@code b[o]} is added and the
     * result rounded once to float.
     *
     * @throws IllegalArgumentException if {@code x.length != inputSize()}
     */
    public float[] apply(float[] x) {
        if (x.length != inputSize()) {
            throw new IllegalArgumentException(
                    "dense: input has " + x.length + " values, expected " + inputSize());
        }
        float[] y = new float[weights.length];
        for (int o = 0; o < weights.length; o++) {
            float[] row = weights[o];
            double acc = 0;
            for (int i = 0; i < row.length; i++) {
                acc += (double) row[i] * x[i];
            }
            y[o] = (float) (acc + bias[o]);
        }
        return y;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Dense d && Arrays.deepEquals(weights, d.weights) && Arrays.equals(bias, d.bias);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(weights) + Arrays.hashCode(bias);
    }

    /** The shape only, e.g. {@code Dense[in=784, out=128]}; values are never printed. */
    @Override
    public String toString() {
        return "Dense[in=" + inputSize() + ", out=" + outputSize() + "]";
    }
}
