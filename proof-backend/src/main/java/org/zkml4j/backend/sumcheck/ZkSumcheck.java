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
 * f_j, degree d per variable, n variables), the prover samples a mask polynomial g(x) = a_0 +
 * Σ_{i<n} g_i(x_i), each g_i(X) = Σ_{k=1..d} g_{i,k}·X^k with uniformly random extension-field
 * coefficients, and commits its coefficient vector with the given {@link PolynomialCommitment}.
 * The transcript then absorbs the statement, the commitment and G = Σ_{x ∈ {0,1}^n} g(x); the
 * verifier's challenge ρ follows, and an ordinary sumcheck runs on F + ρ·g with claim S + ρ·G
 * (the mask's share of each round polynomial is computed in closed form, O(n·d) per round). At
 * the end the prover sends f_j(r) for every table and g(r), the verifier checks
 * combine(f(r)) + ρ·g(r) against the last round value, and g(r) is proven by one PCS opening.
 *
 * <p><b>Mask layout.</b> The committed vector is one base-field vector of length 2·L', L' the
 * next power of two ≥ L = 1 + n·d, holding the coefficients interleaved as [Re c_0, Im c_0, Re c_1,
 * Im c_1, …] (zero-padded), with c_0 = a_0 and c_{1 + i·d + (k−1)} = g_{i,k}. g(r) is the claim
 * {@code Claim.weighted(0, u, g(r))} with u_{2m} = w_m, u_{2m+1} = X·w_m, where w = [1, r_0, r_0²,
 * …, r_0^d, r_1, …, r_{n−1}^d] and X = {@code Ext.of(0, 1)}. Only g(r) is revealed: opening the
 * real and x-parts separately would reveal Σ w_m·Re c_m and Σ w_m·Im c_m, one extension element
 * more than g(r), which leaks a linear combination of F's round coefficients.
 *
 * <p><b>What is hidden.</b> With a hiding, zero-knowledge PCS, the round polynomials, G and g(r)
 * reveal nothing about the tables beyond S and the final evaluations f_j(r): the X^k coefficients
 * of every round polynomial are one-time padded by ρ·2^{n−1−i}·g_{i,k}, and the remaining
 * relations (G, g(r)) are absorbed by a_0 and the final check. The final evaluations f_j(r)
 * themselves are sent in the clear — the caller must mask them (e.g. by hiding their low-degree
 * extensions) or keep them out of the proof.
 *
 * <p><b>Soundness.</b> Error at most n·d/|F_ext| for the sumcheck rounds + 1/|F_ext| for ρ (a
 * cheating prover survives ρ only if the masked claim happens to be consistent) + the PCS's
 * soundness error for the opening of g(r); |F_ext| ≈ 2^128. The prover's randomness must come from
 * a cryptographically secure generator for zero knowledge, not for soundness.
 *
 * <pre>{@code
 * ZkSumcheck zk = new ZkSumcheck(pcs);
 * ZkSumcheck.ProverResult res = zk.prove(instance, sum, new Transcript("app"), new SecureRandom());
 * SumcheckVerifier.Result v = zk.verify(instance.shape(), sum, res.proof(), new Transcript("app"));
 * }</pre>
 */
public final class ZkSumcheck {
    static final String MASK_SUM_LABEL = "zk-sumcheck/mask-sum";
    static final String RHO_LABEL = "zk-sumcheck/rho";
    static final String MASK_VALUE_LABEL = "zk-sumcheck/mask-value";
    private static final Ext X = Ext.of(0, 1);

    private final PolynomialCommitment pcs;

    /** A zero-knowledge sumcheck committing its mask with {@code pcs} (which should be hiding). */
    public ZkSumcheck(PolynomialCommitment pcs) {
        this.pcs = Objects.requireNonNull(pcs, "pcs");
    }

    /**
     * A proof with the point r and the evaluations f_j(r) it reduces to.
     *
     * @param proof the proof to send
     * @param point the challenges r_0..r_{n−1}
     * @param finalEvaluations f_j(r) for every table (sent in the clear inside the proof)
     */
    public record ProverResult(ZkSumcheckProof proof, Ext[] point, Ext[] finalEvaluations) {
        /** Copies the arrays. */
        public ProverResult {
            point = point.clone();
            finalEvaluations = finalEvaluations.clone();
        }

        @Override
        public Ext[] point() {
            return point.clone();
        }

        @Override
        public Ext[] finalEvaluations() {
            return finalEvaluations.clone();
        }
    }

    /** Number of mask coefficients, L = 1 + n·d. */
    static int maskCoefficients(SumcheckShape shape) {
        return 1 + shape.numVars() * shape.degree();
    }

    /** Length of the committed base-field vector: 2 · (next power of two ≥ L). */
    public static int maskVectorLength(SumcheckShape shape) {
        long l = maskCoefficients(shape);
        long p = Long.highestOneBit(l);
        if (p < l) {
            p <<= 1;
        }
        return (int) (2 * p);
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
        int n = shape.numVars(), d = shape.degree();
        shape.absorbStatement(transcript, claimedSum, true);

        // mask g: coefficient m as Ext, interleaved into the committed vector
        int coefficients = maskCoefficients(shape);
        long[] vector = new long[maskVectorLength(shape)];
        Ext[] c = new Ext[coefficients];
        for (int m = 0; m < coefficients; m++) {
            c[m] = Ext.of(randomBase(rng), randomBase(rng));
            c[m].set(vector, m);
        }
        ProverData data = pcs.commit(List.of(vector), rng);
        data.commitment().absorbInto(transcript);

        // G = 2^n·a_0 + 2^{n−1}·Σ_{i,k} g_{i,k}; tail[i] = Σ_{j ≥ i} Σ_k g_{j,k}
        Ext[] tail = new Ext[n + 1];
        tail[n] = Ext.ZERO;
        for (int i = n - 1; i >= 0; i--) {
            Ext s = tail[i + 1];
            for (int k = 1; k <= d; k++) {
                s = s.add(c[1 + i * d + k - 1]);
            }
            tail[i] = s;
        }
        Ext maskSum = n == 0 ? c[0] : c[0].mul(pow2(n)).add(tail[0].mul(pow2(n - 1)));
        transcript.absorbExts(MASK_SUM_LABEL, maskSum);
        Ext rho = transcript.challengeExt(RHO_LABEL);

        SumcheckEngine engine = new SumcheckEngine(instance, claimedSum);
        Ext[][] rounds = new Ext[n][];
        Ext[] point = new Ext[n];
        Ext prefix = c[0]; // a_0 + Σ_{j<i} g_j(r_j)
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
                Ext mx = constant.add(scale.mul(univariate(c, i, d, Ext.base(x))));
                masked[x] = f[x].add(rho.mul(mx));
            }
            transcript.absorbExts(SumcheckProver.ROUND_LABEL, masked);
            Ext r = transcript.challengeExt(SumcheckProver.CHALLENGE_LABEL);
            engine.bind(r, f);
            claim = Lagrange.interpolate(masked, r);
            prefix = prefix.add(univariate(c, i, d, r));
            rounds[i] = masked;
            point[i] = r;
        }
        Ext[] finals = engine.finalEvaluations();
        transcript.absorbExts(SumcheckProver.FINAL_LABEL, finals);
        Ext maskValue = prefix; // g(r)
        transcript.absorbExts(MASK_VALUE_LABEL, maskValue);
        if (!shape.combine(finals).add(rho.mul(maskValue)).equals(claim)) {
            throw new IllegalArgumentException("the instance does not sum to the claimed value");
        }
        List<Claim> claims = List.of(maskClaim(shape, point, maskValue));
        OpeningProof opening = pcs.open(data, claims, transcript, rng);
        ProofWriter w = new ProofWriter();
        opening.writeTo(w);
        ZkSumcheckProof proof = new ZkSumcheckProof(data.commitment(), maskSum, rounds, finals, maskValue,
                w.toByteArray());
        return new ProverResult(proof, point, finals);
    }

    /**
     * Verifies a zero-knowledge sumcheck proof of Σ = {@code claimedSum} for {@code shape}.
     *
     * @return the point r and the (unverified) evaluation claims f_j(r) the statement reduces to
     * @throws InvalidProofException naming the failed check
     */
    public SumcheckVerifier.Result verify(SumcheckShape shape, Ext claimedSum, ZkSumcheckProof proof,
            Transcript transcript) throws InvalidProofException {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(claimedSum, "claimedSum");
        Objects.requireNonNull(proof, "proof");
        Objects.requireNonNull(transcript, "transcript");
        SumcheckProof rounds = proof.roundsRef();
        SumcheckVerifier.checkSizes(shape, rounds.numRounds(), rounds::roundRef, rounds.finalRef().length);
        Commitment commitment = proof.maskCommitment();
        if (commitment.vectorCount() != 1 || commitment.vectorLength(0) != maskVectorLength(shape)) {
            throw new InvalidProofException("malformed proof: mask commitment does not hold one vector of length "
                    + maskVectorLength(shape));
        }
        shape.absorbStatement(transcript, claimedSum, true);
        commitment.absorbInto(transcript);
        transcript.absorbExts(MASK_SUM_LABEL, proof.maskSum());
        Ext rho = transcript.challengeExt(RHO_LABEL);
        Ext[] point = new Ext[shape.numVars()];
        Ext last = SumcheckVerifier.verifyRounds(rounds::roundRef, claimedSum.add(rho.mul(proof.maskSum())), point,
                transcript);
        Ext[] finals = rounds.finalRef();
        transcript.absorbExts(SumcheckProver.FINAL_LABEL, finals);
        transcript.absorbExts(MASK_VALUE_LABEL, proof.maskValue());
        if (!shape.combine(finals).add(rho.mul(proof.maskValue())).equals(last)) {
            throw new InvalidProofException(
                    "zk-sumcheck final check: combined final evaluations + ρ·g(r) ≠ last round value");
        }
        List<Claim> claims = List.of(maskClaim(shape, point, proof.maskValue()));
        ProofReader in = new ProofReader(proof.openingRef());
        OpeningProof opening = pcs.readProof(in, commitment, claims);
        in.expectEnd("zk-sumcheck mask opening proof");
        pcs.verify(commitment, claims, opening, transcript);
        return new SumcheckVerifier.Result(point, finals);
    }

    /** Reads a proof for {@code shape} with this instance's PCS (see {@link ZkSumcheckProof#read}). */
    public ZkSumcheckProof readProof(ProofReader in, SumcheckShape shape) throws InvalidProofException {
        return ZkSumcheckProof.read(in, shape, pcs);
    }

    /** The claim g(r) = Σ_m w_m·c_m on the interleaved coefficient vector. */
    static Claim maskClaim(SumcheckShape shape, Ext[] r, Ext value) {
        int n = shape.numVars(), d = shape.degree();
        Ext[] weights = new Ext[maskVectorLength(shape)];
        java.util.Arrays.fill(weights, Ext.ZERO);
        weights[0] = Ext.ONE;
        weights[1] = X;
        for (int i = 0; i < n; i++) {
            Ext pw = Ext.ONE;
            for (int k = 1; k <= d; k++) {
                pw = pw.mul(r[i]);
                int m = 1 + i * d + k - 1;
                weights[2 * m] = pw;
                weights[2 * m + 1] = pw.mul(X);
            }
        }
        return Claim.weighted(0, weights, value);
    }

    /** g_i(x) = Σ_{k=1..d} g_{i,k}·x^k. */
    private static Ext univariate(Ext[] c, int i, int d, Ext x) {
        Ext acc = Ext.ZERO;
        for (int k = d; k >= 1; k--) {
            acc = acc.add(c[1 + i * d + k - 1]).mul(x);
        }
        return acc;
    }

    private static Ext pow2(int e) {
        return Ext.base(Goldilocks.pow(2, e));
    }

    private static long randomBase(RandomGenerator rng) {
        while (true) {
            long v = rng.nextLong();
            if (Goldilocks.isCanonical(v)) {
                return v;
            }
        }
    }
}
