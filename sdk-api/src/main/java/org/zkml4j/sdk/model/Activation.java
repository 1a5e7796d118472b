package org.zkml4j.sdk.model;

import java.util.List;
import java.util.Objects;

/**
 * An element-wise activation function; the value keeps its shape.
 *
 * <p>{@code alpha} is the negative slope of {@link ActivationKind#LEAKY_RELU} and must be
 * {@code 0} for every other kind (a negative zero is normalised to {@code 0}). Whether alpha is
 * finite is checked by {@link ModelGraph}, which names the node.
 *
 * @param kind the function
 * @param alpha the LeakyReLU slope; {@code 0} for other kinds
 */
public record Activation(ActivationKind kind, float alpha) implements Node {

    /**
     * @throws NullPointerException if {@code kind} is null
     * @throws IllegalArgumentException if {@code alpha} is not {@code 0} for a kind other than
     *     LeakyReLU
     */
    public Activation {
        Objects.requireNonNull(kind, "kind");
        if (kind != ActivationKind.LEAKY_RELU) {
            if (alpha != 0f) {
                throw new IllegalArgumentException(
                        "alpha is only meaningful for LEAKY_RELU; " + kind + " needs alpha 0, got " + alpha);
            }
            alpha = 0f;
        }
    }

    /** {@code max(0, x)}. */
    public static Activation relu() {
        return new Activation(ActivationKind.RELU, 0f);
    }

    /** {@code x >= 0 ? x : alpha * x}; {@code alpha} is typically small and positive, e.g. 0.01. */
    public static Activation leakyRelu(float alpha) {
        return new Activation(ActivationKind.LEAKY_RELU, alpha);
    }

    /** The logistic function. */
    public static Activation sigmoid() {
        return new Activation(ActivationKind.SIGMOID, 0f);
    }

    /** The hyperbolic tangent. */
    public static Activation tanh() {
        return new Activation(ActivationKind.TANH, 0f);
    }

    /** The identity. */
    public static Activation identity() {
        return new Activation(ActivationKind.IDENTITY, 0f);
    }

    @Override
    public String type() {
        return "activation";
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return inputs.get(0);
    }

    /** {@link #apply(float)} on every element. */
    @Override
    public float[] evaluate(List<float[]> inputs, List<Shape> shapes) {
        float[] y = inputs.get(0).clone();
        for (int i = 0; i < y.length; i++) {
            y[i] = apply(y[i]);
        }
        return y;
    }

    /**
     * The reference (float) value of this function at {@code x}, as used by
     * {@link ModelGraph#evaluate(float[])}: ReLU is {@code Math.max(0f, x)}, LeakyReLU is
     * {@code x >= 0 ? x : alpha * x} (one float multiplication), sigmoid and tanh are computed in
     * double precision and rounded once to float.
     */
    public float apply(float x) {
        switch (kind) {
            case RELU:
                return Math.max(0f, x);
            case LEAKY_RELU:
                return x >= 0f ? x : alpha * x;
            case SIGMOID:
                return (float) (1.0 / (1.0 + Math.exp(-(double) x)));
            case TANH:
                return (float) Math.tanh(x);
            case IDENTITY:
                return x;
            default:
                throw new AssertionError(kind);
        }
    }
}
