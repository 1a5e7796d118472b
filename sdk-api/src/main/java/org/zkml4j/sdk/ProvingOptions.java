package org.zkml4j.sdk;

/**
 * How a model is compiled for proving.
 *
 * <pre>{@code
 * ProvingOptions options = ProvingOptions.builder().activationBits(10).build();
 * }</pre>
 *
 * @param activationBits fixed-point bits of activations (B)
 * @param weightBits fixed-point bits of weights (Bw)
 * @param inputVisibility whether the verifier sees the input
 * @param outputVisibility whether the verifier sees the outputs (PRIVATE: only a classifier's class)
 * @param securityBits soundness target of the proof system
 */
public record ProvingOptions(int activationBits, int weightBits, Visibility inputVisibility,
                             Visibility outputVisibility, int securityBits) {
    /** Defaults: 10-bit activations and weights, public input and output, 100-bit soundness. */
    public static final ProvingOptions DEFAULTS =
            new ProvingOptions(10, 10, Visibility.PUBLIC, Visibility.PUBLIC, 100);

    /** Validates ranges. */
    public ProvingOptions {
        if (activationBits < 4 || activationBits > 16) {
            throw new IllegalArgumentException("activationBits must be in [4, 16], got " + activationBits);
        }
        if (weightBits < 2 || weightBits > 16) {
            throw new IllegalArgumentException("weightBits must be in [2, 16], got " + weightBits);
        }
        if (inputVisibility == null || outputVisibility == null) {
            throw new IllegalArgumentException("inputVisibility and outputVisibility must be set");
        }
        if (securityBits < 80 || securityBits > 120) {
            throw new IllegalArgumentException("securityBits must be in [80, 120], got " + securityBits);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ProvingOptions}; every setting is optional. */
    public static final class Builder {
        private int activationBits = DEFAULTS.activationBits;
        private int weightBits = DEFAULTS.weightBits;
        private Visibility inputVisibility = DEFAULTS.inputVisibility;
        private Visibility outputVisibility = DEFAULTS.outputVisibility;
        private int securityBits = DEFAULTS.securityBits;

        public Builder activationBits(int bits) {
            this.activationBits = bits;
            return this;
        }

        public Builder weightBits(int bits) {
            this.weightBits = bits;
            return this;
        }

        public Builder inputVisibility(Visibility visibility) {
            this.inputVisibility = visibility;
            return this;
        }

        /** PRIVATE hides the logits and shows only the class; it needs a classifier and a PRIVATE input. */
        public Builder outputVisibility(Visibility visibility) {
            this.outputVisibility = visibility;
            return this;
        }

        public Builder securityBits(int bits) {
            this.securityBits = bits;
            return this;
        }

        /** @throws IllegalArgumentException if a setting is out of range */
        public ProvingOptions build() {
            return new ProvingOptions(activationBits, weightBits, inputVisibility, outputVisibility, securityBits);
        }
    }
}
