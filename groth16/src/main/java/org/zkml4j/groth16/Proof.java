package org.zkml4j.groth16;

import java.util.Objects;
import org.zkml4j.groth16.bn254.G1Point;
import org.zkml4j.groth16.bn254.G2Point;

/**
 * A Groth16 proof (A, B, C) ∈ G1 × G2 × G1 (snarkjs's pi_a, pi_b, pi_c). The point types already
 * guarantee curve and subgroup membership.
 */
public record Proof(G1Point a, G2Point b, G1Point c) {
    public Proof {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(c, "c");
    }
}
