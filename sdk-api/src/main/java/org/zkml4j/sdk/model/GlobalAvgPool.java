package org.zkml4j.sdk.model;

import java.util.List;

/**
 * The mean of each channel of a {@code [C, H, W]} image, giving a flat {@code [C]} value (as DL4J's
 * {@code GlobalPoolingLayer}; ONNX's {@code GlobalAveragePool} followed by a flatten). Each mean is
 * accumulated in double precision in row-major order, divided by {@code H · W} and rounded once.
 */
public record GlobalAvgPool() implements Node {

    @Override
    public String type() {
        return "globalavgpool";
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return GlobalMaxPool.channels(inputs.get(0));
    }

    @Override
    public float[] evaluate(List<float[]> inputs, List<Shape> shapes) {
        float[] x = inputs.get(0);
        Shape in = shapes.get(0);
        int plane = in.height() * in.width();
        float[] y = new float[in.channels()];
        for (int c = 0; c < y.length; c++) {
            double sum = 0;
            for (int k = c * plane; k < (c + 1) * plane; k++) {
                sum += x[k];
            }
            y[c] = (float) (sum / plane);
        }
        return y;
    }
}
