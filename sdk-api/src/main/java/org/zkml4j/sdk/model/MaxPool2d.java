package org.zkml4j.sdk.model;

import java.util.List;
import java.util.Objects;

/**
 * Max pooling of a {@code [C, H, W]} image, per channel: each output is the largest input element of
 * its window. Padding positions are ignored (as if −∞, as in DL4J and ONNX); every window holds at
 * least one input element because each padding side is smaller than the kernel.
 *
 * @param window the kernel, stride and padding; dilation 1
 */
public record MaxPool2d(Window2d window) implements Node {

    /** @throws IllegalArgumentException naming the field if the dilation is not 1 or a padding side
     *     is not smaller than the kernel */
    public MaxPool2d {
        Objects.requireNonNull(window, "window");
        Pooling.check("maxpool2d", window);
    }

    /** A window of {@code kernelH × kernelW} moving by {@code strideH, strideW}. */
    public static MaxPool2d of(int kernelH, int kernelW, int strideH, int strideW, Padding padding) {
        return new MaxPool2d(new Window2d(kernelH, kernelW, strideH, strideW, 1, 1, padding));
    }

    @Override
    public String type() {
        return "maxpool2d";
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return Pooling.outputShape(window, inputs);
    }

    @Override
    public float[] evaluate(List<float[]> inputs, List<Shape> shapes) {
        return Pooling.slide(window, inputs.get(0), shapes.get(0), (x, indices, count) -> {
            float max = x[indices[0]];
            for (int k = 1; k < count; k++) {
                max = Math.max(max, x[indices[k]]);
            }
            return max;
        });
    }
}
