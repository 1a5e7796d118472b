package org.zkml4j.sdk.model;

import java.util.List;

/**
 * The element-wise sum of two values of equal shape (a residual connection), one float addition
 * per element.
 */
public record Add() implements Node {

    @Override
    public String type() {
        return "add";
    }

    @Override
    public int minInputs() {
        return 2;
    }

    @Override
    public int maxInputs() {
        return 2;
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        if (!inputs.get(0).equals(inputs.get(1))) {
            throw new IllegalArgumentException("field \"inputs\": adds values of equal shape, got "
                    + inputs.get(0) + " and " + inputs.get(1));
        }
        return inputs.get(0);
    }

    @Override
    public float[] evaluate(List<float[]> inputs, List<Shape> shapes) {
        float[] a = inputs.get(0), b = inputs.get(1);
        float[] y = new float[a.length];
        for (int k = 0; k < y.length; k++) {
            y[k] = a[k] + b[k];
        }
        return y;
    }
}
