package org.zkml4j.backend.layer;

import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.field.Goldilocks;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.pcs.Claim;
import org.zkml4j.backend.poly.Multilinear;
import org.zkml4j.backend.sumcheck.Reduction;
import org.zkml4j.backend.sumcheck.SumcheckInstance;
import org.zkml4j.backend.sumcheck.SumcheckProver;
import org.zkml4j.backend.sumcheck.SumcheckShape;
import org.zkml4j.backend.sumcheck.SumcheckVerifier;
import org.zkml4j.backend.sumcheck.ZkSumcheck;
import org.zkml4j.backend.transcript.Transcript;

/**
 * The proof of a batched dense layer with requantization (docs/design/inference-proofs.md): for
 * every batch row b &lt; B and output i &lt; m,
 * <pre>
 *   Σ_j W_ij·X_bj + b_i + c = 2^k·Z_bi + R_bi     (in F_p),   c = 2^(k−1) if k ≥ 1, else 0,
 * </pre>
 * with W, b, k public ({@link DenseLayerShape}) and X, Z, R committed by the caller in C1.
 *
 * <p><b>Not checked here.</b> 0 ≤ R_bi &lt; 2^k (and R = 0 when k = 0) is the job of a LogUp range
 * check on R; without it Z is not determined (Z + 1, R − 2^k satisfies the same equation). That
 * the field equation is the integer one (no wrap-around) is the compiler's bound analysis.
 *
 * <p><b>Protocol</b> (all challenges from the transcript, each prover message absorbed before the
 * challenge that follows it). The caller has absorbed its statement and C1.
 * <ol>
 *   <li>Absorb the shape (protocol id, log B, log n, log m, k, C1 indices, SHA-256 of W and b). Draw
 *       ρ_b ∈ K^(log B), ρ_i ∈ K^(log m). The prover sends ζ = Z̃(ρ_i ‖ ρ_b) and
 *       η = R̃(ρ_i ‖ ρ_b) (absorbed). The point lists ρ_i first because z[b·m + i] has i in the low
 *       index bits.
 *   <li>Sumcheck (degree 2, log n variables) of Σ_j Ŵ(j)·X̂(j) = 2^k·ζ + η − b̃(ρ_i) − c, where
 *       Ŵ(j) = Σ_i eq(ρ_i, i)·W_ij and X̂(j) = Σ_b eq(ρ_b, b)·X_bj — plain
 *       ({@link SumcheckProver}) or zero-knowledge ({@link ZkSumcheck}, round messages masked).
 *   <li>The verifier computes Ŵ(r) = W̃(ρ_i, r) from the public W in O(m·n) and compares it with
 *       the sumcheck's final evaluation of Ŵ; the final evaluation of X̂ becomes the claim
 *       X̃(r ‖ ρ_b) (x[b·n + j]: j in the low bits).
 * </ol>
 * Both sides return the C1 claims Z̃(ρ_i ‖ ρ_b) = ζ, R̃(ρ_i ‖ ρ_b) = η and X̃(r ‖ ρ_b) = X̂(r), in
 * that order, which the caller proves in its one opening of C1 (X̃'s claim may instead chain to the
 * previous layer).
 *
 * <p><b>Soundness.</b> Let |K| = p² ≈ 2^128. If the relation fails for some (b, i), the polynomial
 * D(β, ι) = Σ_j W̃(ι, j)·X̃(j, β) + b̃(ι) + c − 2^k·Z̃(ι, β) − R̃(ι, β) is multilinear in
 * log B + log m variables and non-zero on the hypercube, so D(ρ_b, ρ_i) = 0 with probability at
 * most (log B + log m)/|K| (Schwartz–Zippel). Otherwise, if ζ and η are the true evaluations (which
 * the caller's C1 opening enforces up to ε_PCS), the sumcheck's claim is false and it accepts with
 * probability at most 2·log n/|K|; the final check on Ŵ is exact and the X̂ claim is again the C1
 * opening's. Altogether
 * <pre>
 *   ε ≤ (2·log n + log B + log m)/|K| + ε_PCS(C1 opening)
 *       [+ 1/|K| + ε_PCS(mask opening) with the zero-knowledge sumcheck]
 * </pre>
 * (see {@link #soundnessBits}). For B = 64, n = 1024, m = 128: 33/2^128 ≈ 2^−123 before the PCS.
 *
 * <p><b>Zero knowledge.</b> Not yet: ζ, η, the claim X̂(r) and Ŵ(r) are sent in the clear (the
 * zero-knowledge sumcheck hides the round messages only); masking them is the Libra plan of the
 * design document.
 *
 * <pre>{@code
 * ProverData c1 = pcs.commit(List.of(x, wit.z(), wit.r()), rng);
 * c1.commitment().absorbInto(transcript);
 * DenseLayer.ProverResult res = DenseLayer.prove(wit, transcript);
 * OpeningProof c1Opening = pcs.open(c1, res.claims(), transcript, rng);   // plus other claims
 * // verifier: absorb C1, then
 * List<Claim> claims = DenseLayer.verify(shape, res.proof(), transcript);
 * pcs.verify(c1.commitment(), claims, c1Opening, transcript);
 * }</pre>
 */
