package org.zkml4j.sdk.model;

import java.util.List;

/** The sliding-window loop and checks shared by {@link MaxPool2d} and {@link AvgPool2d}. */
final class Pooling {

    /** Reduces the input elements of one window (never empty) to one output value. */
    interface Reducer {
        float reduce(float[] x, int[] indices, int count);
    }

    private Pooling() {
    }

    /** Pooling windows are dense and every window holds at least one input element. */
    static void check(String type, Window2d window) {
        if (window.dilationH() != 1 || window.dilationW() != 1) {
            throw new IllegalArgumentException(type + ": field \"dilation\": pooling windows are dense (dilation 1)");
        }
        Padding p = window.padding();
        if (p.top() >= window.kernelH() || p.bottom() >= window.kernelH() || p.left() >= window.kernelW()
                || p.right() >= window.kernelW()) {
            throw new IllegalArgumentException(type + ": field \"padding\": " + p + " must be less than the kernel "
                    + window.kernelH() + "×" + window.kernelW() + " on every side, so that every window holds an"
                    + " input element");
        }
    }

    static Shape outputShape(Window2d window, List<Shape> inputs) {
        Shape in = inputs.get(0);
        if (!in.isImage()) {
            throw new IllegalArgumentException("takes a [channels, height, width] image but its input has shape " + in);
        }
        int[] hw = window.outputSize(in.height(), in.width());
        return Shape.image(in.channels(), hw[0], hw[1]);
    }

    /** Applies {@code reducer} to every window of every channel, channel-major. */
    static float[] slide(Window2d window, float[] x, Shape in, Reducer reducer) {
        int height = in.height(), width = in.width();
        int[] hw = window.outputSize(height, width);
        Padding p = window.resolve(height, width);
        int[] indices = new int[window.kernelH() * window.kernelW()];
        float[] y = new float[in.channels() * hw[0] * hw[1]];
        int at = 0;
        for (int c = 0; c < in.channels(); c++) {
            for (int oy = 0; oy < hw[0]; oy++) {
                for (int ox = 0; ox < hw[1]; ox++) {
                    int count = 0;
                    for (int i = 0; i < window.kernelH(); i++) {
                        int h = oy * window.strideH() + i - p.top();
                        for (int j = 0; h >= 0 && h < height && j < window.kernelW(); j++) {
                            int w = ox * window.strideW() + j - p.left();
                            if (w >= 0 && w < width) {
                                indices[count++] = (c * height + h) * width + w;
                            }
                        }
                    }
                    y[at++] = reducer.reduce(x, indices, count);
                }
            }
        }
        return y;
    }
}
