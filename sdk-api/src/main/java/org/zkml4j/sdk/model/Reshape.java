package org.zkml4j.sdk.model;

import java.util.List;
import java.util.Objects;

/**
 * The same channel-major elements under another shape of equal size, e.g. a flat {@code [784]}
 * input as the image {@code [1, 28, 28]}.
 *
 * @param shape the output shape
 */
public record Reshape(Shape shape) implements Node {

    /** @throws NullPointerException if {@code shape} is null */
    public Reshape {
        Objects.requireNonNull(shape, "shape");
    }

    @Override
    public String type() {
        return "reshape";
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = inputs.get(0);
        if (in.size() != shape.size()) {
            throw new IllegalArgumentException("field \"shape\": " + shape + " has " + shape.size()
                    + " elements but the input has shape " + in + " (" + in.size() + ")");
        }
        return shape;
    }

    @Override
    public float[] evaluate(List<float[]> inputs, List<Shape> shapes) {
        return inputs.get(0).clone();
    }
}
