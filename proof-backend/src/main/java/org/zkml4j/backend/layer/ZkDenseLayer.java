package org.zkml4j.backend.layer;

import java.util.List;
import java.util.Objects;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.field.Goldilocks;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.pcs.Claim;
import org.zkml4j.backend.poly.Multilinear;
import org.zkml4j.backend.sumcheck.Reduction;
import org.zkml4j.backend.sumcheck.SumcheckInstance;
import org.zkml4j.backend.sumcheck.SumcheckShape;
import org.zkml4j.backend.sumcheck.MaskedSumcheckProof;
import org.zkml4j.backend.sumcheck.SharedMasks;
import org.zkml4j.backend.transcript.Transcript;

/**
 * The zero-knowledge proof of a batched dense layer with requantization — the relation of
 * {@link DenseLayer} — over <em>doubled</em> committed vectors: the caller commits X′ = (X, U_X),
 * Z′ = (Z, U_Z), R′ = (R, U_R), each the witness followed by as many uniformly random entries (the
 * top variable selects the random half). Nothing the proof reveals depends on X, Z or R beyond
 * the relation itself (docs/zero-knowledge.md).
 *
 * <p><b>Protocol.</b> After the caller's statement and C1: absorb the protocol id and the shape,
 * draw ρ_b, ρ_i. With c = max(log n, log B + log m) low variables y and one top variable t, one
 * zero-knowledge sumcheck (degree 2, c + 1 variables, its mask from the proof's
 * {@link SharedMasks}) proves
 * <pre>
 *   Σ_(y,t) [ Ŵ(y,t)·X̂(y,t) − 2^k·E(y,t)·Ẑ(y,t) − E(y,t)·R̂(y,t) ] = −b̃(ρ_i) − c_k
 * </pre>
 * where Ŵ(y, 0) = W̃(ρ_i, y) and E(y, 0) = eq((ρ_i ‖ ρ_b), y) (zero for t = 1 and beyond the real
 * index ranges) are public, and X̂(y, t) = X̃′(y, ρ_b, t), Ẑ(y, t) = Z̃′(y, t), R̂ likewise (zero
 * beyond their ranges). Because Ŵ and E vanish on t = 1, the random halves do not enter the sum,
 * which is the multilinear extension at (ρ_i, ρ_b) of the per-entry residual of the relation.
 * The verifier recomputes Ŵ and E at the final point r = (r_y, r_t); the final values of X̂, Ẑ, R̂
 * become the C1 claims X̃′(r_y[..log n] ‖ ρ_b ‖ r_t), Z̃′(r_y[..log Bm] ‖ r_t), R̃′(same), each
 * divided by the zero-padding factor Π(1 − r_y,i) over the unused low variables.
 *
 * <p><b>What is revealed.</b> The masked round messages (Libra masking), the public evaluations, and
 * the three final values, each of the form (1 − r_t)·w̃(q) + r_t·ũ(q) with ũ the random half's
 * extension at a point q fixed by the challenges — a one-time pad as long as each random half is
 * evaluated at fewer independent points than it has entries (here at most two per vector).
 *
 * <p><b>Soundness.</b> ε ≤ (log B + log m)/|K| (Schwartz–Zippel on the residual at ρ) +
 * 2(c + 1)/|K| + 1/|K| (masked sumcheck) + ε_PCS(C1), plus the shared mask
 * opening's ε_PCS counted once per proof by the caller, |K| = p² ≈ 2^128.
 */
public final class ZkDenseLayer {
    static final String PROTOCOL = "zkml4j/zk-dense/v1";
    private static final int WEIGHTS = 0, INPUTS = 1, EQ = 2, OUTPUTS = 3, REMAINDERS = 4;
    /** Committed weights only: the selector 1 − t, eq(ρ_i, ·) over the bias, and b′. */
    private static final int SELECT = 5, BIAS_EQ = 6, BIAS = 7;

    private ZkDenseLayer() {}

    /**
     * A proof and the claims it reduces to.
     *
     * @param proof the zero-knowledge sumcheck proof (the layer's whole proof)
     * @param claims the claims the caller must prove in its opening of C1 (X′, Z′, R′ in that order)
     * @param modelClaims committed weights only: the claims on the model commitment (W′, then b′)
     */
    public record ProverResult(MaskedSumcheckProof proof, List<Claim> claims, List<Claim> modelClaims) {
        /** Copies the claim lists. */
        public ProverResult {
            Objects.requireNonNull(proof, "proof");
            claims = List.copyOf(claims);
            modelClaims = List.copyOf(modelClaims);
        }
    }

