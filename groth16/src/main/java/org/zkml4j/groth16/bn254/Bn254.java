package org.zkml4j.groth16.bn254;

import java.math.BigInteger;

/** Constants of the BN254 (alt_bn128, "bn128" in snarkjs) pairing-friendly curve. */
public final class Bn254 {
    /** The curve parameter u: p and r are polynomials in it. */
    public static final long U = 4965661367192848881L;
    /** The prime order r of G1, G2 and the target group; snarkjs's scalar field. */
    public static final BigInteger ORDER = new BigInteger(
            "21888242871839275222246405745257275088548364400416034343698204186575808495617");

    private Bn254() {
    }
}