public final class DenseLayer {
    static final String PROTOCOL = "zkml4j/dense/v1";
    static final String RHO_BATCH_LABEL = "dense/rho-batch";
    static final String RHO_OUTPUT_LABEL = "dense/rho-output";
    static final String EVALUATIONS_LABEL = "dense/output-evaluations";
    /** Table ids in the sumcheck: Ŵ, X̂. */
    static final int WEIGHTS = 0, INPUTS = 1;

    private DenseLayer() {}

    /**
     * A proof and the claims on C1 it reduces to.
     *
     * @param proof the proof to send
     * @param claims Z̃(ρ_i ‖ ρ_b) = ζ on {@code outputVector}, R̃(ρ_i ‖ ρ_b) = η on
     *     {@code remainderVector}, X̃(r ‖ ρ_b) on {@code inputVector}; the caller must prove them
     */
    public record ProverResult(DenseLayerProof proof, List<Claim> claims) {
        /** Copies the claim list. */
        public ProverResult {
            Objects.requireNonNull(proof, "proof");
            claims = List.copyOf(claims);
        }
    }

    /** Test-only strategies of a cheating prover whose witness violates the relation. */
    enum Cheat {
        /** Honest ζ, η; the sumcheck proves the true sum Σ Ŵ·X̂ instead of the claimed one. */
        TRUE_SUM,
        /** Sends ζ′ so that 2^k·ζ′ + η − b̃ − c equals the true sum; the Z claim is false. */
        FIX_OUTPUT,
        /** Sends η′ so that the claimed sum equals the true sum; the R claim is false. */
        FIX_REMAINDER
    }

    /**
     * Proves the relation for {@code witness} with a plain sumcheck. The caller must already have
     * absorbed C1 (holding X, Z, R at the shape's indices) and its statement.
     *
     * @return the proof and the C1 claims the caller must prove
     * @throws IllegalArgumentException naming the first (b, i) where the relation fails (detected
     *     at the random point after ρ is drawn: the transcript has then advanced)
     */
    public static ProverResult prove(DenseLayerWitness witness, Transcript transcript) {
        return prove(witness, transcript, null, null, null);
    }

    /**
     * As {@link #prove(DenseLayerWitness, Transcript)} with the zero-knowledge sumcheck {@code zk}
     * (its mask commitment uses {@code rng}, which must be cryptographically secure for hiding).
     */
    public static ProverResult prove(DenseLayerWitness witness, Transcript transcript, ZkSumcheck zk,
            RandomGenerator rng) {
        Objects.requireNonNull(zk, "zk");
        Objects.requireNonNull(rng, "rng");
        return prove(witness, transcript, zk, rng, null);
    }

