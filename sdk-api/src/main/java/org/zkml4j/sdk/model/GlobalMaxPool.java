package org.zkml4j.sdk.model;

import java.util.List;

/**
 * The largest element of each channel of a {@code [C, H, W]} image, giving a flat {@code [C]} value
 * (as DL4J's {@code GlobalPoolingLayer} with max; ONNX's {@code GlobalMaxPool} followed by a flatten).
 */
public record GlobalMaxPool() implements Node {

    @Override
    public String type() {
        return "globalmaxpool";
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return channels(inputs.get(0));
    }

    static Shape channels(Shape in) {
        if (!in.isImage()) {
            throw new IllegalArgumentException("takes a [channels, height, width] image but its input has shape " + in);
        }
        return Shape.flat(in.channels());
    }

    @Override
    public float[] evaluate(List<float[]> inputs, List<Shape> shapes) {
        float[] x = inputs.get(0);
        Shape in = shapes.get(0);
        int plane = in.height() * in.width();
        float[] y = new float[in.channels()];
        for (int c = 0; c < y.length; c++) {
            float max = x[c * plane];
            for (int k = c * plane + 1; k < (c + 1) * plane; k++) {
                max = Math.max(max, x[k]);
            }
            y[c] = max;
        }
        return y;
    }
}
