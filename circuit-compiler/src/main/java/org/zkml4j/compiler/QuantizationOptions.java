package org.zkml4j.compiler;

/**
 * How a model is quantized: activation bit width B, weight bit width Bw, and what to do when a
 * requantization shift would exceed {@link #MAX_SHIFT}. Immutable; build with {@link #builder()}.
 *
 * <pre>{@code
 * QuantizationOptions opts = QuantizationOptions.builder()
 *         .activationBits(10)
 *         .weightBits(8)
 *         .build();
 * }</pre>
 */
public final class QuantizationOptions {
    /** Default activation bit width B (chosen for MNIST-MLP fidelity, see docs/quantization.md). */
    public static final int DEFAULT_ACTIVATION_BITS = 10;
    /** Default weight bit width Bw (wide weights cost the proofs almost nothing, see docs/quantization.md). */
    public static final int DEFAULT_WEIGHT_BITS = 10;
    /** Smallest and largest activation bit width. */
    public static final int MIN_ACTIVATION_BITS = 4, MAX_ACTIVATION_BITS = 16;
    /** Smallest and largest weight bit width. */
    public static final int MIN_WEIGHT_BITS = 2, MAX_WEIGHT_BITS = 16;
    /** Largest requantization shift k: the remainder r &lt; 2^k is range-checked by a 2^16-row table. */
    public static final int MAX_SHIFT = 16;
    /** Largest activation lookup table, 2·Zmax + 1 ≤ 2^20 rows. */
    public static final int MAX_TABLE_SIZE = 1 << 20;
    /** Range of every fractional-bit count in a circuit. */
    public static final int MIN_FRAC_BITS = -32, MAX_FRAC_BITS = 48;

    /** What the compiler does when a layer's requantization shift k would exceed {@link #MAX_SHIFT}. */
    public enum ShiftPolicy {
        /** Lower the layer's weight fractional bits f_w until k = {@link #MAX_SHIFT} (default). */
        LOWER_WEIGHT_PRECISION,
        /** Refuse to compile with a {@link CompilationException} naming the layer. */
        REFUSE
    }

    private static final QuantizationOptions DEFAULTS = builder().build();

    private final int activationBits;
    private final int weightBits;
    private final ShiftPolicy shiftPolicy;

    private QuantizationOptions(Builder b) {
        this.activationBits = b.activationBits;
        this.weightBits = b.weightBits;
        this.shiftPolicy = b.shiftPolicy;
    }

    /** The default options: B = {@value #DEFAULT_ACTIVATION_BITS}, Bw = {@value #DEFAULT_WEIGHT_BITS}, lower weight precision on large shifts. */
    public static QuantizationOptions defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Activation bit width B; activations lie in [−Q, Q] with Q = 2^(B−1) − 1. */
    public int activationBits() {
        return activationBits;
    }

    /** Weight bit width Bw; weights lie in [−(2^(Bw−1) − 1), 2^(Bw−1) − 1]. */
    public int weightBits() {
        return weightBits;
    }

    /** The policy for requantization shifts above {@link #MAX_SHIFT}. */
    public ShiftPolicy shiftPolicy() {
        return shiftPolicy;
    }

    @Override
    public String toString() {
        return "QuantizationOptions[activationBits=" + activationBits + ", weightBits=" + weightBits
                + ", shiftPolicy=" + shiftPolicy + "]";
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private int activationBits = DEFAULT_ACTIVATION_BITS;
        private int weightBits = DEFAULT_WEIGHT_BITS;
        private ShiftPolicy shiftPolicy = ShiftPolicy.LOWER_WEIGHT_PRECISION;

        private Builder() {}

        /** Sets B, in [{@value #MIN_ACTIVATION_BITS}, {@value #MAX_ACTIVATION_BITS}]. */
        public Builder activationBits(int bits) {
            this.activationBits = bits;
            return this;
        }

        /** Sets Bw, in [{@value #MIN_WEIGHT_BITS}, {@value #MAX_WEIGHT_BITS}]. */
        public Builder weightBits(int bits) {
            this.weightBits = bits;
            return this;
        }

        /** Sets the policy for shifts above {@link #MAX_SHIFT}. */
        public Builder shiftPolicy(ShiftPolicy policy) {
            if (policy == null) {
                throw new NullPointerException("shiftPolicy");
            }
            this.shiftPolicy = policy;
            return this;
        }

        /**
         * Freezes the options.
         *
         * @throws IllegalArgumentException if a bit width is out of range
         */
        public QuantizationOptions build() {
            if (activationBits < MIN_ACTIVATION_BITS || activationBits > MAX_ACTIVATION_BITS) {
                throw new IllegalArgumentException("activationBits " + activationBits + " outside ["
                        + MIN_ACTIVATION_BITS + ", " + MAX_ACTIVATION_BITS + "]");
            }
            if (weightBits < MIN_WEIGHT_BITS || weightBits > MAX_WEIGHT_BITS) {
                throw new IllegalArgumentException("weightBits " + weightBits + " outside ["
                        + MIN_WEIGHT_BITS + ", " + MAX_WEIGHT_BITS + "]");
            }
            return new QuantizationOptions(this);
        }
    }
}
