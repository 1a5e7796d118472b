package org.zkml4j.sdk;

/**
 * Checks proofs. Malformed or hostile bytes give an invalid result with a reason, never an
 * exception, and never more memory than the input's size.
 *
 * <pre>{@code
 * VerificationResult r = Verifier.verify(key, statement, proofBytes);
 * if (!r.valid()) log.warn("rejected: " + r.reason());
 * }</pre>
 */
public final class Verifier {
    private Verifier() {}

    /** Verifies {@code proof} for {@code statement} under {@code key}. */
    public static VerificationResult verify(VerificationKey key, Statement statement, byte[] proof) {
        if (key == null || statement == null || proof == null) {
            return VerificationResult.invalid("key, statement and proof are all required");
        }
        ProofEngine engine;
        try {
            engine = ProofEngines.forKey(key);
        } catch (IllegalStateException e) {
            return VerificationResult.invalid(e.getMessage());
        }
        try {
            return engine.verify(key, statement, proof);
        } catch (RuntimeException e) {
            return VerificationResult.invalid("verifier error: " + e.getClass().getSimpleName());
        }
    }
}
