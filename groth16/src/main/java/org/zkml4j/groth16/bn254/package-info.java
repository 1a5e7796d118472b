/**
 * The BN254 (alt_bn128) pairing in pure Java: Montgomery {@link org.zkml4j.groth16.bn254.Fp} on
 * 64-bit limbs, the tower F_p² / F_p⁶ / F_p¹², {@link org.zkml4j.groth16.bn254.G1Point} and
 * {@link org.zkml4j.groth16.bn254.G2Point} (validated on decoding: curve and subgroup), and the
 * optimal ate {@link org.zkml4j.groth16.bn254.Pairing} with shared multi-pairings.
 */
package org.zkml4j.groth16.bn254;
