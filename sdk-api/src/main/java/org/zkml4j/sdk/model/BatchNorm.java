package org.zkml4j.sdk.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Batch normalisation in inference form, a per-channel affine map {@code y = scale[c] · x + shift[c]}
 * computed in double precision and rounded once. On an image {@code c} is the channel; on a flat
 * {@code [n]} value every element is its own channel. Adapters fold the running statistics in:
 * {@code scale = γ / sqrt(σ² + ε)}, {@code shift = β − μ · scale}.
 *
 * @param scale one finite value per channel
 * @param shift one finite value per channel
 */
public record BatchNorm(float[] scale, float[] shift) implements Node {

    /**
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException naming the field if the vectors are empty, differ in length,
     *     or hold a non-finite value
     */
    public BatchNorm {
        Objects.requireNonNull(scale, "scale");
        Objects.requireNonNull(shift, "shift");
        if (scale.length == 0) {
            throw new IllegalArgumentException("batchnorm: field \"scale\" is empty (one value per channel)");
        }
        if (shift.length != scale.length) {
            throw new IllegalArgumentException("batchnorm: field \"shift\" has " + shift.length
                    + " values but \"scale\" has " + scale.length + " (one each per channel)");
        }
        finite("scale", scale);
        finite("shift", shift);
        scale = scale.clone();
        shift = shift.clone();
    }

    private static void finite(String field, float[] values) {
        for (int c = 0; c < values.length; c++) {
            if (!Float.isFinite(values[c])) {
                throw new IllegalArgumentException("batchnorm: field \"" + field + "\": " + field + "[" + c + "] is "
                        + values[c] + "; every value must be finite");
            }
        }
    }

    /** The number of channels. */
    public int channels() {
        return scale.length;
    }

    /** A copy of the scales. */
    @Override
    public float[] scale() {
        return scale.clone();
    }

    /** A copy of the shifts. */
    @Override
    public float[] shift() {
        return shift.clone();
    }

    @Override
    public String type() {
        return "batchnorm";
    }

    @Override
    public long parameterCount() {
        return 2L * scale.length;
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = inputs.get(0);
        if (in.channels() != scale.length) {
            throw new IllegalArgumentException("field \"scale\" has " + scale.length + " channels but the input has"
                    + " shape " + in);
        }
        return in;
    }

    @Override
    public float[] evaluate(List<float[]> inputs, List<Shape> shapes) {
        float[] x = inputs.get(0);
        Shape in = shapes.get(0);
        int plane = in.height() * in.width();
        float[] y = new float[x.length];
        for (int k = 0; k < x.length; k++) {
            int c = k / plane;
            y[k] = (float) ((double) scale[c] * x[k] + shift[c]);
        }
        return y;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BatchNorm b && Arrays.equals(scale, b.scale) && Arrays.equals(shift, b.shift);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(scale) + Arrays.hashCode(shift);
    }

    /** The channel count only; values are never printed. */
    @Override
    public String toString() {
        return "BatchNorm[channels=" + scale.length + "]";
    }
}
