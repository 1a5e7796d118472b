package org.zkml4j.backend.pcs;

/**
 * Security parameters of a polynomial commitment, passed explicitly to the scheme.
 *
 * @param securityBits target soundness in bits; the scheme sizes its query count so that its
 *     proven soundness error is at most 2^−securityBits (see docs/soundness.md)
 */
public record PcsParameters(int securityBits) {
    /** 100 bits of proven soundness. */
    public static final PcsParameters DEFAULT = new PcsParameters(100);

    public PcsParameters {
        if (securityBits < 20 || securityBits > 124) {
            throw new IllegalArgumentException("securityBits must be in [20, 124], got " + securityBits);
        }
    }
}
