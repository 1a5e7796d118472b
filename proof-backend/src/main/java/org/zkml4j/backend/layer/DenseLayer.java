package org.zkml4j.backend.layer;

import java.util.List;
import java.util.Objects;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.field.Goldilocks;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.pcs.Claim;
import org.zkml4j.backend.poly.Multilinear;
import org.zkml4j.backend.sumcheck.Hiding;
import org.zkml4j.backend.sumcheck.Reduction;
import org.zkml4j.backend.sumcheck.SumcheckInstance;
import org.zkml4j.backend.sumcheck.SumcheckShape;
import org.zkml4j.backend.sumcheck.SharedMasks;
import org.zkml4j.backend.transcript.Transcript;

/**
 * The proof of a batched dense layer with requantization, for every row b &lt; B and output i &lt; m:
 * <pre>
 *   Σ_j W_ij·X_bj + b_i + c = 2^k·Z_bi + R_bi     (in F_p),   c = 2^(k−1) if k ≥ 1, else 0,
 * </pre>
 * with W, b, k in the {@link DenseLayerShape} (public, or held by a model commitment) and X, Z, R
 * committed by the caller. 0 ≤ R &lt; 2^k is the caller's range lookup; that the field equation is
 * the integer one is the compiler's bound analysis. One protocol serves public and zero-knowledge
 * proofs: {@link Hiding} is its mode.
 *
 * <p><b>Protocol.</b> After the caller's statement and C1: absorb the protocol id, the mode and
 * the shape, draw ρ_b, ρ_i. With c = max(log n′, log B + log m, log M) low variables y — and, when
 * hiding, one top variable t selecting each vector's random half — one sumcheck (degree 2, or 3
 * with committed weights; masked by the proof's {@link SharedMasks} when hiding) proves
 * <pre>
 *   Σ_y [ Ŵ(y)·X̂(y) − 2^k·E(y)·Ẑ(y) − E(y)·R̂(y) ] = −b̃(ρ_i) − c
 * </pre>
 * (summed over t too when hiding), where Ŵ(y) = W̃(ρ_i, y) and E(y) = eq((ρ_i ‖ ρ_b), y) are public
 * (zero beyond the real index ranges and on t = 1), X̂(y) = X̃(y, ρ_b), Ẑ(y) = Z̃(y), R̂ likewise.
 * The sum is the extension at (ρ_i, ρ_b) of the per-entry residual, so nothing but public values
 * enters its right side. The verifier recomputes Ŵ and E at the final point r; the final values of
 * X̂, Ẑ, R̂ become the C1 claims X̃(r[..log n] ‖ ρ_b (‖ r_t)), Z̃(r[..log Bm] (‖ r_t)), R̃(same), each
 * divided by the zero-padding factor Π(1 − r_y,i) over the unused low variables.
 *
 * <p><b>Committed weights</b> (hiding only): W′ and b′ are doubled vectors of the model commitment;
 * a selector 1 − t keeps Ŵ′·X̂′ to the real halves, the bias moves inside the sum as eq(ρ_i, ·)·b̂′
 * (the right side becomes −c), and the final values of Ŵ′ and b̂′ become claims on the model
 * commitment.
 *
 * <p><b>What is revealed when hiding.</b> The masked round messages (Libra), the public
 * evaluations, and the final values, each (1 − r_t)·w̃(q) + r_t·ũ(q): padded by the vector's random
 * half, counted by the hiding ledger.
 *
 * <p><b>Soundness.</b> ε ≤ (log B + log m)/|K| (Schwartz–Zippel on the residual at ρ) +
 * d·(c + 1)/|K| (the sumcheck, degree d ≤ 3, + 1/|K| when masked) + ε_PCS(C1), plus the shared mask
 * opening's ε_PCS counted once per proof by the caller; |K| = p² ≈ 2^128.
 */
public final class DenseLayer {
    static final String PROTOCOL = "zkml4j/dense/v2";
    static final String RHO_BATCH_LABEL = "dense/rho-batch";
    static final String RHO_OUTPUT_LABEL = "dense/rho-output";
    private static final int WEIGHTS = 0, INPUTS = 1, EQ = 2, OUTPUTS = 3, REMAINDERS = 4;
    /** Committed weights only: the selector 1 − t, eq(ρ_i, ·) over the bias, and b′. */
    private static final int SELECT = 5, BIAS_EQ = 6, BIAS = 7;

    private DenseLayer() {}

