/**
 * The zkml4j user API: {@link org.zkml4j.sdk.VerifiableModel} (predictions with proofs),
 * {@link org.zkml4j.sdk.Verifier}, the public {@link org.zkml4j.sdk.Statement} and
 * {@link org.zkml4j.sdk.VerificationKey} with their versioned encodings, and the
 * {@link org.zkml4j.sdk.ProofEngine} service-provider interface the proving backend implements.
 */
package org.zkml4j.sdk;
