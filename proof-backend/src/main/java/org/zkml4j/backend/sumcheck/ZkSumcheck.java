package org.zkml4j.backend.sumcheck;

import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.field.Goldilocks;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.io.ProofWriter;
import org.zkml4j.backend.pcs.Claim;
import org.zkml4j.backend.pcs.Commitment;
import org.zkml4j.backend.pcs.OpeningProof;
import org.zkml4j.backend.pcs.PolynomialCommitment;
import org.zkml4j.backend.pcs.ProverData;
import org.zkml4j.backend.transcript.Transcript;

/**
 * Zero-knowledge sumcheck with Libra-style masking (Xie et al., CRYPTO 2019).
 *
 * <p><b>Protocol.</b> For the statement Σ_x F(x) = S of a {@link SumcheckShape} (F = Σ_t c_t Π
 * f_j, degree d per variable, n variables), the prover samples a mask polynomial g(x) = Σ_{i&lt;n}
 * (e_i + g_i(x_i)), each g_i(X) = Σ_{k=1..d} g_{i,k}·X^k, with every e_i and g_{i,k} a uniformly
 * random extension-field element (so the constant a_0 = Σ_i e_i; for n = 0, g = e_0). It commits
 * the coefficients with the given {@link PolynomialCommitment}; the transcript absorbs the
 * statement, the commitment and G = Σ_{x ∈ {0,1}^n} g(x) = 2^n·Σ e_i + 2^{n−1}·Σ g_{i,k}; the
 * challenge ρ follows, and an ordinary sumcheck runs on F + ρ·g with claim S + ρ·G (the mask's
 * share of each round polynomial is computed in closed form, O(n·d) per round). At the end the
 * prover sends f_j(r) for every table and the block values u_i = e_i + g_i(r_i); the verifier
 * checks combine(f(r)) + ρ·Σ_i u_i against the last round value, and every u_i is proven by a
 * PCS opening (one batched opening for all blocks).
 *
 * <p><b>Mask layout.</b> One committed base-field vector per block i (max(1, n) blocks), holding
 * [e_i, g_{i,1}, …, g_{i,d}] interleaved as [Re, Im, Re, Im, …] and zero-padded to
 * {@link #maskBlockLength}; u_i is the claim {@code Claim.weighted(i, w, u_i)} with w = [1, X, r_i,
 * X·r_i, …, r_i^d, X·r_i^d, 0, …], X = {@code Ext.of(0, 1)}. Blocks are small so each weighted
 * claim fits one row of a Ligero matrix. Interleaving with weights (w, X·w) means each claim
 * reveals only the extension value u_i, never its real and x-parts separately.
 *
 * <p><b>What is hidden.</b> With a hiding, zero-knowledge PCS, the round polynomials, G and the
 * u_i reveal nothing about the tables beyond S and the final evaluations f_j(r): the X^k
 * coefficients of round i are one-time padded by ρ·2^{n−1−i}·g_{i,k}, each u_i by its own e_i, and
 * the one remaining relation (between G, Σ u_i and the pads) is exactly the final check, implied by
 * F(r). The final evaluations f_j(r) themselves are sent in the clear: the caller must mask them
 * (e.g. by hiding their low-degree extensions) or keep them out of the proof.
 *
 * <p><b>Soundness.</b> Error at most n·d/|F_ext| for the sumcheck rounds + 1/|F_ext| for ρ (the
 * mask is committed and G sent before ρ, so Σ F ≠ S survives only if ρ hits one value) + the PCS's
 * soundness error for the openings of the u_i; |F_ext| ≈ 2^128. The prover's randomness must come
 * from a cryptographically secure generator for zero knowledge (not for soundness).
 *
 * <pre>{@code
 * ZkSumcheck zk = new ZkSumcheck(new LigeroPcs(PcsParameters.DEFAULT));
 * ZkSumcheck.ProverResult res = zk.prove(instance, sum, new Transcript("app"), new SecureRandom());
 * Reduction v = zk.verify(instance.shape(), sum, res.proof(), new Transcript("app"));
 * }</pre>
 */
