package org.zkml4j.sdk.model;

import java.util.Objects;

/**
 * The geometry of a sliding window over the height and width of an image, shared by
 * {@link Conv2d} and the pooling nodes.
 *
 * <p>Output row {@code y} reads input rows {@code y · strideH + i · dilationH − top} for
 * {@code i} in {@code [0, kernelH)} (columns likewise); rows outside {@code [0, H)} are padding.
 * The output height is {@code floor((H + top + bottom − (kernelH − 1) · dilationH − 1) / strideH) + 1}
 * (floor mode: no partial windows at the end), and must be at least 1.
 *
 * @param kernelH window rows, at least 1
 * @param kernelW window columns, at least 1
 * @param strideH rows between windows, at least 1
 * @param strideW columns between windows, at least 1
 * @param dilationH rows between window taps, at least 1 (1 = dense window)
 * @param dilationW columns between window taps, at least 1
 * @param padding explicit or {@link Padding#SAME}
 */
public record Window2d(int kernelH, int kernelW, int strideH, int strideW, int dilationH, int dilationW,
        Padding padding) {

    /**
     * @throws IllegalArgumentException naming the field if an extent, stride or dilation is below 1
     */
    public Window2d {
        Objects.requireNonNull(padding, "padding");
        atLeastOne("kernel", kernelH, kernelW);
        atLeastOne("stride", strideH, strideW);
        atLeastOne("dilation", dilationH, dilationW);
    }

    private static void atLeastOne(String field, int h, int w) {
        if (h < 1 || w < 1) {
            throw new IllegalArgumentException("field \"" + field + "\": both extents must be at least 1; got ["
                    + h + ", " + w + "]");
        }
    }

    /** The padding actually applied to an input of {@code height × width} ({@code same} resolved). */
    public Padding resolve(int height, int width) {
        if (!padding.same()) {
            return padding;
        }
        int totalH = samePadding(height, kernelH, strideH, dilationH);
        int totalW = samePadding(width, kernelW, strideW, dilationW);
        return Padding.of(totalH / 2, totalH - totalH / 2, totalW / 2, totalW - totalW / 2);
    }

    private static int samePadding(int in, int kernel, int stride, int dilation) {
        long out = (in + (long) stride - 1) / stride;
        long total = (out - 1) * stride + (long) (kernel - 1) * dilation + 1 - in;
        return (int) Math.max(0, total);
    }

    /**
     * The output {@code [height, width]} for an input of {@code height × width}.
     *
     * @throws IllegalArgumentException naming the field {@code kernel} if the window does not fit
     *     the padded input
     */
    public int[] outputSize(int height, int width) {
        Padding p = resolve(height, width);
        return new int[] {
            axis("height", height, p.top(), p.bottom(), kernelH, strideH, dilationH),
            axis("width", width, p.left(), p.right(), kernelW, strideW, dilationW)};
    }

    private static int axis(String name, int in, int before, int after, int kernel, int stride, int dilation) {
        long extent = (long) (kernel - 1) * dilation + 1;
        long padded = (long) in + before + after;
        if (padded < extent) {
            throw new IllegalArgumentException("field \"kernel\": the window spans " + extent + " " + name
                    + " positions (kernel " + kernel + ", dilation " + dilation + ") but the padded input "
                    + name + " is " + padded + " (" + in + " + padding " + before + " + " + after + ")");
        }
        long out = (padded - extent) / stride + 1;
        if (out > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("field \"padding\": the output " + name + " " + out + " is too large");
        }
        return (int) out;
    }
}
