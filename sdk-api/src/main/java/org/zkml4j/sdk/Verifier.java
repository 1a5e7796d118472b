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
        return withEngine(key, engine -> engine.verify(key, statement, proof));
    }

    /**
     * Checks a revealed opening of a statement's COMMITTED outputs: whether {@code outputs} (the
     * proven integer outputs, one row per statement row — or fewer, the statement having filled its
     * power-of-two batch by repeating the last) and the prover's {@code secret}
     * ({@link VerifiedPrediction#outputSecret()}) re-create its output commitment. With a valid proof
     * of the statement, valid means these are the outputs the model computed.
     */
    public static VerificationResult checkOutputs(VerificationKey key, Statement statement, int[][] outputs,
            byte[] secret) {
        if (key == null || statement == null || outputs == null || secret == null) {
            return VerificationResult.invalid("key, statement, outputs and secret are all required");
        }
        if (statement.outputCommitment() == null) {
            return VerificationResult.invalid("the statement has no output commitment");
        }
        return withEngine(key, engine -> engine.checkOutputs(key, statement, outputs, secret));
    }

    private static VerificationResult withEngine(VerificationKey key,
            java.util.function.Function<ProofEngine, VerificationResult> check) {
        ProofEngine engine;
        try {
            engine = ProofEngines.forKey(key);
        } catch (IllegalStateException e) {
            return VerificationResult.invalid(e.getMessage());
        }
        try {
            return check.apply(engine);
        } catch (RuntimeException e) {
            return VerificationResult.invalid("verifier error: " + e.getClass().getSimpleName());
        }
    }
}