public final class ZkSumcheck {
    static final String MASK_SUM_LABEL = "zk-sumcheck/mask-sum";
    static final String RHO_LABEL = "zk-sumcheck/rho";
    static final String MASK_VALUE_LABEL = "zk-sumcheck/mask-values";
    private static final Ext X = Ext.of(0, 1);

    private final PolynomialCommitment pcs;

    /** A zero-knowledge sumcheck committing its mask with {@code pcs} (which should be hiding). */
    public ZkSumcheck(PolynomialCommitment pcs) {
        this.pcs = Objects.requireNonNull(pcs, "pcs");
    }

    /**
     * A proof and the claims it reduces to.
     *
     * @param proof the proof to send
     * @param reduction the point r and the evaluations f_j(r) (sent inside the proof)
     */
    public record ProverResult(ZkSumcheckProof proof, Reduction reduction) {
        /** The challenges r_0..r_{n−1}. */
        public Ext[] point() {
            return reduction.point();
        }

        /** f_j(r) for every table. */
        public Ext[] finalEvaluations() {
            return reduction.finalEvaluations();
        }
    }

    /** Number of mask blocks (committed vectors): max(1, n). */
    public static int maskBlocks(SumcheckShape shape) {
        return Mask.blocks(shape.numVars());
    }

    /** Length of each committed block vector: 2·(1 + d) rounded up to a power of two (2 if n = 0). */
    public static int maskBlockLength(SumcheckShape shape) {
        return Mask.blockLength(shape.numVars(), shape.degree());
    }

    /** As {@link #prove(SumcheckInstance, Ext, Transcript, RandomGenerator)} with a {@link SecureRandom}. */
    public ProverResult prove(SumcheckInstance instance, Ext claimedSum, Transcript transcript) {
        return prove(instance, claimedSum, transcript, new SecureRandom());
    }

    /**
     * Proves that the instance sums to {@code claimedSum}, hiding the round messages.
     *
     * @param rng source of the mask and PCS randomness; must be cryptographically secure for zero
     *     knowledge
     * @throws IllegalArgumentException if the instance does not sum to {@code claimedSum}
     */
    public ProverResult prove(SumcheckInstance instance, Ext claimedSum, Transcript transcript, RandomGenerator rng) {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(claimedSum, "claimedSum");
        Objects.requireNonNull(transcript, "transcript");
        Objects.requireNonNull(rng, "rng");
        SumcheckShape shape = instance.shape();
        shape.absorbStatement(transcript, claimedSum, true);
        Mask mask = Mask.sample(shape.numVars(), shape.degree(), rng);
        ProverData data = pcs.commit(mask.blocks(), rng);
        data.commitment().absorbInto(transcript);
        Masked m = proveMasked(instance, claimedSum, mask, transcript);
        List<Claim> claims = maskClaims(shape, m.reduction().point(), m.maskValues(), 0);
        OpeningProof opening = pcs.open(data, claims, transcript, rng);
        ProofWriter w = new ProofWriter();
        opening.writeTo(w);
        ZkSumcheckProof proof = new ZkSumcheckProof(data.commitment(), m.maskSum(), m.rounds(),
                m.reduction().finalEvaluations(), m.maskValues(), w.toByteArray());
        return new ProverResult(proof, m.reduction());
    }

    /**
     * The masked rounds, the final evaluations and the mask block values of one proof.
     *
     * @param maskSum G = Σ g
     * @param rounds each round polynomial's values at 0..d
     * @param maskValues u_i = e_i + g_i(r_i)
     * @param reduction the point and the final evaluations f_j(r)
     */
    record Masked(Ext maskSum, Ext[][] rounds, Ext[] maskValues, Reduction reduction) {}