    /**
     * A proof and the claims it reduces to.
     *
     * @param proof the sumcheck proof (the layer's whole proof)
     * @param claims the claims the caller must prove in its opening of C1 (X, Z, R in that order)
     * @param modelClaims committed weights only: the claims on the model commitment (W′, then b′)
     */
    public record ProverResult(Hiding.Messages proof, List<Claim> claims, List<Claim> modelClaims) {
        /** Copies the claim lists. */
        public ProverResult {
            Objects.requireNonNull(proof, "proof");
            claims = List.copyOf(claims);
            modelClaims = List.copyOf(modelClaims);
        }
    }

    /**
     * Proves the layer. {@code x}, {@code z}, {@code r} are the vectors exactly as committed in C1
     * at the shape's indices — doubled (a random half appended) when {@code hiding} hides; the
     * caller has absorbed its statement and C1.
     *
     * @throws IllegalArgumentException if a length is wrong, the witness violates the relation, or
     *     the shape's weights are committed
     */
    public static ProverResult prove(DenseLayerShape shape, long[] x, long[] z, long[] r, Transcript transcript,
            Hiding hiding) {
        return prove(shape, null, x, z, r, transcript, hiding, false);
    }

    /**
     * <b>Unsafe, for testing verifiers only.</b> A cheating prover that proves whatever the
     * committed tables actually sum to, so a false witness still yields a well-formed proof.
     */
    public static ProverResult proveUnsafe(DenseLayerShape shape, long[] x, long[] z, long[] r,
            Transcript transcript, Hiding hiding) {
        return prove(shape, null, x, z, r, transcript, hiding, true);
    }

    /**
     * Proves a layer whose weights are COMMITTED ({@link DenseLayerShape#committed}): {@code model}
     * holds the doubled W′ and b′ exactly as in the model commitment. Committed weights are hidden,
     * so {@code hiding} must hide.
     *
     * @throws IllegalArgumentException if a length is wrong, the witness violates the relation, or
     *     {@code hiding} is {@link Hiding#NONE}
     */
    public static ProverResult prove(DenseLayerShape shape, CommittedWeights model, long[] x2, long[] z2, long[] r2,
            Transcript transcript, Hiding hiding) {
        return prove(shape, Objects.requireNonNull(model, "model"), x2, z2, r2, transcript, hiding, false);
    }

    /** <b>Unsafe, for testing verifiers only.</b> As {@link #proveUnsafe}, with committed weights. */
    public static ProverResult proveUnsafe(DenseLayerShape shape, CommittedWeights model, long[] x2, long[] z2,
            long[] r2, Transcript transcript, Hiding hiding) {
        return prove(shape, Objects.requireNonNull(model, "model"), x2, z2, r2, transcript, hiding, true);
    }

    /**
     * The prover's copy of a committed layer's parameters, doubled as in the model commitment.
     *
     * @param weights2 W′ = (W zero-padded to n′ columns, row-major ‖ random), length 2·m·n′
     * @param bias2 b′ = (b zero-padded to M ‖ M random entries), length 2·M (the shape's bias length)
     */
    public record CommittedWeights(long[] weights2, long[] bias2) {}

