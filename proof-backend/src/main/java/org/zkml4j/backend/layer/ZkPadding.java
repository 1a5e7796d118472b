package org.zkml4j.backend.layer;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.pcs.Claim;
import org.zkml4j.backend.poly.Multilinear;
import org.zkml4j.backend.sumcheck.MaskedSumcheckProof;
import org.zkml4j.backend.sumcheck.Reduction;
import org.zkml4j.backend.sumcheck.SharedMasks;
import org.zkml4j.backend.sumcheck.SumcheckInstance;
import org.zkml4j.backend.sumcheck.SumcheckShape;
import org.zkml4j.backend.transcript.Transcript;

/**
 * The zero-knowledge proof that a COMMITTED layer's padding is zero: in W′'s real half every entry
 * outside the m₀ × n₀ real block, and in b′'s real half every entry from m₀ on. With public
 * weights the verifier sees that; committed, it is what keeps a model to the structure its key
 * declares (no hidden units in the padding).
 *
 * <p><b>Protocol.</b> Absorb the protocol id and the shape, draw q_W (log m·n′, n′ the committed
 * columns) and q_b (log M). One masked sumcheck (degree 2, c + 1 variables, c = max(log m·n′, log M)) proves
 * <pre>
 *   Σ_(y,t) [ E_W(y,t)·Ŵ′(y,t) + E_b(y,t)·b̂′(y,t) ] = 0
 * </pre>
 * with E_W(y, 0) = eq(q_W, y)·[y is padding of W], E_b(y, 0) = eq(q_b, y)·[y ≥ m₀], both zero for
 * t = 1: the left side is the extension at (q_W, q_b) of the padding entries, zero for every q
 * only if they all are. The verifier evaluates E_W and E_b at the final point in O(m + n + M)
 * (the real block is a product); the final values of Ŵ′ and b̂′ become claims on the model
 * commitment, each padded by its random half.
 *
 * <p><b>Soundness.</b> ε ≤ (log m·n′ + log M)/|K| (Schwartz–Zippel at q) + 2(c + 1)/|K| + 1/|K|
 * (masked sumcheck) + the model commitment's opening, |K| = p² ≈ 2^128.
 */
public final class ZkPadding {
    static final String PROTOCOL = "zkml4j/zk-padding/v1";
    private static final int EQ_W = 0, WEIGHTS = 1, EQ_B = 2, BIAS = 3;

    private ZkPadding() {}

    /**
     * Proves that {@code model}'s padding is zero for a committed {@code shape} whose real sizes are
     * {@code realOutputs} × {@code realInputs}.
     *
     * @throws IllegalArgumentException if a padding entry is not zero
     */
    public static DenseLayer.ProverResult prove(DenseLayerShape shape, int realOutputs, int realInputs,
            DenseLayer.CommittedWeights model, Transcript transcript, SharedMasks masks) {
        return prove(shape, realOutputs, realInputs, model, transcript, masks, false);
    }

    /** <b>Unsafe, for testing verifiers only.</b> Proves whatever the padding sums to. */
    public static DenseLayer.ProverResult proveUnsafe(DenseLayerShape shape, int realOutputs, int realInputs,
            DenseLayer.CommittedWeights model, Transcript transcript, SharedMasks masks) {
        return prove(shape, realOutputs, realInputs, model, transcript, masks, true);
    }

    private static DenseLayer.ProverResult prove(DenseLayerShape shape, int realOutputs, int realInputs,
            DenseLayer.CommittedWeights model, Transcript transcript, SharedMasks masks, boolean actualSum) {
        check(shape, realOutputs, realInputs);
        int mn = shape.outputs() * shape.weightColumns(), bias = shape.biasLength();
        Objects.requireNonNull(model, "model");
        if (model.weights2().length != 2 * mn || model.bias2().length != 2 * bias) {
            throw new IllegalArgumentException("committed parameters do not fit the shape");
        }
        Ext[][] q = challenges(shape, realOutputs, realInputs, transcript);
        int c = lowVars(shape), half = 1 << c;
        long[] eqW = Multilinear.eqTable(q[0]);
        long[] eqB = Multilinear.eqTable(q[1]);
        for (int i = 0; i < realOutputs; i++) {
            Arrays.fill(eqW, 2 * i * shape.weightColumns(), 2 * (i * shape.weightColumns() + realInputs), 0);
        }
        Arrays.fill(eqB, 0, 2 * realOutputs, 0);
        SumcheckInstance.Builder b = SumcheckInstance.builder();
        b.addExtTable(Arrays.copyOf(eqW, 4 * half));
        b.addBaseTable(DenseLayer.embed(model.weights2(), 2, mn, half));
        b.addExtTable(Arrays.copyOf(eqB, 4 * half));
        b.addBaseTable(DenseLayer.embed(model.bias2(), 2, bias, half));
        for (SumcheckShape.Term t : terms()) {
            b.addTerm(t.coefficient(), t.tables());
        }
        SumcheckInstance instance = b.build();
        MaskedSumcheckProof.Result res;
        try {
            res = masks.prove(instance, actualSum ? instance.sum() : Ext.ZERO, transcript);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("the committed parameters' padding is not zero", ex);
        }
        try {
            return new DenseLayer.ProverResult(res.proof(), List.of(), claims(shape, res.reduction()));
        } catch (InvalidProofException ex) {
            throw new IllegalStateException("degenerate challenge; prove again with fresh randomness", ex);
        }
    }

