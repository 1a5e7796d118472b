package org.zkml4j.sdk;

/** Who sees a tensor of a proven prediction (docs/visibility in the architecture guide). */
public enum Visibility {
    /** The verifier receives the tensor as part of the statement. */
    PUBLIC,
    /** The tensor stays with the prover; the proof shows that some value gives the public parts. */
    PRIVATE,
    /**
     * The tensor stays hidden but is bound to a commitment the verifier holds (weights: the model
     * commitment in the verification key), so every proof uses the same value.
     */
    COMMITTED
}
