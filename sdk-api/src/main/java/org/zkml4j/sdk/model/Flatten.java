package org.zkml4j.sdk.model;

import java.util.List;

/** A value of any shape as the flat {@code [size]} value of its channel-major elements. */
public record Flatten() implements Node {

    @Override
    public String type() {
        return "flatten";
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return Shape.flat(inputs.get(0).size());
    }

    @Override
    public float[] evaluate(List<float[]> inputs, List<Shape> shapes) {
        return inputs.get(0).clone();
    }
}
