package org.zkml4j.backend.layer;

import java.util.List;
import java.util.Objects;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.field.Goldilocks;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.io.ProofWriter;
import org.zkml4j.backend.pcs.Claim;
import org.zkml4j.backend.poly.Multilinear;
import org.zkml4j.backend.sumcheck.Reduction;
import org.zkml4j.backend.sumcheck.SumcheckInstance;
import org.zkml4j.backend.sumcheck.SumcheckProof;
import org.zkml4j.backend.sumcheck.SumcheckProver;
import org.zkml4j.backend.sumcheck.SumcheckShape;
import org.zkml4j.backend.sumcheck.SumcheckVerifier;
import org.zkml4j.backend.transcript.Transcript;

/**
 * The proof of a batched 2-D convolution with requantization, public weights and public-mode
 * messages (the building block of convolutional circuits; docs/design/tensor-graph.md): for every
 * row b, output channel o and output position (y, x),
 * <pre>
 *   Σ_(c,i,j) W[o,c,i,j]·X[b, c, P_y(y,i), P_x(x,j)] + b_o·[(y, x) real] + c = d·Z[b,o,y,x] + R[b,o,y,x]
 * </pre>
 * where P_y, P_x are the axes' wiring ({@link ConvAxis}), reads outside the input are zero, d is
 * the divisor (2^k, or a pool's window size: average pooling is this relation with ones,
 * {@link Conv2dShape#averagePool}) and c = ⌊d/2⌋. The input is read through the public wiring
 * predicate — never through a prover-supplied im2col matrix. As for {@link DenseLayer}, 0 ≤ R &lt; d
 * is the caller's range lookup.
 *
 * <p><b>Protocol.</b> The caller has absorbed its statement and C1.
 * <ol>
 *   <li>Absorb the shape; draw ρ = (ρ_x, ρ_y, ρ_o, ρ_b). The prover sends ζ = Z̃(ρ), η = R̃(ρ).
 *   <li>Kernel sumcheck (degree 2, over (j, i, c)): Σ Ŵ(c,i,j)·U(c,i,j) = d·ζ + η − c −
 *       b̃(ρ_o)·Σ_(y real) eq(ρ_y, y)·Σ_(x real) eq(ρ_x, x), with Ŵ = W folded by eq(ρ_o) and
 *       U(c,i,j) = Σ_(y,x) eq(ρ_y,y)·eq(ρ_x,x)·X̂(c, P_y(y,i), P_x(x,j)), X̂ = X folded by eq(ρ_b).
 *       The verifier evaluates Ŵ at the final point (j*, i*, c*) itself; the final value μ of U is
 *       the next claim.
 *   <li>Input sumcheck (degree 3, over (w, h)): Σ A(h)·B(w)·X̌(h, w) = μ with A(h) =
 *       P̃_y(ρ_y, i*, h), B(w) = P̃_x(ρ_x, j*, w) and X̌(h, w) = X̃(w, h, c*, ρ_b) — the extension of U
 *       at (c*, i*, j*) expanded over the input plane. The verifier evaluates A and B at the final
 *       point (w*, h*) in O(Y·kh + X·kw); X̌'s final value becomes the claim X̃(w*, h*, c*, ρ_b).
 * </ol>
 * Both sides return the C1 claims Z̃(ρ) = ζ, R̃(ρ) = η and X̃(w*, h*, c*, ρ_b), in that order.
 *
 * <p><b>Soundness.</b> |K| = p² ≈ 2^128. A relation failing at some entry makes the residual's
 * extension non-zero, so it vanishes at ρ with probability ≤ (log B + log O + log Y + log X)/|K|;
 * otherwise (ζ, η true, which the caller's opening enforces) the kernel sumcheck's claim is false
 * and passes with probability ≤ 2·(log C + log I + log J)/|K|, after which a false μ passes the
 * input sumcheck with probability ≤ 3·(log H + log W)/|K|; the final checks of Ŵ, A and B are exact:
 * <pre>
 *   ε ≤ (log B + log O + log Y + log X + 2(log C + log I + log J) + 3(log H + log W))/|K| + ε_PCS(C1)
 * </pre>
 *
 * <p><b>Zero knowledge.</b> None: ζ, η, μ and the final values are sent in the clear, as in the
 * public {@link DenseLayer}. The hiding mode follows the one-protocol plan of the design note.
 */
public final class Conv2dLayer {
    static final String PROTOCOL = "zkml4j/conv2d/v1";
    private static final int WEIGHTS = 0, WINDOWS = 1;

    private Conv2dLayer() {}

