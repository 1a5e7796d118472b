package org.zkml4j.sdk.model;

import java.util.List;
import java.util.Objects;

/**
 * Average pooling of a {@code [C, H, W]} image, per channel: each output is the sum of the input
 * elements of its window (accumulated in double precision in row-major window order) divided by a
 * count, rounded once to float.
 *
 * <p>The count is {@code kernelH · kernelW} when {@code countIncludePad} (padding positions count
 * as zeros: ONNX {@code count_include_pad = 1}, DL4J {@code avgPoolIncludePadInDivisor = true}),
 * else the number of input elements in the window (ONNX's default {@code 0}; DL4J {@code false}).
 * Without padding the two agree.
 *
 * @param window the kernel, stride and padding; dilation 1
 * @param countIncludePad whether padding positions count in the divisor
 */
public record AvgPool2d(Window2d window, boolean countIncludePad) implements Node {

    /** @throws IllegalArgumentException naming the field if the dilation is not 1 or a padding side
     *     is not smaller than the kernel */
    public AvgPool2d {
        Objects.requireNonNull(window, "window");
        Pooling.check("avgpool2d", window);
    }

    /** A window of {@code kernelH × kernelW} moving by {@code strideH, strideW}. */
    public static AvgPool2d of(int kernelH, int kernelW, int strideH, int strideW, Padding padding,
            boolean countIncludePad) {
        return new AvgPool2d(new Window2d(kernelH, kernelW, strideH, strideW, 1, 1, padding), countIncludePad);
    }

    @Override
    public String type() {
        return "avgpool2d";
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return Pooling.outputShape(window, inputs);
    }

    @Override
    public float[] evaluate(List<float[]> inputs, List<Shape> shapes) {
        int area = window.kernelH() * window.kernelW();
        return Pooling.slide(window, inputs.get(0), shapes.get(0), (x, indices, count) -> {
            double sum = 0;
            for (int k = 0; k < count; k++) {
                sum += x[indices[k]];
            }
            return (float) (sum / (countIncludePad ? area : count));
        });
    }
}