    /**
     * <b>Unsafe, for testing verifiers only.</b> A cheating prover: runs the protocol on a witness
     * that may violate the relation, adjusting ζ so that the sumcheck is consistent — the false
     * claim on Z is left for the caller's commitment opening to catch. Never use it to make proofs
     * of real statements.
     */
    public static ProverResult proveUnsafe(DenseLayerWitness witness, Transcript transcript) {
        return prove(witness, transcript, null, null, Cheat.FIX_OUTPUT, null);
    }

    /** The prover, optionally zero-knowledge ({@code zk != null}) and optionally cheating. */
    static ProverResult prove(DenseLayerWitness witness, Transcript transcript, ZkSumcheck zk, RandomGenerator rng,
            Cheat cheat) {
        return prove(witness, transcript, zk, rng, cheat, null);
    }

    /**
     * As above; a cheating prover may absorb {@code statedShape} while computing with the
     * witness's own shape (null: the witness's shape).
     */
    static ProverResult prove(DenseLayerWitness witness, Transcript transcript, ZkSumcheck zk, RandomGenerator rng,
            Cheat cheat, DenseLayerShape statedShape) {
        Objects.requireNonNull(witness, "witness");
        Objects.requireNonNull(transcript, "transcript");
        DenseLayerShape shape = witness.shape();
        int batch = shape.batch(), n = shape.inputs(), m = shape.outputs();

        (statedShape == null ? shape : statedShape).absorbInto(transcript);
        Ext[] rhoB = transcript.challengeExts(RHO_BATCH_LABEL, shape.logBatch());
        Ext[] rhoI = transcript.challengeExts(RHO_OUTPUT_LABEL, shape.logOutputs());
        Ext[] outPoint = concat(rhoI, rhoB);
        Ext zeta = Multilinear.evaluate(witness.zRef(), outPoint);
        Ext eta = Multilinear.evaluate(witness.rRef(), outPoint);
        long[] wHat = foldRows(shape.weightsRef(), m, n, Multilinear.eqTable(rhoI));
        long[] xHat = foldRows(witness.xRef(), batch, n, Multilinear.eqTable(rhoB));
        Ext actual = innerProduct(wHat, xHat);
        Ext claimed = claimedSum(shape, rhoI, zeta, eta);
        if (!actual.equals(claimed)) {
            if (cheat == null) {
                witness.checkRelation(); // throws naming the failing entry
                throw new IllegalArgumentException("the witness does not satisfy the dense relation");
            }
            switch (cheat) {
                case TRUE_SUM -> claimed = actual;
                case FIX_OUTPUT -> zeta = zeta.add(actual.sub(claimed)
                        .mul(Goldilocks.inverse(Goldilocks.pow(2, shape.shift()))));
                case FIX_REMAINDER -> eta = eta.add(actual.sub(claimed));
                default -> throw new AssertionError(cheat);
            }
            if (cheat != Cheat.TRUE_SUM) {
                claimed = claimedSum(shape, rhoI, zeta, eta);
            }
        }
        transcript.absorbExts(EVALUATIONS_LABEL, zeta, eta);

        SumcheckInstance.Builder builder = SumcheckInstance.builder();
        builder.addExtTable(wHat); // id WEIGHTS
        builder.addExtTable(xHat); // id INPUTS
        SumcheckInstance inst = builder.addTerm(Ext.ONE, WEIGHTS, INPUTS).build();
        DenseLayerProof proof;
        Reduction red;
        if (zk == null) {
            SumcheckProver.Result res = SumcheckProver.prove(inst, claimed, transcript);
            proof = new DenseLayerProof(zeta, eta, res.proof());
            red = res.reduction();
        } else {
            ZkSumcheck.ProverResult res = zk.prove(inst, claimed, transcript, rng);
            proof = new DenseLayerProof(zeta, eta, res.proof());
            red = res.reduction();
        }
        return new ProverResult(proof, callerClaims(shape, outPoint, zeta, eta, rhoB, red));
    }