    /**
     * A proof: ζ, η, the kernel sumcheck (its final values include μ) and the input sumcheck.
     * Encoding: ζ, η (16 bytes each), then each sumcheck in its own encoding; sizes come from the shape.
     */
    public record Proof(Ext outputEvaluation, Ext remainderEvaluation, SumcheckProof kernel, SumcheckProof input) {
        /** @throws NullPointerException if a part is null */
        public Proof {
            Objects.requireNonNull(outputEvaluation, "outputEvaluation");
            Objects.requireNonNull(remainderEvaluation, "remainderEvaluation");
            Objects.requireNonNull(kernel, "kernel");
            Objects.requireNonNull(input, "input");
        }

        /** Appends the canonical encoding. */
        public void writeTo(ProofWriter out) {
            out.writeExt(outputEvaluation);
            out.writeExt(remainderEvaluation);
            kernel.writeTo(out);
            input.writeTo(out);
        }

        /**
         * Reads a proof for {@code shape} in bounded memory.
         *
         * @throws InvalidProofException if the input is truncated or malformed
         */
        public static Proof read(ProofReader in, Conv2dShape shape) throws InvalidProofException {
            Ext zeta = in.readExt("conv2d output evaluation");
            Ext eta = in.readExt("conv2d remainder evaluation");
            return new Proof(zeta, eta, SumcheckProof.read(in, kernelShape(shape)),
                    SumcheckProof.read(in, inputShape(shape)));
        }
    }

    /**
     * A proof and the C1 claims it reduces to: Z̃(ρ) = ζ, R̃(ρ) = η, X̃(w*, h*, c*, ρ_b).
     *
     * @param proof the proof to send
     * @param claims the claims the caller proves in its opening of C1
     */
    public record ProverResult(Proof proof, List<Claim> claims) {
        /** Copies the claims. */
        public ProverResult {
            Objects.requireNonNull(proof, "proof");
            claims = List.copyOf(claims);
        }
    }

    /**
     * Proves the relation for X, Z, R as committed (padded layouts of {@link Conv2dShape}).
     *
     * @throws IllegalArgumentException if a length is wrong or the witness violates the relation
     */
    public static ProverResult prove(Conv2dShape shape, long[] x, long[] z, long[] r, Transcript transcript) {
        return prove(shape, x, z, r, transcript, false);
    }

    /**
     * <b>Unsafe, for testing verifiers only.</b> A cheating prover: for a witness that violates the
     * relation it sends ζ adjusted so that both sumchecks run on true statements — the false claim
     * on Z is left for the caller's opening to catch.
     */
    static ProverResult proveUnsafe(Conv2dShape shape, long[] x, long[] z, long[] r, Transcript transcript) {
        return prove(shape, x, z, r, transcript, true);
    }

    private static ProverResult prove(Conv2dShape shape, long[] x, long[] z, long[] r, Transcript transcript,
            boolean fixOutput) {
        Objects.requireNonNull(shape, "shape");
        check(x, shape.inputLength(), "X");
        check(z, shape.outputLength(), "Z");
        check(r, shape.outputLength(), "R");
        Point rho = challenges(shape, transcript);
        Ext zeta = Multilinear.evaluate(z, rho.output());
        Ext eta = Multilinear.evaluate(r, rho.output());
        long[] xHat = DenseLayer.foldRows(x, shape.batch(), shape.inputLength() / shape.batch(),
                Multilinear.eqTable(rho.batch()));
        long[] wHat = DenseLayer.foldRows(shape.weightsRef(), shape.outChannels(),
                shape.weightsRef().length / shape.outChannels(), Multilinear.eqTable(rho.channel()));
        long[] windows = windows(shape, xHat, rho);
        Ext actual = innerProduct(wHat, windows);
        Ext claimed = claimedSum(shape, rho, zeta, eta);
        if (!actual.equals(claimed)) {
            if (!fixOutput) {
                throw new IllegalArgumentException("the witness does not satisfy the convolution relation");
            }
            zeta = zeta.add(actual.sub(claimed).mul(Goldilocks.inverse(shape.divisor())));
            claimed = claimedSum(shape, rho, zeta, eta);
        }
        transcript.absorbExts("conv2d/output-evaluations", zeta, eta);
        SumcheckInstance.Builder kb = SumcheckInstance.builder();
        kb.addExtTable(wHat); // WEIGHTS
        kb.addExtTable(windows); // WINDOWS
        SumcheckInstance kernel = kb.addTerm(Ext.ONE, WEIGHTS, WINDOWS).build();
        SumcheckProver.Result a = SumcheckProver.prove(kernel, claimed, transcript);
        Ext[] k = a.point();
        Ext mu = a.finalEvaluations()[WINDOWS];
        SumcheckInstance input = inputInstance(shape, xHat, rho, k);
        SumcheckProver.Result b = SumcheckProver.prove(input, mu, transcript);
        return new ProverResult(new Proof(zeta, eta, a.proof(), b.proof()), claims(shape, rho, zeta, eta, k,
                b.reduction()));
    }

