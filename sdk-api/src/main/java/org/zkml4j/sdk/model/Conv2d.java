package org.zkml4j.sdk.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A 2-D convolution (cross-correlation, as in DL4J, ONNX and PyTorch) of a {@code [C, H, W]} image
 * into a {@code [O, H', W']} image, with zero padding, stride, dilation and groups.
 *
 * <p>The {@code C} input channels and {@code O} filters are split into {@code groups} equal groups;
 * filter {@code o} reads the {@code C / groups} channels of group {@code o / (O / groups)}.
 * {@code groups == C} (with {@code O} a multiple of {@code C}) is a depthwise convolution. Output
 * {@code (o, y, x)} is {@code bias[o] + Σ_(c, i, j) weights[o][c][i][j] · in[g·C/groups + c][y·sH +
 * i·dH − top][x·sW + j·dW − left]}, with out-of-range positions zero; the sum is accumulated in
 * double precision in increasing {@code (c, i, j)}, then the bias added and the result rounded
 * once to float. The geometry (and the output height and width) is {@link #window()}'s.
 *
 * <p>Two convolutions are equal when their geometry is equal and every value has the same bits.
 *
 * @param weights {@code weights[o][c][i][j]}, shape {@code [O][C / groups][kernelH][kernelW]}
 * @param bias one value per filter
 * @param groups the number of channel groups, at least 1, dividing {@code O}
 * @param window the stride, dilation and padding; its kernel matches the weights' last two extents
 */
public record Conv2d(float[][][][] weights, float[] bias, int groups, Window2d window) implements Node {

    /**
     * @throws NullPointerException if an argument or a sub-array is null
     * @throws IllegalArgumentException naming the field if the weights are empty or ragged, a value
     *     is not finite, the bias length differs from the filter count, the groups do not divide the
     *     filters, or the window's kernel differs from the weights'
     */
    public Conv2d {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(bias, "bias");
        Objects.requireNonNull(window, "window");
        if (weights.length == 0) {
            throw new IllegalArgumentException("conv2d: field \"weights\" has no filters (need at least 1)");
        }
        int[] extents = {weights.length, -1, -1, -1};
        float[][][][] copy = new float[weights.length][][][];
        for (int o = 0; o < weights.length; o++) {
            copy[o] = new float[checkLength(weights[o], 1, extents, "[" + o + "]")][][];
            for (int c = 0; c < weights[o].length; c++) {
                copy[o][c] = new float[checkLength(weights[o][c], 2, extents, "[" + o + "][" + c + "]")][];
                for (int i = 0; i < weights[o][c].length; i++) {
                    float[] row = weights[o][c][i];
                    checkLength(row, 3, extents, "[" + o + "][" + c + "][" + i + "]");
                    for (int j = 0; j < row.length; j++) {
                        if (!Float.isFinite(row[j])) {
                            throw new IllegalArgumentException("conv2d: field \"weights\": weights[" + o + "][" + c
                                    + "][" + i + "][" + j + "] is " + row[j] + "; every weight must be finite");
                        }
                    }
                    copy[o][c][i] = row.clone();
                }
            }
        }
        if (bias.length != weights.length) {
            throw new IllegalArgumentException("conv2d: field \"bias\" has " + bias.length + " values but there are "
                    + weights.length + " filters (one bias per filter)");
        }
        for (int o = 0; o < bias.length; o++) {
            if (!Float.isFinite(bias[o])) {
                throw new IllegalArgumentException("conv2d: field \"bias\": bias[" + o + "] is " + bias[o]
                        + "; every bias must be finite");
            }
        }
        if (groups < 1 || weights.length % groups != 0) {
            throw new IllegalArgumentException("conv2d: field \"groups\" is " + groups + "; it must be at least 1"
                    + " and divide the " + weights.length + " filters");
        }
        if (window.kernelH() != extents[2] || window.kernelW() != extents[3]) {
            throw new IllegalArgumentException("conv2d: field \"kernel\": the window is " + window.kernelH() + "×"
                    + window.kernelW() + " but the weights are " + extents[2] + "×" + extents[3]);
        }
        weights = copy;
        bias = bias.clone();
    }

    /** A convolution whose window's kernel is taken from the weights. */
    public static Conv2d of(float[][][][] weights, float[] bias, int groups, int strideH, int strideW,
            int dilationH, int dilationW, Padding padding) {
        Objects.requireNonNull(weights, "weights");
        int kh = weights.length > 0 && weights[0] != null && weights[0].length > 0 && weights[0][0] != null
                ? weights[0][0].length : 0;
        int kw = kh > 0 && weights[0][0][0] != null ? weights[0][0][0].length : 0;
        if (kh == 0 || kw == 0) {
            throw new IllegalArgumentException("conv2d: field \"weights\" must have shape"
                    + " [out][in / groups][kernelH][kernelW] with every extent at least 1");
        }
        return new Conv2d(weights, bias, groups, new Window2d(kh, kw, strideH, strideW, dilationH, dilationW, padding));
    }

    private static int checkLength(Object array, int level, int[] extents, String index) {
        if (array == null) {
            throw new NullPointerException("conv2d: weights" + index + " is null");
        }
        int length = java.lang.reflect.Array.getLength(array);
        if (length == 0) {
            throw new IllegalArgumentException("conv2d: field \"weights\": weights" + index + " is empty"
                    + " (shape [out][in / groups][kernelH][kernelW], every extent at least 1)");
        }
        if (extents[level] < 0) {
            extents[level] = length;
        } else if (extents[level] != length) {
            throw new IllegalArgumentException("conv2d: field \"weights\": ragged: weights" + index + " has "
                    + length + " values but the first has " + extents[level]);
        }
        return length;
    }

    /** The number of filters, {@code O}. */
    public int outputChannels() {
        return weights.length;
    }

    /** The input channels each filter reads, {@code C / groups}. */
    public int channelsPerGroup() {
        return weights[0].length;
    }

    /** The weight of filter {@code o}, channel {@code c} of its group, tap {@code (i, j)}, without copying. */
    public float weight(int o, int c, int i, int j) {
        return weights[o][c][i][j];
    }

    /** The bias of filter {@code o}, without copying. */
    public float bias(int o) {
        return bias[o];
    }

    /** A copy of the weights. */
    @Override
    public float[][][][] weights() {
        float[][][][] copy = new float[weights.length][][][];
        for (int o = 0; o < weights.length; o++) {
            copy[o] = new float[weights[o].length][][];
            for (int c = 0; c < weights[o].length; c++) {
                copy[o][c] = new float[weights[o][c].length][];
                for (int i = 0; i < weights[o][c].length; i++) {
                    copy[o][c][i] = weights[o][c][i].clone();
                }
            }
        }
        return copy;
    }

    /** A copy of the bias. */
    @Override
    public float[] bias() {
        return bias.clone();
    }

    @Override
    public String type() {
        return "conv2d";
    }

    @Override
    public long parameterCount() {
        return (long) weights.length * channelsPerGroup() * window.kernelH() * window.kernelW() + weights.length;
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = inputs.get(0);
        if (!in.isImage()) {
            throw new IllegalArgumentException("takes a [channels, height, width] image but its input has shape " + in);
        }
        if (in.channels() != groups * channelsPerGroup()) {
            throw new IllegalArgumentException("field \"weights\": each filter reads " + channelsPerGroup()
                    + " channels, so with groups " + groups + " the input needs " + groups * channelsPerGroup()
                    + " channels, but it has shape " + in);
        }
        int[] hw = window.outputSize(in.height(), in.width());
        return Shape.image(weights.length, hw[0], hw[1]);
    }

    @Override
    public float[] evaluate(List<float[]> inputs, List<Shape> shapes) {
        float[] x = inputs.get(0);
        Shape in = shapes.get(0);
        int height = in.height(), width = in.width();
        int[] hw = window.outputSize(height, width);
        Padding p = window.resolve(height, width);
        int perGroup = channelsPerGroup(), filtersPerGroup = weights.length / groups;
        float[] y = new float[weights.length * hw[0] * hw[1]];
        int at = 0;
        for (int o = 0; o < weights.length; o++) {
            int firstChannel = (o / filtersPerGroup) * perGroup;
            for (int oy = 0; oy < hw[0]; oy++) {
                for (int ox = 0; ox < hw[1]; ox++) {
                    double acc = 0;
                    for (int c = 0; c < perGroup; c++) {
                        int plane = (firstChannel + c) * height;
                        for (int i = 0; i < window.kernelH(); i++) {
                            int h = oy * window.strideH() + i * window.dilationH() - p.top();
                            if (h < 0 || h >= height) {
                                continue;
                            }
                            float[] taps = weights[o][c][i];
                            for (int j = 0; j < window.kernelW(); j++) {
                                int w = ox * window.strideW() + j * window.dilationW() - p.left();
                                if (w >= 0 && w < width) {
                                    acc += (double) taps[j] * x[(plane + h) * width + w];
                                }
                            }
                        }
                    }
                    y[at++] = (float) (acc + bias[o]);
                }
            }
        }
        return y;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Conv2d c && groups == c.groups && window.equals(c.window)
                && Arrays.deepEquals(weights, c.weights) && Arrays.equals(bias, c.bias);
    }

    @Override
    public int hashCode() {
        return Objects.hash(groups, window, Arrays.deepHashCode(weights), Arrays.hashCode(bias));
    }

    /** The geometry only; values are never printed. */
    @Override
    public String toString() {
        return "Conv2d[filters=" + weights.length + ", channelsPerGroup=" + channelsPerGroup() + ", groups=" + groups
                + ", " + window + "]";
    }
}