    /**
     * Verifies a plain-sumcheck proof for {@code shape}. The caller must first have absorbed
     * exactly what the prover's caller absorbed (its statement and C1).
     *
     * @return the C1 claims (Z, R, X, as in {@link ProverResult}); the relation holds only once the
     *     caller has verified them with its opening of C1
     * @throws InvalidProofException naming the failed check
     */
    public static List<Claim> verify(DenseLayerShape shape, DenseLayerProof proof, Transcript transcript)
            throws InvalidProofException {
        return verify(shape, proof, transcript, null);
    }

    /**
     * Verifies a proof for {@code shape}: with the zero-knowledge sumcheck if {@code zk} is non-null
     * (the proof must then be zero-knowledge), else with the plain one.
     *
     * @throws InvalidProofException naming the failed check
     */
    public static List<Claim> verify(DenseLayerShape shape, DenseLayerProof proof, Transcript transcript,
            ZkSumcheck zk) throws InvalidProofException {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(proof, "proof");
        Objects.requireNonNull(transcript, "transcript");
        if (proof.isZeroKnowledge() != (zk != null)) {
            throw new InvalidProofException("malformed proof: dense sumcheck is "
                    + (proof.isZeroKnowledge() ? "zero-knowledge" : "plain") + " but the verifier expects "
                    + (zk != null ? "zero-knowledge" : "plain"));
        }
        shape.absorbInto(transcript);
        Ext[] rhoB = transcript.challengeExts(RHO_BATCH_LABEL, shape.logBatch());
        Ext[] rhoI = transcript.challengeExts(RHO_OUTPUT_LABEL, shape.logOutputs());
        Ext[] outPoint = concat(rhoI, rhoB);
        Ext zeta = proof.outputEvaluation();
        Ext eta = proof.remainderEvaluation();
        transcript.absorbExts(EVALUATIONS_LABEL, zeta, eta);
        Ext claimed = claimedSum(shape, rhoI, zeta, eta);
        SumcheckShape scShape = sumcheckShape(shape);
        Reduction red;
        try {
            red = zk == null
                    ? SumcheckVerifier.verify(scShape, claimed, proof.sumcheck(), transcript)
                    : zk.verify(scShape, claimed, proof.zkSumcheck(), transcript);
        } catch (InvalidProofException e) {
            throw new InvalidProofException("dense sumcheck: " + e.getMessage());
        }
        long[] wHat = foldRows(shape.weightsRef(), shape.outputs(), shape.inputs(), Multilinear.eqTable(rhoI));
        Ext weightsAtPoint = Multilinear.evaluateExt(wHat, red.point());
        if (!red.finalEvaluations()[WEIGHTS].equals(weightsAtPoint)) {
            throw new InvalidProofException(
                    "dense final check: the sumcheck's weight evaluation ≠ W̃(ρ_i, r) of the public weights");
        }
        return callerClaims(shape, outPoint, zeta, eta, rhoB, red);
    }

    /** Reads a plain-sumcheck proof for {@code shape} (see {@link DenseLayerProof#read}). */
    public static DenseLayerProof readProof(ProofReader in, DenseLayerShape shape) throws InvalidProofException {
        return DenseLayerProof.read(in, shape);
    }

    /** Reads a zero-knowledge-sumcheck proof for {@code shape}. */
    public static DenseLayerProof readProof(ProofReader in, DenseLayerShape shape, ZkSumcheck zk)
            throws InvalidProofException {
        return DenseLayerProof.read(in, shape, zk);
    }

    /**
     * The proven soundness in bits, −log2 ε, of a plain-sumcheck proof for {@code shape} together
     * with the caller's C1 opening: ε = (2·log n + log B + log m)/|K| + 2^−{@code c1PcsBits}.
     */
    public static double soundnessBits(DenseLayerShape shape, double c1PcsBits) {
        return -Math.log(algebraicError(shape) + Math.pow(2, -c1PcsBits)) / Math.log(2);
    }