    /**
     * Verifies a proof for {@code shape} after the caller absorbed what the prover's caller did.
     *
     * @return the C1 claims, as the prover's; the relation holds once the caller's opening proves them
     * @throws InvalidProofException naming the failed check
     */
    public static List<Claim> verify(Conv2dShape shape, Proof proof, Transcript transcript)
            throws InvalidProofException {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(proof, "proof");
        Point rho = challenges(shape, transcript);
        Ext zeta = proof.outputEvaluation(), eta = proof.remainderEvaluation();
        transcript.absorbExts("conv2d/output-evaluations", zeta, eta);
        Reduction a;
        Reduction b;
        try {
            a = SumcheckVerifier.verify(kernelShape(shape), claimedSum(shape, rho, zeta, eta), proof.kernel(),
                    transcript);
        } catch (InvalidProofException e) {
            throw new InvalidProofException("conv2d kernel sumcheck: " + e.getMessage());
        }
        Ext[] k = a.point();
        long[] wHat = DenseLayer.foldRows(shape.weightsRef(), shape.outChannels(),
                shape.weightsRef().length / shape.outChannels(), Multilinear.eqTable(rho.channel()));
        if (!a.finalEvaluations()[WEIGHTS].equals(Multilinear.evaluateExt(wHat, k))) {
            throw new InvalidProofException("conv2d final check: the weight evaluation ≠ W̃(ρ_o, ·) of the public "
                    + "weights");
        }
        try {
            b = SumcheckVerifier.verify(inputShape(shape), a.finalEvaluations()[WINDOWS], proof.input(), transcript);
        } catch (InvalidProofException e) {
            throw new InvalidProofException("conv2d input sumcheck: " + e.getMessage());
        }
        WindowGather.checkPredicates(shape.rows(), shape.cols(), rho.y(), kernelRows(shape, k), rho.x(),
                kernelCols(shape, k), b, "conv2d");
        return claims(shape, rho, zeta, eta, k, b);
    }

    /** ρ split by dimension: output point (x, y, o, b) and its parts. */
    private record Point(Ext[] x, Ext[] y, Ext[] channel, Ext[] batch) {
        Ext[] output() {
            return concat(concat(x, y), concat(channel, batch));
        }
    }

    private static Point challenges(Conv2dShape shape, Transcript t) {
        shape.absorbInto(t);
        return new Point(t.challengeExts("conv2d/rho-x", Conv2dShape.log2(shape.cols().paddedOutputs())),
                t.challengeExts("conv2d/rho-y", Conv2dShape.log2(shape.rows().paddedOutputs())),
                t.challengeExts("conv2d/rho-o", Conv2dShape.log2(shape.outChannels())),
                t.challengeExts("conv2d/rho-b", Conv2dShape.log2(shape.batch())));
    }

    /** d·ζ + η − c − b̃(ρ_o)·(real rows at ρ_y)·(real columns at ρ_x). */
    private static Ext claimedSum(Conv2dShape shape, Point rho, Ext zeta, Ext eta) {
        Ext bias = Multilinear.evaluate(shape.biasRef(), rho.channel()).mul(shape.rows().realOutputs(rho.y()))
                .mul(shape.cols().realOutputs(rho.x()));
        return zeta.mul(shape.divisor()).add(eta).sub(Ext.base(shape.roundingConstant())).sub(bias);
    }

