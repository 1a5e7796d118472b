package org.zkml4j.backend.layer;

import java.util.List;
import java.util.Objects;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.field.Goldilocks;
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
 * The zero-knowledge link between hidden logits and their public classes (argmax, ties to the
 * lowest index). Over the B × m grid of logits a (row-major, m a power of two, the first
 * {@code outputs} columns and {@code classes.length} rows real), the prover commits the shifted
 * margins
 * <pre>
 *   e_(b,j) = a_(b,c_b) − a_(b,j) − [j &lt; c_b] − Q   (real b, j),      e_(b,j) = −Q   (elsewhere)
 * </pre>
 * and a range lookup (the caller's) shows every e_(b,j) ∈ [−Q, Q]: then a_(b,c_b) ≥ a_(b,j) for
 * every j and &gt; for j &lt; c_b, i.e. c_b is the argmax. Logits are bounded by Q, so no margin
 * wraps modulo p. This class proves that e is that public linear function of a.
 *
 * <p><b>Protocol.</b> Both vectors are committed doubled (the witness followed by as many random
 * entries, the top variable t selecting the random half; docs/zero-knowledge.md). After the
 * caller's statement and commitments: absorb the protocol id and the shape, draw ρ (log Bm
 * coordinates). One masked sumcheck (degree 2, log Bm + 1 variables) proves
 * <pre>
 *   Σ_(y,t) [ E(y,t)·e′(y,t) − G(y,t)·a′(y,t) ] = −κ − Q
 * </pre>
 * with the public E(y, 0) = eq(ρ, y), G(y, 0) = [i = c_b]·S_b − eq(ρ, y)·real(y) for y = (b, i),
 * S_b = Σ_j eq(ρ, (b, j))·real(b, j), κ = Σ_y eq(ρ, y)·real(y)·[j &lt; c_b], and E, G zero for
 * t = 1 — the left side is ẽ(ρ) minus the extension of the claimed linear function at ρ. The
 * verifier recomputes E and G at the final point r; the final values of e′ and a′ become C1 claims
 * at r, each padded by its random half.
 *
 * <p><b>Soundness.</b> ε ≤ log(Bm)/|K| (Schwartz–Zippel at ρ) + 2(log Bm + 1)/|K| + 1/|K| (masked
 * sumcheck) + ε_PCS(C1), |K| = p² ≈ 2^128; the range lookup's bound is counted by the caller.
 */
public final class ZkArgmax {
    static final String PROTOCOL = "zkml4j/zk-argmax/v1";
    private static final int EQ = 0, GAINS = 1, MARGINS = 2, LOGITS = 3;

    private ZkArgmax() {}