    private static ProverResult prove(DenseLayerShape shape, CommittedWeights model, long[] x2, long[] z2, long[] r2,
            Transcript transcript, Hiding hiding, boolean actualSum) {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(hiding, "hiding");
        if (shape.weightsCommitted() != (model != null)) {
            throw new IllegalArgumentException(shape.weightsCommitted()
                    ? "the shape's weights are committed: prove with the committed parameters"
                    : "the shape's weights are public: prove without committed parameters");
        }
        if (model != null && !hiding.hides()) {
            throw new IllegalArgumentException("committed weights are hidden: prove them in a hiding mode");
        }
        int halves = hiding.hides() ? 2 : 1;
        int n = shape.inputs(), m = shape.outputs(), bn = shape.batch() * n, bm = shape.batch() * m;
        checkLength(x2, halves * bn, "X");
        checkLength(z2, halves * bm, "Z");
        checkLength(r2, halves * bm, "R");
        Challenges ch = challenges(shape, hiding, transcript);
        int c = ch.lowVars, half = 1 << c;
        long[] eqI = Multilinear.eqTable(ch.rhoI);
        long[] w = new long[2 * halves * half];
        if (model == null) {
            System.arraycopy(foldRows(shape.weightsRef(), m, n, eqI), 0, w, 0, 2 * n);
        } else {
            checkLength(model.weights2(), 2 * m * shape.weightColumns(), "W′");
            checkLength(model.bias2(), 2 * shape.biasLength(), "b′");
            foldHalves(model.weights2(), halves, m, shape.weightColumns(), eqI, w, half);
        }
        long[] x = new long[2 * halves * half];
        foldHalves(x2, halves, shape.batch(), n, Multilinear.eqTable(ch.rhoB), x, half);
        long[] e = new long[2 * halves * half];
        long[] eqOut = Multilinear.eqTable(ch.outPoint());
        System.arraycopy(eqOut, 0, e, 0, eqOut.length);
        SumcheckInstance.Builder b = SumcheckInstance.builder();
        b.addExtTable(w);
        b.addExtTable(x);
        b.addExtTable(e);
        b.addBaseTable(embed(z2, halves, bm, half));
        b.addBaseTable(embed(r2, halves, bm, half));
        if (model != null) {
            long[] select = new long[4 * half];
            long[] eqBias = new long[4 * half];
            for (int y = 0; y < half; y++) {
                select[2 * y] = 1;
            }
            System.arraycopy(eqI, 0, eqBias, 0, eqI.length);
            b.addExtTable(select);
            b.addExtTable(eqBias);
            b.addBaseTable(embed(model.bias2(), 2, shape.biasLength(), half));
        }
        for (SumcheckShape.Term t : terms(shape)) {
            b.addTerm(t.coefficient(), t.tables());
        }
        SumcheckInstance instance = b.build();
        Hiding.Proved res;
        try {
            res = hiding.prove(instance, actualSum ? instance.sum() : claimedSum(shape, ch.rhoI), transcript);
        } catch (IllegalArgumentException ex) {
            if (model == null) { // name the first failing entry of the real halves
                new DenseLayerWitness(shape, java.util.Arrays.copyOf(x2, bn), java.util.Arrays.copyOf(z2, bm),
                        java.util.Arrays.copyOf(r2, bm)).checkRelation();
            }
            throw new IllegalArgumentException("the witness does not satisfy the dense relation", ex);
        }
        try {
            return new ProverResult(res.proof(), claims(shape, ch, res.reduction()),
                    modelClaims(shape, ch, res.reduction()));
        } catch (InvalidProofException ex) {
            throw new IllegalStateException("degenerate challenge; prove again with fresh randomness", ex);
        }
    }

