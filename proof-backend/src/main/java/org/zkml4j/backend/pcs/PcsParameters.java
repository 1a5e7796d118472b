package org.zkml4j.backend.pcs;

/**
 * Security parameters of a polynomial commitment, passed explicitly to the scheme.
 *
 * @param securityBits target soundness in bits; the scheme sizes its query count so that its
 *     proven soundness error is at most 2^−securityBits (see docs/soundness.md)
 */
public record PcsParameters(int securityBits) {
    /** The smallest {@link #securityBits}. */
    public static final int MIN_SECURITY_BITS = 20;
    /** The largest {@link #securityBits}. */
    public static final int MAX_SECURITY_BITS = 124;

    /** 100 bits of proven soundness. */
    public static final PcsParameters DEFAULT = new PcsParameters(100);

    /**
     * Parameters for one of {@code openings} openings of a proof that must be sound to
     * 2^−{@code securityBits} in all: each opening is held to 2^−(bits + 2 + ⌈log₂ openings⌉), so
     * the openings together stay below 2^−(bits+2) and the proof's algebraic terms (each component's
     * Schwartz–Zippel and sumcheck bounds, which the engine holds to 2^−(bits+2)) leave a margin of a bit
     * (docs/soundness.md, "Composition").
     *
     * @throws IllegalArgumentException if {@code openings} is not positive or the result is out of range
     */
    public static PcsParameters forOpenings(int securityBits, int openings) {
        if (openings < 1) {
            throw new IllegalArgumentException("a proof has at least one opening, not " + openings);
        }
        return new PcsParameters(securityBits + 2 + (32 - Integer.numberOfLeadingZeros(openings - 1)));
    }

    public PcsParameters {
        if (securityBits < MIN_SECURITY_BITS || securityBits > MAX_SECURITY_BITS) {
            throw new IllegalArgumentException("securityBits must be in [" + MIN_SECURITY_BITS + ", "
                    + MAX_SECURITY_BITS + "], got " + securityBits);
        }
    }
}