    /**
     * What is proven: a batch × width grid of logits (logical vector {@code logitVector}) with
     * {@code outputs} real columns and one public class per real row, margins in
     * {@code marginVector}, bound Q.
     *
     * @param batch rows of the grid (a power of two)
     * @param width columns of the grid (a power of two)
     * @param outputs real columns, 1 ≤ outputs ≤ width
     * @param classes the class of each real row (rows beyond {@code classes.length} are padding)
     * @param limit Q: every logit is in [−Q, Q]
     */
    public record Shape(int batch, int width, int outputs, int[] classes, long limit, int logitVector,
                        int marginVector) {
        /** Validates the shape and copies the classes. */
        public Shape {
            if (Integer.bitCount(batch) != 1 || Integer.bitCount(width) != 1 || outputs < 1 || outputs > width) {
                throw new IllegalArgumentException("argmax grid " + batch + "×" + width + " with " + outputs
                        + " outputs is not a power-of-two grid");
            }
            if (classes.length < 1 || classes.length > batch) {
                throw new IllegalArgumentException(classes.length + " classes for a batch of " + batch);
            }
            classes = classes.clone();
            for (int b = 0; b < classes.length; b++) {
                if (classes[b] < 0 || classes[b] >= outputs) {
                    throw new IllegalArgumentException("row " + b + " has class " + classes[b] + ", the model has "
                            + outputs + " outputs");
                }
            }
            if (limit < 0 || limit >= 1L << 30) {
                throw new IllegalArgumentException("logit bound " + limit + " is out of range");
            }
        }

        int logCells() {
            return Integer.numberOfTrailingZeros(batch * width);
        }

        boolean real(int b, int j) {
            return b < classes.length && j < outputs;
        }

        void absorbInto(Transcript t) {
            t.absorb("zk-argmax/protocol", PROTOCOL.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            t.absorbLong("zk-argmax/batch", batch);
            t.absorbLong("zk-argmax/width", width);
            t.absorbLong("zk-argmax/outputs", outputs);
            t.absorbFields("zk-argmax/classes", java.util.Arrays.stream(classes).asLongStream().toArray());
            t.absorbLong("zk-argmax/limit", limit);
            t.absorbLong("zk-argmax/logit-vector", logitVector);
            t.absorbLong("zk-argmax/margin-vector", marginVector);
        }
    }

    /**
     * The shifted margins e (length batch·width, canonical residues) of {@code logits} (same
     * layout) for the shape's classes.
     */
    public static long[] margins(Shape shape, long[] logits) {
        int m = shape.width();
        long[] e = new long[shape.batch() * m];
        for (int b = 0; b < shape.batch(); b++) {
            for (int j = 0; j < m; j++) {
                long v = -shape.limit();
                if (shape.real(b, j)) {
                    int c = shape.classes()[b];
                    v += Goldilocks.toSigned(logits[b * m + c]) - Goldilocks.toSigned(logits[b * m + j])
                            - (j < c ? 1 : 0);
                }
                e[b * m + j] = Goldilocks.fromSigned(v);
            }
        }
        return e;
    }

    /**
     * Proves that {@code margins2} holds the margins of {@code logits2}; both doubled, exactly as
     * committed. The caller has absorbed its statement and commitments.
     *
     * @return the proof and its two C1 claims (margins, then logits)
     * @throws IllegalArgumentException if a length is wrong or the margins are not those of the logits
     */
    public static DenseLayer.ProverResult prove(Shape shape, long[] logits2, long[] margins2,
            Transcript transcript, SharedMasks masks) {
        return prove(shape, logits2, margins2, transcript, masks, false);
    }

    /**
     * <b>Unsafe, for testing verifiers only.</b> Proves whatever the vectors actually sum to, so
     * false margins still yield a well-formed proof.
     */
    public static DenseLayer.ProverResult proveUnsafe(Shape shape, long[] logits2, long[] margins2,
            Transcript transcript, SharedMasks masks) {
        return prove(shape, logits2, margins2, transcript, masks, true);
    }

    private static DenseLayer.ProverResult prove(Shape shape, long[] logits2, long[] margins2,
            Transcript transcript, SharedMasks masks, boolean actualSum) {
        Objects.requireNonNull(shape, "shape");
        int cells = shape.batch() * shape.width();
        checkLength(logits2, 2 * cells, "logits′");
        checkLength(margins2, 2 * cells, "margins′");
        Ext[] rho = challenges(shape, transcript);
        long[] eq = Multilinear.eqTable(rho);
        SumcheckInstance.Builder b = SumcheckInstance.builder();
        b.addExtTable(java.util.Arrays.copyOf(eq, 4 * cells));
        b.addExtTable(java.util.Arrays.copyOf(gains(shape, eq), 4 * cells));
        b.addBaseTable(margins2);
        b.addBaseTable(logits2);
        for (SumcheckShape.Term t : terms()) {
            b.addTerm(t.coefficient(), t.tables());
        }
        SumcheckInstance instance = b.build();
        MaskedSumcheckProof.Result res;
        try {
            res = masks.prove(instance, actualSum ? instance.sum() : claimedSum(shape, eqJ(shape, rho), eqB(shape, rho)),
                    transcript);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("the margins are not those of the logits for the claimed classes", ex);
        }
        return new DenseLayer.ProverResult(res.proof(), claims(shape, res.reduction()), List.of());
    }

    /**
     * Verifies a proof after the caller absorbed what the prover's caller did.
     *
     * @return the C1 claims on the doubled margins and logits
     * @throws InvalidProofException naming the failed check
     */
    public static List<Claim> verify(Shape shape, MaskedSumcheckProof proof, Transcript transcript,
            SharedMasks masks) throws InvalidProofException {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(proof, "proof");
        Ext[] rho = challenges(shape, transcript);
        int logWidth = Integer.numberOfTrailingZeros(shape.width());
        // eq(ρ, (b, j)) = eq(ρ_j, j)·eq(ρ_b, b): the verifier works per row and per column, O(B + m)
        long[] eqJ = Multilinear.eqTable(java.util.Arrays.copyOf(rho, logWidth));
        long[] eqB = Multilinear.eqTable(java.util.Arrays.copyOfRange(rho, logWidth, rho.length));
        Reduction red;
        try {
            red = masks.verify(sumcheckShape(shape), claimedSum(shape, eqJ, eqB), proof, transcript);
        } catch (InvalidProofException ex) {
            throw new InvalidProofException("argmax sumcheck: " + ex.getMessage());
        }
        Ext[] r = red.point();
        Ext[] low = java.util.Arrays.copyOf(r, shape.logCells());
        Ext real = Ext.ONE.sub(r[shape.logCells()]);
        Ext[] f = red.finalEvaluations();
        if (!f[EQ].equals(Multilinear.eq(rho, low).mul(real))) {
            throw new InvalidProofException("argmax final check: the eq evaluation ≠ eq(ρ, r)");
        }
        if (!f[GAINS].equals(gainsAt(shape, eqJ, eqB, low).mul(real))) {
            throw new InvalidProofException("argmax final check: the class-selector evaluation is not the public one");
        }
        return claims(shape, red);
    }

    /** Reads a proof for {@code shape} in bounded memory. */
    public static MaskedSumcheckProof readProof(ProofReader in, Shape shape) throws InvalidProofException {
        return MaskedSumcheckProof.read(in, sumcheckShape(shape));
    }

    /** The proof's entry in a {@link SharedMasks} plan: {number of variables, degree}. */
    public static int[] maskPlan(Shape shape) {
        SumcheckShape s = sumcheckShape(shape);
        return new int[] {s.numVars(), s.degree()};
    }

    private static Ext[] challenges(Shape shape, Transcript t) {
        shape.absorbInto(t);
        return t.challengeExts("zk-argmax/rho", shape.logCells());
    }

    private static List<SumcheckShape.Term> terms() {
        return List.of(new SumcheckShape.Term(Ext.ONE, new int[] {EQ, MARGINS}),
                new SumcheckShape.Term(Ext.ONE.neg(), new int[] {GAINS, LOGITS}));
    }

    private static SumcheckShape sumcheckShape(Shape shape) {
        return new SumcheckShape(shape.logCells() + 1, 4, terms());
    }

    /** G(y) = [i = c_b]·S_b − eq(ρ, y)·real(y), as an extension-field table over the grid. */
    private static long[] gains(Shape shape, long[] eq) {
        int m = shape.width();
        long[] g = new long[eq.length];
        for (int b = 0; b < shape.classes().length; b++) {
            Ext rowSum = Ext.ZERO;
            for (int j = 0; j < shape.outputs(); j++) {
                Ext e = Ext.get(eq, b * m + j);
                rowSum = rowSum.add(e);
                e.neg().set(g, b * m + j);
            }
            int c = b * m + shape.classes()[b];
            Ext.get(g, c).add(rowSum).set(g, c);
        }
        return g;
    }

    /** −κ − Q with κ = Σ_(real b, j &lt; c_b) eq(ρ_b, b)·eq(ρ_j, j), from column prefix sums: O(B + m). */
    private static Ext claimedSum(Shape shape, long[] eqJ, long[] eqB) {
        Ext[] prefix = prefixSums(eqJ, shape.outputs());
        Ext kappa = Ext.ZERO;
        for (int b = 0; b < shape.classes().length; b++) {
            kappa = kappa.add(Ext.get(eqB, b).mul(prefix[shape.classes()[b]]));
        }
        return kappa.add(Ext.base(shape.limit())).neg();
    }

    /**
     * G̃ at {@code r} in O(B + m): G(b, i) = eq(ρ_b, b)·([i = c_b]·S − eq(ρ_j, i)·[i real]) for real rows,
     * S = Σ_(real j) eq(ρ_j, j), so G̃(r) = Σ_b eq(ρ_b, b)·eq(r_b, b)·(S·eq(r_j, c_b) − Σ_(real i) eq(ρ_j, i)·eq(r_j, i)).
     */
    private static Ext gainsAt(Shape shape, long[] eqJ, long[] eqB, Ext[] r) {
        int logWidth = Integer.numberOfTrailingZeros(shape.width());
        long[] rJ = Multilinear.eqTable(java.util.Arrays.copyOf(r, logWidth));
        long[] rB = Multilinear.eqTable(java.util.Arrays.copyOfRange(r, logWidth, r.length));
        Ext s = prefixSums(eqJ, shape.outputs())[shape.outputs()];
        Ext cross = Ext.ZERO;
        for (int i = 0; i < shape.outputs(); i++) {
            cross = cross.add(Ext.get(eqJ, i).mul(Ext.get(rJ, i)));
        }
        Ext g = Ext.ZERO;
        for (int b = 0; b < shape.classes().length; b++) {
            Ext row = s.mul(Ext.get(rJ, shape.classes()[b])).sub(cross);
            g = g.add(Ext.get(eqB, b).mul(Ext.get(rB, b)).mul(row));
        }
        return g;
    }

    /** prefix[k] = Σ_(j &lt; k) eq[j], k = 0..count. */
    private static Ext[] prefixSums(long[] eq, int count) {
        Ext[] prefix = new Ext[count + 1];
        prefix[0] = Ext.ZERO;
        for (int j = 0; j < count; j++) {
            prefix[j + 1] = prefix[j].add(Ext.get(eq, j));
        }
        return prefix;
    }

    private static long[] eqJ(Shape shape, Ext[] rho) {
        return Multilinear.eqTable(java.util.Arrays.copyOf(rho, Integer.numberOfTrailingZeros(shape.width())));
    }

    private static long[] eqB(Shape shape, Ext[] rho) {
        return Multilinear.eqTable(java.util.Arrays.copyOfRange(rho, Integer.numberOfTrailingZeros(shape.width()),
                rho.length));
    }

    private static List<Claim> claims(Shape shape, Reduction red) {
        Ext[] f = red.finalEvaluations();
        return List.of(Claim.multilinear(shape.marginVector(), red.point(), f[MARGINS]),
                Claim.multilinear(shape.logitVector(), red.point(), f[LOGITS]));
    }

    private static void checkLength(long[] v, int length, String what) {
        if (Objects.requireNonNull(v, what).length != length) {
            throw new IllegalArgumentException(what + " has " + v.length + " entries, expected " + length);
        }
    }
}