    /**
     * Proves the layer. {@code x2}, {@code z2}, {@code r2} are the doubled vectors exactly as
     * committed in C1 at the shape's indices; the caller has absorbed its statement and C1.
     *
     * @throws IllegalArgumentException if a length is wrong, the witness violates the relation, or
     *     the shape's weights are committed
     */
    public static ProverResult prove(DenseLayerShape shape, long[] x2, long[] z2, long[] r2, Transcript transcript,
            SharedMasks masks) {
        return prove(shape, null, x2, z2, r2, transcript, masks, false);
    }

    /**
     * <b>Unsafe, for testing verifiers only.</b> A cheating prover that proves whatever the
     * committed tables actually sum to, so a false witness still yields a well-formed proof.
     */
    public static ProverResult proveUnsafe(DenseLayerShape shape, long[] x2, long[] z2, long[] r2,
            Transcript transcript, SharedMasks masks) {
        return prove(shape, null, x2, z2, r2, transcript, masks, true);
    }

    /**
     * Proves a layer whose weights are COMMITTED ({@link DenseLayerShape#committed}): {@code model}
     * holds the doubled W′ and b′ exactly as in the model commitment.
     *
     * @throws IllegalArgumentException if a length is wrong or the witness violates the relation
     */
    public static ProverResult prove(DenseLayerShape shape, CommittedWeights model, long[] x2, long[] z2, long[] r2,
            Transcript transcript, SharedMasks masks) {
        return prove(shape, Objects.requireNonNull(model, "model"), x2, z2, r2, transcript, masks, false);
    }

    /** <b>Unsafe, for testing verifiers only.</b> As {@link #proveUnsafe}, with committed weights. */
    public static ProverResult proveUnsafe(DenseLayerShape shape, CommittedWeights model, long[] x2, long[] z2,
            long[] r2, Transcript transcript, SharedMasks masks) {
        return prove(shape, Objects.requireNonNull(model, "model"), x2, z2, r2, transcript, masks, true);
    }

    /**
     * The prover's copy of a committed layer's parameters, doubled as in the model commitment.
     *
     * @param weights2 W′ = (W zero-padded to n′ columns, row-major ‖ random), length 2·m·n′
     * @param bias2 b′ = (b zero-padded to M ‖ M random entries), length 2·M (the shape's bias length)
     */
    public record CommittedWeights(long[] weights2, long[] bias2) {}

