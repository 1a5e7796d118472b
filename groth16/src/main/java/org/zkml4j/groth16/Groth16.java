package org.zkml4j.groth16;

import java.math.BigInteger;
import java.util.List;
import org.zkml4j.groth16.bn254.Bn254;
import org.zkml4j.groth16.bn254.Fp12;
import org.zkml4j.groth16.bn254.G1Point;
import org.zkml4j.groth16.bn254.G2Prepared;
import org.zkml4j.groth16.bn254.Pairing;

/**
 * Verification of Groth16 proofs over BN254, as made by snarkjs/circom (and rapidsnark).
 *
 * <p><b>Relation.</b> For public signals s_1 … s_n ∈ [0, r) the prover knows a witness of the
 * circuit's R1CS; the key binds the circuit through α, β, γ, δ and IC_0 … IC_n.
 *
 * <p><b>Check.</b> With L = IC_0 + Σ s_i·IC_i, accept iff
 * e(A, B) = e(α, β) · e(L, γ) · e(C, δ), computed as one product
 * e(−A, B) · e(L, γ) · e(C, δ) with a shared Miller loop and final exponentiation, times the
 * key's precomputed e(α, β), compared with one.
 *
 * <p><b>What is checked elsewhere.</b> A, B, C are curve points by type ({@link G1Point} on the
 * curve, which is the whole group as the cofactor is 1; {@link org.zkml4j.groth16.bn254.G2Point}
 * on the twist <i>and</i> in the order-r subgroup); the key refuses γ or δ at infinity.
 *
 * <p><b>Soundness notes.</b> Every s_i must be below r: a verifier that reduced s_i + r silently
 * would accept one proof for two different public statements (the classic snarkjs-verifier
 * malleability bug), so a signal ≥ r is rejected, never reduced. Knowledge soundness is Groth16's
 * in the generic group model with ≈ 100 bits of security on BN254 (its discrete logarithms are
 * easier than 128 bits since the 2016 tower-NFS results); the trusted setup is the circuit owner's.
 *
 * <pre>
 * VerifyingKey vk = SnarkjsJson.verifyingKey(Files.readAllBytes(Path.of("verification_key.json")));
 * Proof proof = SnarkjsJson.proof(Files.readAllBytes(Path.of("proof.json")));
 * List&lt;BigInteger&gt; signals = SnarkjsJson.publicSignals(Files.readAllBytes(Path.of("public.json")));
 * Verdict v = Groth16.verify(vk, proof, signals);   // v.valid(), v.reason()
 * </pre>
 */
public final class Groth16 {
    private Groth16() {
    }

    /** Verifies {@code proof} for {@code publicSignals} (each in [0, r)) against {@code vk}. */
    public static Verdict verify(VerifyingKey vk, Proof proof, List<BigInteger> publicSignals) {
        int n = vk.publicSignalCount();
        if (publicSignals.size() != n) {
            return Verdict.rejected("expected " + n + " public signals, got " + publicSignals.size());
        }
        BigInteger[] scalars = new BigInteger[n];
        G1Point[] basis = new G1Point[n];
        for (int i = 0; i < n; i++) {
            BigInteger s = publicSignals.get(i);
            if (s.signum() < 0 || s.compareTo(Bn254.ORDER) >= 0) {
                return Verdict.rejected("public signal " + i + " is outside [0, r)");
            }
            scalars[i] = s;
            basis[i] = vk.ic().get(i + 1);
        }
        G1Point l = vk.ic().get(0).add(G1Point.linearCombination(basis, scalars));
        Fp12 product = Pairing.finalExponentiation(Pairing.millerLoop(
                new G1Point[] {proof.a().negate(), l, proof.c()},
                new G2Prepared[] {G2Prepared.of(proof.b()), vk.gammaLines(), vk.deltaLines()}));
        return product.mul(vk.alphaBeta()).isOne()
                ? Verdict.accepted()
                : Verdict.rejected("pairing check failed: e(A, B) ≠ e(α, β)·e(L, γ)·e(C, δ)");
    }
}