    /**
     * Folds the rows×cols matrix of each of a vector's {@code halves} (2: doubled, 1: as it is) by
     * {@code eq} into an extension-field table over (y (, t)) with {@code half} low entries per half.
     */
    private static void foldHalves(long[] v, int halves, int rows, int cols, long[] eq, long[] out, int half) {
        for (int top = 0; top < halves; top++) {
            long[] part = halves == 1 ? v : java.util.Arrays.copyOfRange(v, top * rows * cols, (top + 1) * rows * cols);
            long[] folded = foldRows(part, rows, cols, eq);
            System.arraycopy(folded, 0, out, 2 * top * half, folded.length);
        }
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

    /**
     * Verifies a proof for a shape with public or committed weights, after the caller absorbed what
     * the prover's caller did.
     *
     * @return the C1 claims and (committed weights) the model-commitment claims, as the prover's;
     *     the relation holds once the caller's openings prove them
     * @throws InvalidProofException naming the failed check
     */
    public static ProverResult verify(DenseLayerShape shape, Hiding.Messages proof, Transcript transcript,
            Hiding hiding) throws InvalidProofException {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(proof, "proof");
        if (shape.weightsCommitted() && !hiding.hides()) {
            throw new InvalidProofException("committed weights are proven in a hiding mode");
        }
        Challenges ch = challenges(shape, hiding, transcript);
        Reduction red;
        try {
            red = hiding.verify(sumcheckShape(shape, ch.lowVars, hiding.hides()), claimedSum(shape, ch.rhoI), proof,
                    transcript);
        } catch (InvalidProofException ex) {
            throw new InvalidProofException("dense sumcheck: " + ex.getMessage());
        }
        Ext[] r = red.point();
        Ext[] f = red.finalEvaluations();
        Ext real = hiding.hides() ? Ext.ONE.sub(r[ch.lowVars]) : Ext.ONE;
        if (shape.weightsCommitted()) {
            if (!f[SELECT].equals(real)) {
                throw new InvalidProofException("dense final check: the selector evaluation ≠ 1 − r_t");
            }
            Ext eqBias = Multilinear.eq(ch.rhoI, prefix(r, shape.logOutputs()))
                    .mul(padding(r, shape.logOutputs(), ch.lowVars)).mul(real);
            if (!f[BIAS_EQ].equals(eqBias)) {
                throw new InvalidProofException("dense final check: the bias eq evaluation ≠ eq(ρ_i, r)");
            }
        } else {
            long[] wHat = foldRows(shape.weightsRef(), shape.outputs(), shape.inputs(),
                    Multilinear.eqTable(ch.rhoI));
            Ext weights = Multilinear.evaluateExt(wHat, prefix(r, shape.logInputs()))
                    .mul(padding(r, shape.logInputs(), ch.lowVars)).mul(real);
            if (!f[WEIGHTS].equals(weights)) {
                throw new InvalidProofException(
                        "dense final check: the weight evaluation ≠ W̃(ρ_i, r) of the public weights");
            }
        }
        int logBm = shape.logBatch() + shape.logOutputs();
        Ext eq = Multilinear.eq(ch.outPoint(), prefix(r, logBm)).mul(padding(r, logBm, ch.lowVars)).mul(real);
        if (!f[EQ].equals(eq)) {
            throw new InvalidProofException("dense final check: the eq evaluation ≠ eq(ρ, r)");
        }
        return new ProverResult(proof, claims(shape, ch, red), modelClaims(shape, ch, red));
    }

    /**
     * The proven soundness in bits, −log₂ ε, of a proof for {@code shape} in a mode that hides or
     * not, together with the caller's C1 opening: ε = (log B + log m + d·(c + t) + [hides])/|K| +
     * 2^−{@code c1PcsBits}, d the sumcheck's degree, c its low variables, t = 1 when hiding (the
     * shared mask opening is the caller's).
     */
    public static double soundnessBits(DenseLayerShape shape, boolean hides, double c1PcsBits) {
        SumcheckShape s = sumcheckShape(shape, lowVars(shape), hides);
        double p = (double) (Goldilocks.P >>> 1) * 2.0 + 1;
        double algebraic = (shape.logBatch() + shape.logOutputs() + (double) s.degree() * s.numVars() + (hides ? 1 : 0))
                / (p * p);
        return -Math.log(algebraic + Math.pow(2, -c1PcsBits)) / Math.log(2);
    }

    /** Reads a proof for {@code shape} in bounded memory. */
    public static Hiding.Messages readProof(ProofReader in, DenseLayerShape shape, Hiding hiding)
            throws InvalidProofException {
        return hiding.read(in, sumcheckShape(shape, lowVars(shape), hiding.hides()));
    }

    /** The layer's entry in a {@link SharedMasks} plan (hiding mode): {number of variables, degree}. */
    public static int[] maskPlan(DenseLayerShape shape) {
        SumcheckShape s = sumcheckShape(shape, lowVars(shape), true);
        return new int[] {s.numVars(), s.degree()};
    }

    private record Challenges(Ext[] rhoB, Ext[] rhoI, int lowVars, boolean hides) {
        Ext[] outPoint() {
            return concat(rhoI, rhoB);
        }

        /** The top variable's challenge appended to a point when hiding. */
        Ext[] withTop(Ext[] point, Ext[] r) {
            return hides ? concat(point, new Ext[] {r[lowVars]}) : point;
        }
    }

    private static Challenges challenges(DenseLayerShape shape, Hiding hiding, Transcript t) {
        t.absorb("dense/protocol", PROTOCOL.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        t.absorbLong("dense/hiding", hiding.hides() ? 1 : 0);
        shape.absorbInto(t);
        Ext[] rhoB = t.challengeExts(RHO_BATCH_LABEL, shape.logBatch());
        Ext[] rhoI = t.challengeExts(RHO_OUTPUT_LABEL, shape.logOutputs());
        return new Challenges(rhoB, rhoI, lowVars(shape), hiding.hides());
    }

    private static int lowVars(DenseLayerShape shape) {
        return Math.max(Math.max(shape.logWeightColumns(), shape.logBatch() + shape.logOutputs()), shape.logBias());
    }

    private static List<SumcheckShape.Term> terms(DenseLayerShape shape) {
        SumcheckShape.Term outputs = new SumcheckShape.Term(Ext.base(1L << shape.shift()).neg(), new int[] {EQ, OUTPUTS});
        SumcheckShape.Term remainders = new SumcheckShape.Term(Ext.ONE.neg(), new int[] {EQ, REMAINDERS});
        if (!shape.weightsCommitted()) {
            return List.of(new SumcheckShape.Term(Ext.ONE, new int[] {WEIGHTS, INPUTS}), outputs, remainders);
        }
        // both W′ and X′ carry random halves: the selector keeps their product to t = 0
        return List.of(new SumcheckShape.Term(Ext.ONE, new int[] {SELECT, WEIGHTS, INPUTS}), outputs, remainders,
                new SumcheckShape.Term(Ext.ONE, new int[] {BIAS_EQ, BIAS}));
    }

    static SumcheckShape sumcheckShape(DenseLayerShape shape, int lowVars, boolean hides) {
        return new SumcheckShape(lowVars + (hides ? 1 : 0), shape.weightsCommitted() ? 8 : 5, terms(shape));
    }

    /** −b̃(ρ_i) − c_k; with committed weights the bias is inside the sum: −c_k. */
    private static Ext claimedSum(DenseLayerShape shape, Ext[] rhoI) {
        Ext bias = shape.weightsCommitted() ? Ext.ZERO : Multilinear.evaluate(shape.biasRef(), rhoI);
        return bias.add(Ext.base(shape.roundingConstant())).neg();
    }

    private static List<Claim> claims(DenseLayerShape shape, Challenges ch, Reduction red)
            throws InvalidProofException {
        Ext[] r = red.point();
        Ext[] f = red.finalEvaluations();
        int logN = shape.logInputs(), logBm = shape.logBatch() + shape.logOutputs();
        Ext[] xPoint = ch.withTop(concat(prefix(r, logN), ch.rhoB), r);
        Ext[] zPoint = ch.withTop(prefix(r, logBm), r);
        Ext xScale = inverse(padding(r, logN, ch.lowVars));
        Ext zScale = inverse(padding(r, logBm, ch.lowVars));
        return List.of(Claim.multilinear(shape.inputVector(), xPoint, f[INPUTS].mul(xScale)),
                Claim.multilinear(shape.outputVector(), zPoint, f[OUTPUTS].mul(zScale)),
                Claim.multilinear(shape.remainderVector(), zPoint, f[REMAINDERS].mul(zScale)));
    }

    /** Committed weights: W̃′(r_y[..log n′] ‖ ρ_i ‖ r_t) and b̃′(r_y[..log M] ‖ r_t), unpadded; else none. */
    private static List<Claim> modelClaims(DenseLayerShape shape, Challenges ch, Reduction red)
            throws InvalidProofException {
        if (!shape.weightsCommitted()) {
            return List.of();
        }
        Ext[] r = red.point();
        Ext[] f = red.finalEvaluations();
        Ext[] rt = {r[ch.lowVars]};
        int logN = shape.logWeightColumns(), logM = shape.logBias();
        Ext[] wPoint = concat(concat(prefix(r, logN), ch.rhoI), rt);
        Ext[] bPoint = concat(prefix(r, logM), rt);
        return List.of(
                Claim.multilinear(shape.weightVector(), wPoint, f[WEIGHTS].mul(inverse(padding(r, logN, ch.lowVars)))),
                Claim.multilinear(shape.biasVector(), bPoint, f[BIAS].mul(inverse(padding(r, logM, ch.lowVars)))));
    }

    /** Π_{from ≤ i < to} (1 − r_i): the extension of a zero-padded vector's padding selector. */
    static Ext padding(Ext[] r, int from, int to) {
        Ext p = Ext.ONE;
        for (int i = from; i < to; i++) {
            p = p.mul(Ext.ONE.sub(r[i]));
        }
        return p;
    }

    static Ext inverse(Ext v) throws InvalidProofException {
        if (v.equals(Ext.ZERO)) {
            throw new InvalidProofException("degenerate challenge: a padding variable is 1");
        }
        return v.inverse();
    }

    /**
     * A base vector of {@code halves} × {@code len} entries (2: doubled, 1: as it is) laid out over
     * (y (, t)) with {@code half} low entries per half.
     */
    static long[] embed(long[] v, int halves, int len, int half) {
        long[] out = new long[halves * half];
        for (int top = 0; top < halves; top++) {
            System.arraycopy(v, top * len, out, top * half, len);
        }
        return out;
    }

    private static void checkLength(long[] v, int length, String what) {
        if (Objects.requireNonNull(v, what).length != length) {
            throw new IllegalArgumentException(what + " has " + v.length + " entries, expected " + length);
        }
        for (long e : v) {
            if (!Goldilocks.isCanonical(e)) {
                throw new IllegalArgumentException(what + " holds a non-canonical entry");
            }
        }
    }

    private static Ext[] prefix(Ext[] r, int length) {
        return java.util.Arrays.copyOf(r, length);
    }

    private static Ext[] concat(Ext[] low, Ext[] high) {
        Ext[] out = new Ext[low.length + high.length];
        System.arraycopy(low, 0, out, 0, low.length);
        System.arraycopy(high, 0, out, low.length, high.length);
        return out;
    }
}