    /**
     * Verifies a proof after the caller absorbed what the prover's caller did.
     *
     * @return the claims on the model commitment (W′, then b′)
     * @throws InvalidProofException naming the failed check
     */
    public static List<Claim> verify(DenseLayerShape shape, int realOutputs, int realInputs,
            MaskedSumcheckProof proof, Transcript transcript, SharedMasks masks) throws InvalidProofException {
        check(shape, realOutputs, realInputs);
        Objects.requireNonNull(proof, "proof");
        Ext[][] q = challenges(shape, realOutputs, realInputs, transcript);
        Reduction red;
        try {
            red = masks.verify(sumcheckShape(shape), Ext.ZERO, proof, transcript);
        } catch (InvalidProofException ex) {
            throw new InvalidProofException("padding sumcheck: " + ex.getMessage());
        }
        Ext[] r = red.point();
        Ext[] f = red.finalEvaluations();
        int c = lowVars(shape), logN = shape.logWeightColumns(), logMn = logN + shape.logOutputs();
        Ext real = Ext.ONE.sub(r[c]);
        Ext[] rW = Arrays.copyOf(r, logMn);
        // Σ_y eq(r, y)·eq(q, y) over the real block i < m₀, j < n₀ factors into columns × rows
        Ext block = overlap(Arrays.copyOf(rW, logN), Arrays.copyOf(q[0], logN), realInputs)
                .mul(overlap(Arrays.copyOfRange(rW, logN, logMn), Arrays.copyOfRange(q[0], logN, logMn), realOutputs));
        Ext eqW = Multilinear.eq(rW, q[0]).sub(block).mul(DenseLayer.padding(r, logMn, c)).mul(real);
        if (!f[EQ_W].equals(eqW)) {
            throw new InvalidProofException("padding final check: the weight selector is not the public one");
        }
        int logM = shape.logBias();
        Ext[] rB = Arrays.copyOf(r, logM);
        Ext eqB = Multilinear.eq(rB, q[1]).sub(overlap(rB, q[1], realOutputs)).mul(DenseLayer.padding(r, logM, c))
                .mul(real);
        if (!f[EQ_B].equals(eqB)) {
            throw new InvalidProofException("padding final check: the bias selector is not the public one");
        }
        return claims(shape, red);
    }

    /** Reads a proof for {@code shape} in bounded memory. */
    public static MaskedSumcheckProof readProof(ProofReader in, DenseLayerShape shape) throws InvalidProofException {
        return MaskedSumcheckProof.read(in, sumcheckShape(shape));
    }

    /** The proof's entry in a {@link SharedMasks} plan: {number of variables, degree}. */
    public static int[] maskPlan(DenseLayerShape shape) {
        SumcheckShape s = sumcheckShape(shape);
        return new int[] {s.numVars(), s.degree()};
    }

    private static void check(DenseLayerShape shape, int realOutputs, int realInputs) {
        if (!shape.weightsCommitted()) {
            throw new IllegalArgumentException("only committed weights have padding to prove");
        }
        if (realOutputs < 1 || realOutputs > shape.outputs() || realInputs < 1 || realInputs > shape.inputs()) {
            throw new IllegalArgumentException("real sizes " + realOutputs + "×" + realInputs + " do not fit "
                    + shape.outputs() + "×" + shape.inputs());
        }
    }

    private static Ext[][] challenges(DenseLayerShape shape, int realOutputs, int realInputs, Transcript t) {
        t.absorb("zk-padding/protocol", PROTOCOL.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        shape.absorbInto(t);
        t.absorbLong("zk-padding/real-outputs", realOutputs);
        t.absorbLong("zk-padding/real-inputs", realInputs);
        return new Ext[][] {t.challengeExts("zk-padding/q-weights", shape.logWeightColumns() + shape.logOutputs()),
                t.challengeExts("zk-padding/q-bias", shape.logBias())};
    }

    private static int lowVars(DenseLayerShape shape) {
        return Math.max(shape.logWeightColumns() + shape.logOutputs(), shape.logBias());
    }

    private static List<SumcheckShape.Term> terms() {
        return List.of(new SumcheckShape.Term(Ext.ONE, new int[] {EQ_W, WEIGHTS}),
                new SumcheckShape.Term(Ext.ONE, new int[] {EQ_B, BIAS}));
    }

    private static SumcheckShape sumcheckShape(DenseLayerShape shape) {
        return new SumcheckShape(lowVars(shape) + 1, 4, terms());
    }

    /** W̃′ at (r[..log m·n] ‖ r_t) and b̃′ at (r[..log M] ‖ r_t), unpadded. */
    private static List<Claim> claims(DenseLayerShape shape, Reduction red) throws InvalidProofException {
        Ext[] r = red.point();
        Ext[] f = red.finalEvaluations();
        int c = lowVars(shape), logMn = shape.logWeightColumns() + shape.logOutputs(), logM = shape.logBias();
        Ext weightScale = DenseLayer.inverse(DenseLayer.padding(r, logMn, c));
        Ext biasScale = DenseLayer.inverse(DenseLayer.padding(r, logM, c));
        return List.of(Claim.multilinear(shape.weightVector(), point(r, logMn, c), f[WEIGHTS].mul(weightScale)),
                Claim.multilinear(shape.biasVector(), point(r, logM, c), f[BIAS].mul(biasScale)));
    }

    private static Ext[] point(Ext[] r, int low, int top) {
        Ext[] p = Arrays.copyOf(r, low + 1);
        p[low] = r[top];
        return p;
    }

    /** Σ_(y &lt; count) eq(a, y)·eq(b, y). */
    private static Ext overlap(Ext[] a, Ext[] b, int count) {
        long[] ea = Multilinear.eqTable(a);
        long[] eb = Multilinear.eqTable(b);
        Ext s = Ext.ZERO;
        for (int y = 0; y < count; y++) {
            s = s.add(Ext.get(ea, y).mul(Ext.get(eb, y)));
        }
        return s;
    }
}