    /**
     * U(c, i, j) = Σ_(y,x) eq(ρ_y, y)·eq(ρ_x, x)·X̂(c, P_y(y,i), P_x(x,j)) over the padded kernel
     * block, interleaved; separable: first along x, then along y.
     */
    private static long[] windows(Conv2dShape shape, long[] xHat, Point rho) {
        ConvAxis rows = shape.rows(), cols = shape.cols();
        int c = shape.inChannels(), hp = rows.paddedInputs(), wp = cols.paddedInputs();
        int ki = rows.paddedKernel(), kj = cols.paddedKernel();
        long[] eqY = Multilinear.eqTable(rho.y());
        long[] eqX = Multilinear.eqTable(rho.x());
        Ext[] alongX = new Ext[c * hp * kj];
        java.util.Arrays.fill(alongX, Ext.ZERO);
        for (int ch = 0; ch < c; ch++) {
            for (int h = 0; h < rows.inputs(); h++) {
                for (int x = 0; x < cols.outputs(); x++) {
                    Ext ex = Ext.get(eqX, x);
                    for (int j = 0; j < cols.kernel(); j++) {
                        int w = cols.source(x, j);
                        if (w >= 0) {
                            int at = (ch * hp + h) * kj + j;
                            alongX[at] = alongX[at].add(ex.mul(Ext.get(xHat, (ch * hp + h) * wp + w)));
                        }
                    }
                }
            }
        }
        long[] out = new long[2 * c * ki * kj];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < rows.outputs(); y++) {
                Ext ey = Ext.get(eqY, y);
                for (int i = 0; i < rows.kernel(); i++) {
                    int h = rows.source(y, i);
                    for (int j = 0; h >= 0 && j < cols.kernel(); j++) {
                        int at = (ch * ki + i) * kj + j;
                        Ext.get(out, at).add(ey.mul(alongX[(ch * hp + h) * kj + j])).set(out, at);
                    }
                }
            }
        }
        return out;
    }

    /** The input sumcheck ({@link WindowGather}) with X̌ = X̂ at c*. */
    private static SumcheckInstance inputInstance(Conv2dShape shape, long[] xHat, Point rho, Ext[] k) {
        int plane = shape.rows().paddedInputs() * shape.cols().paddedInputs();
        // X̂ is (c, h, w) with w lowest: fold the channel (the high part) by eq(c*)
        long[] eqC = Multilinear.eqTable(kernelChannels(shape, k));
        long[] xPlane = new long[2 * plane];
        for (int ch = 0; ch < shape.inChannels(); ch++) {
            Ext e = Ext.get(eqC, ch);
            for (int at = 0; at < plane; at++) {
                Ext.get(xPlane, at).add(e.mul(Ext.get(xHat, ch * plane + at))).set(xPlane, at);
            }
        }
        return WindowGather.instance(shape.rows(), shape.cols(), rho.y(), kernelRows(shape, k), rho.x(),
                kernelCols(shape, k), xPlane);
    }

    static SumcheckShape kernelShape(Conv2dShape shape) {
        return SumcheckShape.of(shape.logKernel(), 2, new SumcheckShape.Term(Ext.ONE, new int[] {WEIGHTS, WINDOWS}));
    }

    static SumcheckShape inputShape(Conv2dShape shape) {
        return WindowGather.shape(shape.rows(), shape.cols());
    }

    /** The kernel point k = (j*, i*, c*) split into its parts. */
    private static Ext[] kernelCols(Conv2dShape shape, Ext[] k) {
        return java.util.Arrays.copyOf(k, Conv2dShape.log2(shape.cols().paddedKernel()));
    }

    private static Ext[] kernelRows(Conv2dShape shape, Ext[] k) {
        int j = Conv2dShape.log2(shape.cols().paddedKernel());
        return java.util.Arrays.copyOfRange(k, j, j + Conv2dShape.log2(shape.rows().paddedKernel()));
    }

    private static Ext[] kernelChannels(Conv2dShape shape, Ext[] k) {
        int ji = Conv2dShape.log2(shape.cols().paddedKernel()) + Conv2dShape.log2(shape.rows().paddedKernel());
        return java.util.Arrays.copyOfRange(k, ji, k.length);
    }

    private static List<Claim> claims(Conv2dShape shape, Point rho, Ext zeta, Ext eta, Ext[] k, Reduction input) {
        Ext[] xPoint = concat(concat(input.point(), kernelChannels(shape, k)), rho.batch());
        return List.of(Claim.multilinear(shape.outputVector(), rho.output(), zeta),
                Claim.multilinear(shape.remainderVector(), rho.output(), eta),
                Claim.multilinear(shape.inputVector(), xPoint, input.finalEvaluations()[WindowGather.PLANE]));
    }

    private static Ext innerProduct(long[] a, long[] b) {
        Ext s = Ext.ZERO;
        for (int i = 0; i < a.length / 2; i++) {
            s = s.add(Ext.get(a, i).mul(Ext.get(b, i)));
        }
        return s;
    }

    private static void check(long[] v, int length, String what) {
        if (Objects.requireNonNull(v, what).length != length) {
            throw new IllegalArgumentException(what + " has " + v.length + " entries, expected " + length);
        }
    }

    private static Ext[] concat(Ext[] low, Ext[] high) {
        Ext[] out = new Ext[low.length + high.length];
        System.arraycopy(low, 0, out, 0, low.length);
        System.arraycopy(high, 0, out, low.length, high.length);
        return out;
    }
}
