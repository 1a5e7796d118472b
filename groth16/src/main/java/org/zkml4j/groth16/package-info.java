/**
 * Groth16 verification of snarkjs/circom proofs over BN254: {@link org.zkml4j.groth16.Groth16}
 * checks a {@link org.zkml4j.groth16.Proof} against a {@link org.zkml4j.groth16.VerifyingKey} and
 * public signals; {@link org.zkml4j.groth16.SnarkjsJson} reads snarkjs's files canonically.
 */
package org.zkml4j.groth16;
