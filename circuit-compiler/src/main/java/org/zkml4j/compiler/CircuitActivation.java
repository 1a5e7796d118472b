package org.zkml4j.compiler;

/**
 * The integer activation of a circuit layer, realised as a lookup table over the layer's whole
 * static range of requantized pre-activations z. The numeric {@link #code()} is what the canonical
 * encoding stores; it never changes for a given function.
 */
public enum CircuitActivation {
    /** A(z) = clamp(z, −Q, Q); output scale f_a = f_y. */
    IDENTITY(0),
    /** A(z) = clamp(max(0, z), −Q, Q); output scale f_a = f_y. */
    RELU(1),
    /** A(z) = clamp(z) for z ≥ 0, clamp(round(α·z)) for z &lt; 0; output scale f_a = f_y. */
    LEAKY_RELU(2),
    /** A(z) = clamp(round(σ(z/2^f_y)·2^(B−1))); output scale f_a = B − 1. */
    SIGMOID(3),
    /** A(z) = clamp(round(tanh(z/2^f_y)·2^(B−1))); output scale f_a = B − 1. */
    TANH(4);

    private final int code;

    CircuitActivation(int code) {
        this.code = code;
    }

    /** The stable code used by the canonical encoding. */
    public int code() {
        return code;
    }

    /** The activation with the given encoding code, or {@code null} if there is none. */
    public static CircuitActivation fromCode(int code) {
        for (CircuitActivation a : values()) {
            if (a.code == code) {
                return a;
            }
        }
        return null;
    }

    /** Whether the function has a parameter α (only {@link #LEAKY_RELU}). */
    public boolean hasAlpha() {
        return this == LEAKY_RELU;
    }

    /**
     * The output's fractional bits f_a: {@code preActivationFracBits} for the piecewise-linear
     * functions (so ReLU is exactly max(0, z)), {@code activationBits − 1} for sigmoid and tanh
     * (whose outputs lie in (−1, 1)).
     */
    public int outputFracBits(int preActivationFracBits, int activationBits) {
        return switch (this) {
            case IDENTITY, RELU, LEAKY_RELU -> preActivationFracBits;
            case SIGMOID, TANH -> activationBits - 1;
        };
    }

    /**
     * The table entry A(z) = clamp(round(f(z/2^f_y)·2^f_a), −Q, Q), computed directly. The
     * transcendental functions use {@link StrictMath}, so every JVM builds identical tables.
     *
     * @param z requantized pre-activation
     * @param alpha LeakyReLU slope (ignored by the other functions)
     * @param fy fractional bits of z
     * @param fa fractional bits of the output
     * @param q the activation limit Q
     */
    public long apply(long z, float alpha, int fy, int fa, long q) {
        return switch (this) {
            case IDENTITY -> FixedPoint.clamp(z, q);
            case RELU -> FixedPoint.clamp(Math.max(0, z), q);
            case LEAKY_RELU -> z >= 0
                    ? FixedPoint.clamp(z, q)
                    : FixedPoint.quantize((double) alpha * (double) z, 0, q); // exact: |α·z| < 2^24·2^20
            case SIGMOID -> FixedPoint.quantize(1.0 / (1.0 + StrictMath.exp(-Math.scalb((double) z, -fy))), fa, q);
            case TANH -> FixedPoint.quantize(StrictMath.tanh(Math.scalb((double) z, -fy)), fa, q);
        };
    }
}