    /**
     * Everything after the mask commitment: absorbs G, draws ρ, runs the masked rounds, absorbs the
     * final evaluations and the mask values. The caller has absorbed the statement and the mask's
     * commitment.
     *
     * @throws IllegalArgumentException if the instance does not sum to {@code claimedSum}
     */
    static Masked proveMasked(SumcheckInstance instance, Ext claimedSum, Mask mask, Transcript transcript) {
        SumcheckShape shape = instance.shape();
        int n = shape.numVars(), d = shape.degree();
        Ext[] e = mask.e();
        Ext[][] g = mask.g();
        Ext maskSum = mask.sum();
        transcript.absorbExts(MASK_SUM_LABEL, maskSum);
        Ext rho = transcript.challengeExt(RHO_LABEL);
        Ext[] tail = mask.tails();

        SumcheckEngine engine = new SumcheckEngine(instance, claimedSum);
        Ext[][] rounds = new Ext[n][];
        Ext[] point = new Ext[n];
        Ext[] maskValues = new Ext[e.length];
        maskValues[0] = e[0]; // n = 0
        Ext prefix = mask.constant(); // a_0 + Σ_{j<i} g_j(r_j)
        Ext claim = claimedSum.add(rho.mul(maskSum));
        for (int i = 0; i < n; i++) {
            Ext[] f = engine.roundEvaluations();
            // M_i(X) = 2^{n−1−i}·(prefix + g_i(X)) + 2^{n−2−i}·tail[i+1]
            Ext scale = pow2(n - 1 - i);
            Ext constant = prefix.mul(scale);
            if (i < n - 1) {
                constant = constant.add(tail[i + 1].mul(pow2(n - 2 - i)));
            }
            Ext[] masked = new Ext[d + 1];
            for (int x = 0; x <= d; x++) {
                Ext mx = constant.add(scale.mul(univariate(g[i], Ext.base(x))));
                masked[x] = f[x].add(rho.mul(mx));
            }
            transcript.absorbExts(SumcheckProver.ROUND_LABEL, masked);
            Ext r = transcript.challengeExt(SumcheckProver.CHALLENGE_LABEL);
            engine.bind(r, f);
            claim = Lagrange.interpolate(masked, r);
            Ext gi = univariate(g[i], r);
            prefix = prefix.add(gi);
            maskValues[i] = e[i].add(gi);
            rounds[i] = masked;
            point[i] = r;
        }
        Ext[] finals = engine.finalEvaluations();
        transcript.absorbExts(SumcheckProver.FINAL_LABEL, finals);
        transcript.absorbExts(MASK_VALUE_LABEL, maskValues);
        if (!shape.combine(finals).add(rho.mul(prefix)).equals(claim)) { // prefix = g(r) = Σ u_i
            throw new IllegalArgumentException("the instance does not sum to the claimed value");
        }
        return new Masked(maskSum, rounds, maskValues, new Reduction(point, finals));
    }

    /**
     * Verifies a zero-knowledge sumcheck proof of Σ = {@code claimedSum} for {@code shape}.
     *
     * @return the point r and the (unverified) evaluation claims f_j(r) the statement reduces to
     * @throws InvalidProofException naming the failed check
     */
    public Reduction verify(SumcheckShape shape, Ext claimedSum, ZkSumcheckProof proof,
            Transcript transcript) throws InvalidProofException {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(claimedSum, "claimedSum");
        Objects.requireNonNull(proof, "proof");
        Objects.requireNonNull(transcript, "transcript");
        SumcheckProof rounds = proof.roundsRef();
        SumcheckVerifier.checkSizes(shape, rounds.numRounds(), rounds::roundRef, rounds.finalRef().length);
        Commitment commitment = proof.maskCommitment();
        int blocks = maskBlocks(shape);
        Ext[] maskValues = proof.maskValuesRef();
        if (maskValues.length != blocks) {
            throw new InvalidProofException("malformed proof: " + maskValues.length + " mask values, expected " + blocks);
        }
        boolean layoutOk = commitment.vectorCount() == blocks;
        for (int i = 0; layoutOk && i < blocks; i++) {
            layoutOk = commitment.vectorLength(i) == maskBlockLength(shape);
        }
        if (!layoutOk) {
            throw new InvalidProofException("malformed proof: mask commitment does not hold " + blocks
                    + " vectors of length " + maskBlockLength(shape));
        }
        shape.absorbStatement(transcript, claimedSum, true);
        commitment.absorbInto(transcript);
        Reduction red = verifyMasked(shape, claimedSum, proof.maskSum(), rounds, maskValues, transcript);
        Ext[] point = red.point();
        Ext[] finals = red.finalEvaluations();
        List<Claim> claims = maskClaims(shape, point, maskValues, 0);
        ProofReader in = new ProofReader(proof.openingRef());
        OpeningProof opening = pcs.readProof(in, commitment, claims);
        in.expectEnd("zk-sumcheck mask opening proof");
        pcs.verify(commitment, claims, opening, transcript);
        return new Reduction(point, finals);
    }

