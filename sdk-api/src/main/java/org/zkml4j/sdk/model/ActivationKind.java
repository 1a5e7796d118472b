package org.zkml4j.sdk.model;

/**
 * The element-wise functions an {@link Activation} node can apply. The exact float semantics are
 * those of {@link Activation#apply(float)}.
 */
public enum ActivationKind {
    /** {@code max(0, x)}. */
    RELU,
    /** {@code x} for {@code x >= 0}, {@code alpha * x} otherwise. */
    LEAKY_RELU,
    /** The logistic function {@code 1 / (1 + e^-x)}. */
    SIGMOID,
    /** The hyperbolic tangent. */
    TANH,
    /** {@code x}: a no-op, kept so that imported models map one to one. */
    IDENTITY
}