    private static ProverResult prove(DenseLayerShape shape, CommittedWeights model, long[] x2, long[] z2, long[] r2,
            Transcript transcript, SharedMasks masks, boolean actualSum) {
        Objects.requireNonNull(shape, "shape");
        if (shape.weightsCommitted() != (model != null)) {
            throw new IllegalArgumentException(shape.weightsCommitted()
                    ? "the shape's weights are committed: prove with the committed parameters"
                    : "the shape's weights are public: prove without committed parameters");
        }
        int n = shape.inputs(), m = shape.outputs(), bn = shape.batch() * n, bm = shape.batch() * m;
        checkLength(x2, 2 * bn, "X′");
        checkLength(z2, 2 * bm, "Z′");
        checkLength(r2, 2 * bm, "R′");
        Challenges ch = challenges(shape, transcript);
        int c = ch.lowVars, half = 1 << c;
        long[] eqI = Multilinear.eqTable(ch.rhoI);
        long[] w = new long[4 * half];
        if (model == null) {
            System.arraycopy(DenseLayer.foldRows(shape.weightsRef(), m, n, eqI), 0, w, 0, 2 * n);
        } else {
            checkLength(model.weights2(), 2 * m * shape.weightColumns(), "W′");
            checkLength(model.bias2(), 2 * shape.biasLength(), "b′");
            foldHalves(model.weights2(), m, shape.weightColumns(), eqI, w, half);
        }
        long[] x = new long[4 * half];
        foldHalves(x2, shape.batch(), n, Multilinear.eqTable(ch.rhoB), x, half);
        long[] e = new long[4 * half];
        long[] eqOut = Multilinear.eqTable(ch.outPoint());
        System.arraycopy(eqOut, 0, e, 0, eqOut.length);
        SumcheckInstance.Builder b = SumcheckInstance.builder();
        b.addExtTable(w);
        b.addExtTable(x);
        b.addExtTable(e);
        b.addBaseTable(embed(z2, bm, half));
        b.addBaseTable(embed(r2, bm, half));
        if (model != null) {
            long[] select = new long[4 * half];
            long[] eqBias = new long[4 * half];
            for (int y = 0; y < half; y++) {
                select[2 * y] = 1;
            }
            System.arraycopy(eqI, 0, eqBias, 0, eqI.length);
            b.addExtTable(select);
            b.addExtTable(eqBias);
            b.addBaseTable(embed(model.bias2(), shape.biasLength(), half));
        }
        for (SumcheckShape.Term t : terms(shape)) {
            b.addTerm(t.coefficient(), t.tables());
        }
        SumcheckInstance instance = b.build();
        MaskedSumcheckProof.Result res;
        try {
            res = masks.prove(instance, actualSum ? instance.sum() : claimedSum(shape, ch.rhoI), transcript);
        } catch (IllegalArgumentException ex) {
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
     * Folds the rows×cols matrices of both halves of a doubled vector by {@code eq} into an
     * extension-field table over (y, t) with {@code half} low entries per half.
     */
    private static void foldHalves(long[] doubled, int rows, int cols, long[] eq, long[] out, int half) {
        for (int top = 0; top < 2; top++) {
            long[] part = java.util.Arrays.copyOfRange(doubled, top * rows * cols, (top + 1) * rows * cols);
            long[] folded = DenseLayer.foldRows(part, rows, cols, eq);
            System.arraycopy(folded, 0, out, 2 * top * half, folded.length);
        }
    }

    /**
     * Verifies a proof for {@code shape} after the caller absorbed what the prover's caller did.
     *
     * @return the C1 claims on X′, Z′, R′ (the relation holds once the caller's opening proves them);
     *     with committed weights, {@link #verifyCommitted} also returns the model claims
     * @throws InvalidProofException naming the failed check
     */
    public static List<Claim> verify(DenseLayerShape shape, MaskedSumcheckProof proof, Transcript transcript,
            SharedMasks masks) throws InvalidProofException {
        if (shape.weightsCommitted()) {
            throw new IllegalArgumentException("the shape's weights are committed: use verifyCommitted");
        }
        return verifyCommitted(shape, proof, transcript, masks).claims();
    }

    /**
     * Verifies a proof for a shape with public or committed weights.
     *
     * @return the C1 claims and (committed weights) the model-commitment claims, as the prover's
     * @throws InvalidProofException naming the failed check
     */
    public static ProverResult verifyCommitted(DenseLayerShape shape, MaskedSumcheckProof proof,
            Transcript transcript, SharedMasks masks) throws InvalidProofException {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(proof, "proof");
        Challenges ch = challenges(shape, transcript);
        Reduction red;
        try {
            red = masks.verify(sumcheckShape(shape, ch.lowVars), claimedSum(shape, ch.rhoI), proof, transcript);
        } catch (InvalidProofException ex) {
            throw new InvalidProofException("dense sumcheck: " + ex.getMessage());
        }
        Ext[] r = red.point();
        Ext[] f = red.finalEvaluations();
        Ext real = Ext.ONE.sub(r[ch.lowVars]);
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
            long[] wHat = DenseLayer.foldRows(shape.weightsRef(), shape.outputs(), shape.inputs(),
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

    /** Reads a proof for {@code shape} in bounded memory. */
    public static MaskedSumcheckProof readProof(ProofReader in, DenseLayerShape shape) throws InvalidProofException {
        return MaskedSumcheckProof.read(in, sumcheckShape(shape, lowVars(shape)));
    }

    /** The layer's entry in a {@link SharedMasks} plan: {number of variables, degree}. */
    public static int[] maskPlan(DenseLayerShape shape) {
        SumcheckShape s = sumcheckShape(shape, lowVars(shape));
        return new int[] {s.numVars(), s.degree()};
    }

    private record Challenges(Ext[] rhoB, Ext[] rhoI, int lowVars) {
        Ext[] outPoint() {
            return concat(rhoI, rhoB);
        }
    }

    private static Challenges challenges(DenseLayerShape shape, Transcript t) {
        t.absorb("zk-dense/protocol", PROTOCOL.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        shape.absorbInto(t);
        Ext[] rhoB = t.challengeExts(DenseLayer.RHO_BATCH_LABEL, shape.logBatch());
        Ext[] rhoI = t.challengeExts(DenseLayer.RHO_OUTPUT_LABEL, shape.logOutputs());
        return new Challenges(rhoB, rhoI, lowVars(shape));
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

    static SumcheckShape sumcheckShape(DenseLayerShape shape, int lowVars) {
        return new SumcheckShape(lowVars + 1, shape.weightsCommitted() ? 8 : 5, terms(shape));
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
        Ext rt = r[ch.lowVars];
        int logN = shape.logInputs(), logBm = shape.logBatch() + shape.logOutputs();
        Ext[] xPoint = concat(concat(prefix(r, logN), ch.rhoB), new Ext[] {rt});
        Ext[] zPoint = concat(prefix(r, logBm), new Ext[] {rt});
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

    /** The doubled base vector (length 2·len) laid out over (y, t) with 2^c low entries per half. */
    static long[] embed(long[] doubled, int len, int half) {
        long[] out = new long[2 * half];
        System.arraycopy(doubled, 0, out, 0, len);
        System.arraycopy(doubled, len, out, half, len);
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