    /**
     * The verifier's side of {@link #proveMasked}: absorbs G, draws ρ, checks the rounds and the
     * final check combine(f(r)) + ρ·Σ u_i = last. The u_i still need the mask opening.
     */
    static Reduction verifyMasked(SumcheckShape shape, Ext claimedSum, Ext maskSum, SumcheckProof rounds,
            Ext[] maskValues, Transcript transcript) throws InvalidProofException {
        transcript.absorbExts(MASK_SUM_LABEL, maskSum);
        Ext rho = transcript.challengeExt(RHO_LABEL);
        Ext[] point = new Ext[shape.numVars()];
        Ext last = SumcheckVerifier.verifyRounds(rounds::roundRef, claimedSum.add(rho.mul(maskSum)), point,
                transcript);
        Ext[] finals = rounds.finalRef();
        transcript.absorbExts(SumcheckProver.FINAL_LABEL, finals);
        transcript.absorbExts(MASK_VALUE_LABEL, maskValues);
        Ext maskAtPoint = Ext.ZERO; // g(r) = Σ_i u_i
        for (Ext u : maskValues) {
            maskAtPoint = maskAtPoint.add(u);
        }
        if (!shape.combine(finals).add(rho.mul(maskAtPoint)).equals(last)) {
            throw new InvalidProofException(
                    "zk-sumcheck final check: combined final evaluations + ρ·g(r) ≠ last round value");
        }
        return new Reduction(point, finals);
    }

    /** Reads a proof for {@code shape} with this instance's PCS (see {@link ZkSumcheckProof#read}). */
    public ZkSumcheckProof readProof(ProofReader in, SumcheckShape shape) throws InvalidProofException {
        return ZkSumcheckProof.read(in, shape, pcs);
    }

    /** The claims u_i = e_i + g_i(r_i) on block i (u_0 = e_0 when n = 0). */
    static List<Claim> maskClaims(SumcheckShape shape, Ext[] r, Ext[] values, int firstBlock) {
        int n = shape.numVars(), d = shape.degree(), len = maskBlockLength(shape);
        List<Claim> claims = new java.util.ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            Ext[] weights = new Ext[len];
            java.util.Arrays.fill(weights, Ext.ZERO);
            Ext pw = Ext.ONE;
            for (int k = 0; k <= (n == 0 ? 0 : d); k++) {
                weights[2 * k] = pw;
                weights[2 * k + 1] = pw.mul(X);
                if (n > 0) {
                    pw = pw.mul(r[i]);
                }
            }
            claims.add(Claim.weighted(firstBlock + i, weights, values[i]));
        }
        return claims;
    }

    /** g_i(x) = Σ_{k=1..d} coefficients[k−1]·x^k. */
    static Ext univariate(Ext[] coefficients, Ext x) {
        Ext acc = Ext.ZERO;
        for (int k = coefficients.length - 1; k >= 0; k--) {
            acc = acc.add(coefficients[k]).mul(x);
        }
        return acc;
    }

    static Ext pow2(int e) {
        return Ext.base(Goldilocks.pow(2, e));
    }
}
