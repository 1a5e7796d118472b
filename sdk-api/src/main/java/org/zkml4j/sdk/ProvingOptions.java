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
 * @param outputVisibility whether the verifier sees the outputs (PRIVATE: only a classifier's class;
 *     COMMITTED: a commitment to them, which the prover can open later)
 * @param weightVisibility PUBLIC (the key holds the weights) or COMMITTED (the key holds a
 *     commitment to them; proofs hide them)
 * @param proofBudget COMMITTED weights: how many proofs one model commitment hides the weights for
 *     (docs/commitment-reuse.md); compile again for a new commitment and key after that many
 * @param securityBits soundness target of the proof system
 * @param strictInputRange refuse inputs outside the calibrated range (an {@link IllegalArgumentException}
 *     naming the row and column) instead of clamping them and reporting it in
 *     {@link VerifiedPrediction#clampedInputs()}
 */
public record ProvingOptions(int activationBits, int weightBits, Visibility inputVisibility,
                             Visibility outputVisibility, Visibility weightVisibility, int proofBudget,
                             int securityBits, boolean strictInputRange) {
    /**
     * Defaults: 10-bit activations and weights, public input, output and weights, a budget of 32
     * proofs per model commitment (used only with COMMITTED weights), 100-bit soundness, inputs
     * outside the calibrated range clamped (and counted).
     */
    public static final ProvingOptions DEFAULTS =
            new ProvingOptions(10, 10, Visibility.PUBLIC, Visibility.PUBLIC, Visibility.PUBLIC, 32, 100, false);

    /** Validates ranges. */
    public ProvingOptions {
        if (activationBits < 4 || activationBits > 16) {
            throw new IllegalArgumentException("activationBits must be in [4, 16], got " + activationBits);
        }
        if (weightBits < 2 || weightBits > 16) {
            throw new IllegalArgumentException("weightBits must be in [2, 16], got " + weightBits);
        }
        if (inputVisibility == null || outputVisibility == null || weightVisibility == null) {
            throw new IllegalArgumentException("inputVisibility, outputVisibility and weightVisibility must be set");
        }
        if (inputVisibility == Visibility.COMMITTED) {
            throw new IllegalArgumentException("COMMITTED inputs are proven with VerifiableModel.commitInputs and "
                    + "predictCommitted, not an option");
        }
        if (weightVisibility == Visibility.PRIVATE) {
            throw new IllegalArgumentException("weights are PUBLIC or COMMITTED (a proof about unknown weights "
                    + "would say nothing)");
        }
        if (proofBudget < 2 || proofBudget > MAX_PROOF_BUDGET) {
            throw new IllegalArgumentException("proofBudget must be in [2, " + MAX_PROOF_BUDGET + "], got "
                    + proofBudget);
        }
        if (securityBits < 80 || securityBits > MAX_SECURITY_BITS) {
            throw new IllegalArgumentException("securityBits must be in [80, " + MAX_SECURITY_BITS + "], got "
                    + securityBits);
        }
    }

    /**
     * Largest {@link #securityBits}: the hash-based commitments over the Goldilocks extension prove
     * at most about 112 bits per opening, and a proof holds each of up to six openings to 2^−(bits+5).
     */
    public static final int MAX_SECURITY_BITS = 104;

    /**
     * Largest {@link #proofBudget}: every opening reveals two field functionals of each committed
     * weight vector, and random halves beyond 2^16 entries would dwarf the model (docs/zero-knowledge.md).
     */
    public static final int MAX_PROOF_BUDGET = 128;

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ProvingOptions}; every setting is optional. */
    public static final class Builder {
        private int activationBits = DEFAULTS.activationBits;
        private int weightBits = DEFAULTS.weightBits;
        private Visibility inputVisibility = DEFAULTS.inputVisibility;
        private Visibility outputVisibility = DEFAULTS.outputVisibility;
        private Visibility weightVisibility = DEFAULTS.weightVisibility;
        private int proofBudget = DEFAULTS.proofBudget;
        private int securityBits = DEFAULTS.securityBits;
        private boolean strictInputRange = DEFAULTS.strictInputRange;

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

        /**
         * PRIVATE hides the logits and shows only the class; it needs a classifier and a PRIVATE
         * input or COMMITTED weights.
         */
        public Builder outputVisibility(Visibility visibility) {
            this.outputVisibility = visibility;
            return this;
        }

        /** COMMITTED: the key holds a commitment to the weights instead of the weights; proofs hide them. */
        public Builder weightVisibility(Visibility visibility) {
            this.weightVisibility = visibility;
            return this;
        }

        /** With COMMITTED weights: how many proofs one model commitment hides the weights for. */
        public Builder proofBudget(int proofs) {
            this.proofBudget = proofs;
            return this;
        }

        public Builder securityBits(int bits) {
            this.securityBits = bits;
            return this;
        }

        /** Refuse inputs outside the calibrated range instead of clamping them. */
        public Builder strictInputRange(boolean strict) {
            this.strictInputRange = strict;
            return this;
        }

        /** @throws IllegalArgumentException if a setting is out of range */
        public ProvingOptions build() {
            return new ProvingOptions(activationBits, weightBits, inputVisibility, outputVisibility, weightVisibility,
                    proofBudget, securityBits, strictInputRange);
        }
    }
}
