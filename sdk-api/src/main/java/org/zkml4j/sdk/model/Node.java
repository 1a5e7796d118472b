package org.zkml4j.sdk.model;

import java.util.List;

/**
 * One operation of a {@link ModelGraph}: reads one or more tensor values and produces one. The
 * node holds only its kind and parameters; which values it reads and writes is the graph's
 * {@link GraphNode} wiring. The set of kinds is closed; switch over them with {@code instanceof}.
 *
 * <p>Values are channel-major float arrays of a static {@link Shape} (see there).
 */
public sealed interface Node permits Dense, Activation, Softmax, Conv2d, MaxPool2d, AvgPool2d, GlobalAvgPool,
        GlobalMaxPool, BatchNorm, Add, Concat, Flatten, Reshape {

    /** The kind's name in the model format, e.g. {@code "conv2d"}. */
    String type();

    /** The fewest values this node reads; 1 unless stated. */
    default int minInputs() {
        return 1;
    }

    /** The most values this node reads; 1 unless stated. */
    default int maxInputs() {
        return 1;
    }

    /**
     * The shape of the value this node produces from values of the given shapes.
     *
     * @param inputs between {@link #minInputs()} and {@link #maxInputs()} shapes
     * @throws IllegalArgumentException naming the field that does not fit the inputs
     */
    Shape outputShape(List<Shape> inputs);

    /**
     * The float reference value of this node (deterministic; the rounding of each kind is stated on
     * its class and in docs/model-format.md).
     *
     * @param inputs the input values, channel-major, of the shapes {@code shapes}, which
     *     {@link #outputShape(List)} accepts (not modified)
     * @return a new array of {@code outputShape(shapes).size()} values
     */
    float[] evaluate(List<float[]> inputs, List<Shape> shapes);

    /** The number of weights, biases and other learned numbers this node holds; 0 unless stated. */
    default long parameterCount() {
        return 0;
    }
}
