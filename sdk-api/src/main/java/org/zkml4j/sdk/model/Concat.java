package org.zkml4j.sdk.model;

import java.util.List;

/**
 * Two or more values joined along the channels, in input order: images of equal height and width
 * give an image with the channels summed; flat values give their concatenation. In channel-major
 * layout this is the inputs' arrays one after the other.
 */
public record Concat() implements Node {

    @Override
    public String type() {
        return "concat";
    }

    @Override
    public int minInputs() {
        return 2;
    }

    @Override
    public int maxInputs() {
        return Integer.MAX_VALUE;
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape first = inputs.get(0);
        long channels = 0;
        for (int k = 0; k < inputs.size(); k++) {
            Shape s = inputs.get(k);
            if (s.rank() != first.rank() || s.height() != first.height() || s.width() != first.width()) {
                throw new IllegalArgumentException("field \"inputs\": input " + k + " has shape " + s + " but input 0"
                        + " has " + first + "; concatenated values agree in everything but the channels");
            }
            channels += s.channels();
        }
        if (channels * first.height() * first.width() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("field \"inputs\": the result has too many elements");
        }
        return first.isImage() ? Shape.image((int) channels, first.height(), first.width()) : Shape.flat((int) channels);
    }

    @Override
    public float[] evaluate(List<float[]> inputs, List<Shape> shapes) {
        int total = 0;
        for (float[] x : inputs) {
            total += x.length;
        }
        float[] y = new float[total];
        int at = 0;
        for (float[] x : inputs) {
            System.arraycopy(x, 0, y, at, x.length);
            at += x.length;
        }
        return y;
    }
}