    /**
     * As {@link #soundnessBits(DenseLayerShape, double)} for the zero-knowledge sumcheck, adding
     * 1/|K| and 2^−{@code maskPcsBits} for its mask opening.
     */
    public static double soundnessBits(DenseLayerShape shape, double c1PcsBits, double maskPcsBits) {
        double e = algebraicError(shape) + 1 / fieldSize() + Math.pow(2, -c1PcsBits) + Math.pow(2, -maskPcsBits);
        return -Math.log(e) / Math.log(2);
    }

    private static double algebraicError(DenseLayerShape shape) {
        return (2.0 * shape.logInputs() + shape.logBatch() + shape.logOutputs()) / fieldSize();
    }

    private static double fieldSize() {
        double p = (double) (Goldilocks.P >>> 1) * 2.0 + 1;
        return p * p;
    }

    /** The sumcheck's shape: Σ_j Ŵ(j)·X̂(j) over log n variables. */
    static SumcheckShape sumcheckShape(DenseLayerShape shape) {
        return SumcheckShape.of(shape.logInputs(), 2, new SumcheckShape.Term(Ext.ONE, new int[] {WEIGHTS, INPUTS}));
    }

    /** 2^k·ζ + η − b̃(ρ_i) − c. */
    static Ext claimedSum(DenseLayerShape shape, Ext[] rhoI, Ext zeta, Ext eta) {
        Ext biasAt = Multilinear.evaluate(shape.biasRef(), rhoI);
        return zeta.mul(1L << shape.shift()).add(eta).sub(biasAt).sub(Ext.base(shape.roundingConstant()));
    }

    private static List<Claim> callerClaims(DenseLayerShape shape, Ext[] outPoint, Ext zeta, Ext eta, Ext[] rhoB,
            Reduction red) {
        return List.of(
                Claim.multilinear(shape.outputVector(), outPoint, zeta),
                Claim.multilinear(shape.remainderVector(), outPoint, eta),
                Claim.multilinear(shape.inputVector(), concat(red.point(), rhoB), red.finalEvaluations()[INPUTS]));
    }

    /**
     * out[j] = Σ_i eq[i]·mat[i·cols + j] for a row-major base matrix of {@code rows} × {@code cols}
     * and an interleaved extension vector eq of {@code rows} entries; an interleaved table of
     * {@code cols} entries, one lazy reduction per output.
     */
    static long[] foldRows(long[] mat, int rows, int cols, long[] eq) {
        long[] acc = new long[6 * cols];
        for (int i = 0; i < rows; i++) {
            long e0 = eq[2 * i], e1 = eq[2 * i + 1];
            int base = i * cols;
            for (int j = 0; j < cols; j++) {
                long v = mat[base + j];
                Goldilocks.mac(acc, 6 * j, e0, v);
                Goldilocks.mac(acc, 6 * j + 3, e1, v);
            }
        }
        long[] out = new long[2 * cols];
        for (int j = 0; j < cols; j++) {
            out[2 * j] = Goldilocks.reduceAccumulator(acc, 6 * j);
            out[2 * j + 1] = Goldilocks.reduceAccumulator(acc, 6 * j + 3);
        }
        return out;
    }

    /** Σ_j a[j]·b[j] over interleaved extension tables of equal length. */
    private static Ext innerProduct(long[] a, long[] b) {
        Ext s = Ext.ZERO;
        for (int j = 0; j < a.length / 2; j++) {
            s = s.add(Ext.get(a, j).mul(Ext.get(b, j)));
        }
        return s;
    }

    private static Ext[] concat(Ext[] low, Ext[] high) {
        Ext[] out = new Ext[low.length + high.length];
        System.arraycopy(low, 0, out, 0, low.length);
        System.arraycopy(high, 0, out, low.length, high.length);
        return out;
    }
}
