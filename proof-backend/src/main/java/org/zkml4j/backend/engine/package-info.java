/**
 * The built-in {@link org.zkml4j.sdk.ProofEngine}: {@link org.zkml4j.backend.engine.CircuitEngine}
 * compiles models and verifies proofs; its models prove predictions with
 * {@link org.zkml4j.backend.inference.CircuitProof}.
 */
package org.zkml4j.backend.engine;
