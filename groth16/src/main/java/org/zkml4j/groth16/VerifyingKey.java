package org.zkml4j.groth16;

import java.util.List;
import org.zkml4j.groth16.bn254.Fp12;
import org.zkml4j.groth16.bn254.G1Point;
import org.zkml4j.groth16.bn254.G2Point;
import org.zkml4j.groth16.bn254.G2Prepared;
import org.zkml4j.groth16.bn254.Pairing;

/**
 * A Groth16 verifying key over BN254 (snarkjs's verification_key.json): α ∈ G1, β, γ, δ ∈ G2 and
 * one IC point per public signal plus one. Immutable; on construction it refuses a degenerate key
 * (γ or δ at infinity would let anyone forge) and does the per-key work once: e(α, β) and the
 * Miller-loop lines of γ and δ.
 */
public final class VerifyingKey {
    private final G1Point alpha;
    private final G2Point beta;
    private final G2Point gamma;
    private final G2Point delta;
    private final List<G1Point> ic;
    private final Fp12 alphaBeta;
    private final G2Prepared gammaLines;
    private final G2Prepared deltaLines;

    public VerifyingKey(G1Point alpha, G2Point beta, G2Point gamma, G2Point delta, List<G1Point> ic) {
        if (alpha.isInfinity() || beta.isInfinity() || gamma.isInfinity() || delta.isInfinity()) {
            throw new IllegalArgumentException("degenerate verifying key: α, β, γ and δ must not be the point at infinity");
        }
        if (ic.isEmpty()) {
            throw new IllegalArgumentException("verifying key has no IC points (needs one plus one per public signal)");
        }
        this.alpha = alpha;
        this.beta = beta;
        this.gamma = gamma;
        this.delta = delta;
        this.ic = List.copyOf(ic);
        this.alphaBeta = Pairing.pair(alpha, beta);
        this.gammaLines = G2Prepared.of(gamma);
        this.deltaLines = G2Prepared.of(delta);
    }

    public G1Point alpha() {
        return alpha;
    }

    public G2Point beta() {
        return beta;
    }

    public G2Point gamma() {
        return gamma;
    }

    public G2Point delta() {
        return delta;
    }

    /** IC_0 … IC_n: the public-signal commitment basis. */
    public List<G1Point> ic() {
        return ic;
    }

    /** The number of public signals a proof for this key carries. */
    public int publicSignalCount() {
        return ic.size() - 1;
    }

    Fp12 alphaBeta() {
        return alphaBeta;
    }

    G2Prepared gammaLines() {
        return gammaLines;
    }

    G2Prepared deltaLines() {
        return deltaLines;
    }
}
