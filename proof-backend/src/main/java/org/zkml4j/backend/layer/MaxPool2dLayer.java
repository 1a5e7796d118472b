package org.zkml4j.backend.layer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
 * The proof of a batched 2-D max pool, public mode (a building block of convolutional circuits;
 * docs/design/tensor-graph.md): Z[b,c,y,x] is the largest input its window reads (taps outside
 * the input do not count; inputs lie in [−Q, Q]).
 *
 * <p><b>Witness</b> (committed by the caller in C1, layouts as {@link Conv2dShape}'s, the window
 * index (i, j) in the lowest bits of S and D): X; Z; a selector S, one-hot over each real output's
 * taps; the differences D = Z − G′, where G′ gathers X through the axes' wiring and reads −Q at a
 * tap outside the input: G′ = G − Q·(1 − V), V(y,x,i,j) = V_y(y,i)·V_x(x,j) saying whether the tap
 * reads an input. The caller proves S ∈ {0, 1} and D ∈ [0, 2Q] with lookups. Then Z ≥ every tap
 * (D ≥ 0) and Z equals a selected tap (its D is 0): Z is the maximum — a selected padding tap
 * forces Z = −Q, which D ≥ 0 allows only when every input tap is −Q too.
 *
 * <p><b>Protocol</b> (after the caller's statement and C1).
 * <ol>
 *   <li>Absorb the shape; draw τ over S's index space. The prover sends δ = D̃(τ) and
 *       ω = Z̃(τ_out) (Z broadcast over the taps has that extension). Input sumcheck (degree 3,
 *       over the input plane (w, h)): Σ P_y(τ_y, τ_i, h)·P_x(τ_x, τ_j, w)·X̃(w, h, τ_c, τ_b) =
 *       ω + Q·(1 − Ṽ(τ)) − δ, i.e. D = Z − G′ at τ (Ṽ factors over the two axes). The verifier
 *       evaluates the predicates at the end; the claim on X goes to C1.
 *   <li>Draw ρ, ρ′ over the output space. Every real output selects exactly one tap (padded outputs
 *       none): Σ_(out,tap) eq(ρ, out)·S = Σ_(y,x real) eq(ρ_y, y)·eq(ρ_x, x), which is one claim on S
 *       at (½, …, ½ ‖ ρ) (the taps' variables at ½ sum them). Window sumcheck (degree 3, over S's
 *       space): Σ eq(ρ′, out)·S·D = 0 — every selected tap's difference is zero. The verifier
 *       evaluates eq; the final values of S and D are claims on C1.
 * </ol>
 * Claims, in order: Z̃(τ_out) = ω, D̃(τ) = δ, X at the input sumcheck's point, S at (½, …, ½ ‖ ρ),
 * then S and D at the window sumcheck's point.
 *
 * <p><b>Soundness.</b> |K| = p². If D ≠ V·Z − G somewhere, its extension vanishes at τ with
 * probability ≤ n_S/|K| (n_S = log of S's size); then the input sumcheck errs with ≤ 3·(log H +
 * log W)/|K|. If some output's selector count is off, ρ misses it with ≤ n_out/|K|; a non-zero
 * selected difference survives ρ′ with ≤ n_out/|K|; the window sumcheck errs with ≤ 3·n_S/|K|.
 * Altogether ε ≤ (4·n_S + 2·n_out + 3(log H + log W))/|K| + ε_PCS(C1), the
 * lookups aside (their range sums stay below p, so Σ S·D = 0 with S ∈ {0,1}, D ∈ [0, 2Q] forces
 * each selected D to 0).
 *
 * <p><b>Zero knowledge.</b> None yet (δ, ω and the final values are sent in the clear).
 */
public final class MaxPool2dLayer {
    static final String PROTOCOL = "zkml4j/maxpool2d/v1";
    private static final int EQ = 0, SELECT = 1, DIFF = 2;

    private MaxPool2dLayer() {}

    /**
     * The public statement: batch B, channels C (real), the two axes, the inputs' bound Q, and the
     * C1 indices of X, Z, S and D.
     */
    public record Shape(int batch, int channels, ConvAxis rows, ConvAxis cols, int limit, int inputVector,
            int outputVector, int selectorVector, int differenceVector) {
        /**
         * @throws IllegalArgumentException if B is not a power of two, C or Q not positive, or
         *     indices repeat
         */
        public Shape {
            Objects.requireNonNull(rows, "rows");
            Objects.requireNonNull(cols, "cols");
            if (batch < 1 || Integer.bitCount(batch) != 1 || channels < 1 || limit < 1) {
                throw new IllegalArgumentException("batch must be a power of two, channels and limit positive: "
                        + batch + ", " + channels + ", " + limit);
            }
            long size = (long) batch * DenseLayerShape.padded(channels) * rows.paddedOutputs() * cols.paddedOutputs()
                    * rows.paddedKernel() * cols.paddedKernel();
            if (size > 1L << Conv2dShape.MAX_LOG_SIZE) {
                throw new IllegalArgumentException("the selector has " + size + " entries, more than 2^"
                        + Conv2dShape.MAX_LOG_SIZE);
            }
            if (java.util.stream.IntStream.of(inputVector, outputVector, selectorVector, differenceVector).distinct()
                    .count() != 4 || Math.min(Math.min(inputVector, outputVector), Math.min(selectorVector,
                    differenceVector)) < 0) {
                throw new IllegalArgumentException("X, Z, S and D need distinct non-negative commitment indices");
            }
        }

        int paddedChannels() {
            return DenseLayerShape.padded(channels);
        }

        /** Entries of X. */
        public int inputLength() {
            return batch * paddedChannels() * rows.paddedInputs() * cols.paddedInputs();
        }

        /** Entries of Z. */
        public int outputLength() {
            return batch * paddedChannels() * rows.paddedOutputs() * cols.paddedOutputs();
        }

        /** Entries of S and D. */
        public int windowLength() {
            return outputLength() * rows.paddedKernel() * cols.paddedKernel();
        }

        void absorbInto(Transcript t) {
            t.absorb("maxpool2d/protocol", PROTOCOL.getBytes(StandardCharsets.UTF_8));
            t.absorbFields("maxpool2d/sizes", new long[] {batch, channels, limit});
            for (ConvAxis a : new ConvAxis[] {rows, cols}) {
                t.absorbFields("maxpool2d/axis", new long[] {a.inputs(), a.kernel(), a.stride(), a.dilation(),
                        a.padBefore(), a.outputs()});
            }
            t.absorbFields("maxpool2d/vectors", new long[] {inputVector, outputVector, selectorVector,
                    differenceVector});
        }
    }

    /** The honest witness for an input: Z, S (the first largest tap) and D, as canonical residues. */
    public record Witness(long[] z, long[] s, long[] d) {}

    /** Computes the witness for a padded input X of {@code shape}. */
    public static Witness witness(Shape shape, long[] x) {
        check(x, shape.inputLength(), "X");
        ConvAxis rows = shape.rows(), cols = shape.cols();
        int c = shape.paddedChannels(), hp = rows.paddedInputs(), wp = cols.paddedInputs();
        int yp = rows.paddedOutputs(), xp = cols.paddedOutputs(), ki = rows.paddedKernel(), kj = cols.paddedKernel();
        long[] z = new long[shape.outputLength()], s = new long[shape.windowLength()], d = new long[s.length];
        // outputs that are padding read −Q at every tap: Z = 0, D = Q
        java.util.Arrays.fill(d, Goldilocks.fromSigned(shape.limit()));
        for (int b = 0; b < shape.batch(); b++) {
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < rows.outputs(); y++) {
                    for (int xx = 0; xx < cols.outputs(); xx++) {
                        int out = ((b * c + ch) * yp + y) * xp + xx;
                        long max = Long.MIN_VALUE;
                        int best = -1;
                        for (int i = 0; i < ki; i++) {
                            for (int j = 0; j < kj; j++) {
                                int h = rows.source(y, i), w = cols.source(xx, j);
                                if (h >= 0 && w >= 0) {
                                    long v = Goldilocks.toSigned(x[((b * c + ch) * hp + h) * wp + w]);
                                    if (v > max) {
                                        max = v;
                                        best = i * kj + j;
                                    }
                                }
                            }
                        }
                        if (best < 0) {
                            throw new IllegalArgumentException("output (" + y + ", " + xx + ") reads no input");
                        }
                        z[out] = Goldilocks.fromSigned(max);
                        s[out * ki * kj + best] = 1;
                        for (int i = 0; i < ki; i++) {
                            for (int j = 0; j < kj; j++) {
                                int h = rows.source(y, i), w = cols.source(xx, j);
                                long read = h >= 0 && w >= 0 ? Goldilocks.toSigned(x[((b * c + ch) * hp + h) * wp + w])
                                        : -shape.limit();
                                d[out * ki * kj + i * kj + j] = Goldilocks.fromSigned(max - read);
                            }
                        }
                    }
                }
            }
        }
        return new Witness(z, s, d);
    }

    /** δ, ω and the two sumchecks. Encoding: δ, ω (16 bytes each), then each sumcheck in its own encoding. */
    public record Proof(Ext difference, Ext output, SumcheckProof input, SumcheckProof window) {
        /** @throws NullPointerException if a part is null */
        public Proof {
            Objects.requireNonNull(difference, "difference");
            Objects.requireNonNull(output, "output");
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(window, "window");
        }

        /** Appends the canonical encoding. */
        public void writeTo(ProofWriter out) {
            out.writeExt(difference);
            out.writeExt(output);
            input.writeTo(out);
            window.writeTo(out);
        }

        /**
         * Reads a proof for {@code shape} in bounded memory.
         *
         * @throws InvalidProofException if the input is truncated or malformed
         */
        public static Proof read(ProofReader in, Shape shape) throws InvalidProofException {
            Ext delta = in.readExt("maxpool2d difference evaluation");
            Ext omega = in.readExt("maxpool2d output evaluation");
            return new Proof(delta, omega, SumcheckProof.read(in, inputShape(shape)),
                    SumcheckProof.read(in, windowShape(shape)));
        }
    }

    /**
     * A proof and the C1 claims it reduces to (see the class documentation for their order).
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
     * Proves that Z is the max pool of X, given S and D as committed.
     *
     * @throws IllegalArgumentException if a length is wrong or the witness violates a relation
     */
    public static ProverResult prove(Shape shape, long[] x, Witness w, Transcript transcript) {
        Objects.requireNonNull(shape, "shape");
        check(x, shape.inputLength(), "X");
        check(w.z(), shape.outputLength(), "Z");
        check(w.s(), shape.windowLength(), "S");
        check(w.d(), shape.windowLength(), "D");
        Window tau = Window.draw(shape, transcript, "maxpool2d/tau");
        Ext delta = Multilinear.evaluate(w.d(), tau.all());
        Ext omega = Multilinear.evaluate(w.z(), tau.output());
        transcript.absorbExts("maxpool2d/evaluations", delta, omega);
        SumcheckInstance plane = planeInstance(shape, x, tau);
        Ext gathered = gathered(shape, tau, delta, omega);
        if (!plane.sum().equals(gathered)) {
            throw new IllegalArgumentException("the differences are not the outputs minus the inputs they read");
        }
        SumcheckProver.Result a = SumcheckProver.prove(plane, gathered, transcript);
        Challenges ch = Challenges.draw(shape, transcript);
        Claim selected = selectedCount(shape, ch);
        if (!Multilinear.evaluate(w.s(), ((org.zkml4j.backend.pcs.LinearFunctional.MultilinearPoint) selected
                .functional()).point()).equals(selected.value())) {
            throw new IllegalArgumentException("the selector does not pick exactly one tap per output");
        }
        SumcheckInstance window = windowInstance(shape, w, ch);
        if (!window.sum().equals(Ext.ZERO)) {
            throw new IllegalArgumentException("a selected tap's difference is not zero");
        }
        SumcheckProver.Result b = SumcheckProver.prove(window, Ext.ZERO, transcript);
        return new ProverResult(new Proof(delta, omega, a.proof(), b.proof()), claims(shape, tau, delta, omega,
                a.reduction(), selected, b.reduction()));
    }

    /**
     * Verifies a proof for {@code shape} after the caller absorbed what the prover's caller did.
     *
     * @return the C1 claims, as the prover's; the relation holds once the caller's opening proves
     *     them and its lookups hold S ∈ {0, 1} and D in range
     * @throws InvalidProofException naming the failed check
     */
    public static List<Claim> verify(Shape shape, Proof proof, Transcript transcript) throws InvalidProofException {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(proof, "proof");
        Window tau = Window.draw(shape, transcript, "maxpool2d/tau");
        transcript.absorbExts("maxpool2d/evaluations", proof.difference(), proof.output());
        Reduction a;
        try {
            a = SumcheckVerifier.verify(inputShape(shape), gathered(shape, tau, proof.difference(), proof.output()),
                    proof.input(), transcript);
        } catch (InvalidProofException e) {
            throw new InvalidProofException("maxpool2d input sumcheck: " + e.getMessage());
        }
        WindowGather.checkPredicates(shape.rows(), shape.cols(), tau.y(), tau.i(), tau.x(), tau.j(), a, "maxpool2d");
        Challenges ch = Challenges.draw(shape, transcript);
        Reduction b;
        try {
            b = SumcheckVerifier.verify(windowShape(shape), Ext.ZERO, proof.window(), transcript);
        } catch (InvalidProofException e) {
            throw new InvalidProofException("maxpool2d window sumcheck: " + e.getMessage());
        }
        Window r = Window.split(shape, b.point());
        if (!b.finalEvaluations()[EQ].equals(Multilinear.eq(ch.rho2(), r.output()))) {
            throw new InvalidProofException("maxpool2d final check: the eq evaluation ≠ the public one");
        }
        return claims(shape, tau, proof.difference(), proof.output(), a, selectedCount(shape, ch), b);
    }

    /** A point over S's index space, split into (j, i, x, y, c, b). */
    private record Window(Ext[] all, Ext[] j, Ext[] i, Ext[] x, Ext[] y, Ext[] c, Ext[] b) {
        static Window draw(Shape shape, Transcript t, String label) {
            return split(shape, t.challengeExts(label, Conv2dShape.log2(shape.windowLength())));
        }

        static Window split(Shape shape, Ext[] p) {
            int[] sizes = {Conv2dShape.log2(shape.cols().paddedKernel()), Conv2dShape.log2(shape.rows().paddedKernel()),
                    Conv2dShape.log2(shape.cols().paddedOutputs()), Conv2dShape.log2(shape.rows().paddedOutputs()),
                    Conv2dShape.log2(shape.paddedChannels()), Conv2dShape.log2(shape.batch())};
            Ext[][] parts = new Ext[6][];
            int at = 0;
            for (int k = 0; k < 6; k++) {
                parts[k] = Arrays.copyOfRange(p, at, at + sizes[k]);
                at += sizes[k];
            }
            return new Window(p, parts[0], parts[1], parts[2], parts[3], parts[4], parts[5]);
        }

        /** The output coordinates (x, y, c, b): the high part. */
        Ext[] output() {
            return Arrays.copyOfRange(all, j.length + i.length, all.length);
        }
    }

    private record Challenges(Ext[] rho, Ext[] rho2) {
        static Challenges draw(Shape shape, Transcript t) {
            int out = Conv2dShape.log2(shape.outputLength());
            return new Challenges(t.challengeExts("maxpool2d/rho", out), t.challengeExts("maxpool2d/rho-prime", out));
        }
    }

    /**
     * Σ_taps S = [output real] at ρ, as one claim on S: Σ_(out,tap) eq(ρ, out)·S = 2^(taps' bits)·
     * S̃(½, …, ½ ‖ ρ), so S̃ at (½, …, ½ ‖ ρ) must be the real-output indicator's extension at ρ over
     * 2^(taps' bits).
     */
    private static Claim selectedCount(Shape shape, Challenges ch) {
        int tapBits = Conv2dShape.log2(shape.rows().paddedKernel()) + Conv2dShape.log2(shape.cols().paddedKernel());
        Ext half = Ext.base(Goldilocks.inverse(2));
        Ext[] point = new Ext[tapBits + ch.rho().length];
        java.util.Arrays.fill(point, 0, tapBits, half);
        System.arraycopy(ch.rho(), 0, point, tapBits, ch.rho().length);
        Ext scale = Ext.base(Goldilocks.inverse(1L << tapBits));
        return Claim.multilinear(shape.selectorVector(), point, realOutputs(shape, ch.rho()).mul(scale));
    }

    /** G̃′-free form of D = Z − G′ at τ: the gathered sum G̃(τ) = ω + Q·(1 − Ṽ(τ)) − δ. */
    private static Ext gathered(Shape shape, Window tau, Ext delta, Ext omega) {
        return omega.add(Ext.ONE.sub(validity(shape, tau)).mul(shape.limit())).sub(delta);
    }

    /** Ṽ(τ) = Ṽ_y(τ_y, τ_i)·Ṽ_x(τ_x, τ_j). */
    private static Ext validity(Shape shape, Window w) {
        return shape.rows().validity(w.y(), w.i()).mul(shape.cols().validity(w.x(), w.j()));
    }

    /** Σ_(y,x real) eq(ρ_y, y)·eq(ρ_x, x) (the channel and batch parts sum to 1). */
    private static Ext realOutputs(Shape shape, Ext[] rho) {
        int logX = Conv2dShape.log2(shape.cols().paddedOutputs()), logY = Conv2dShape.log2(shape.rows().paddedOutputs());
        return shape.cols().realOutputs(Arrays.copyOf(rho, logX))
                .mul(shape.rows().realOutputs(Arrays.copyOfRange(rho, logX, logX + logY)));
    }

    /** Σ_(h,w) P_y(τ_y, τ_i, h)·P_x(τ_x, τ_j, w)·X̃(w, h, τ_c, τ_b), over the input plane ({@link WindowGather}). */
    private static SumcheckInstance planeInstance(Shape shape, long[] x, Window tau) {
        int plane = shape.rows().paddedInputs() * shape.cols().paddedInputs();
        long[] folded = DenseLayer.foldRows(x, shape.batch() * shape.paddedChannels(), plane,
                Multilinear.eqTable(concat(tau.c(), tau.b())));
        return WindowGather.instance(shape.rows(), shape.cols(), tau.y(), tau.i(), tau.x(), tau.j(), folded);
    }

    /** Σ eq(ρ, out)·S + μ·eq(ρ′, out)·S·D over S's index space. */
    private static SumcheckInstance windowInstance(Shape shape, Witness w, Challenges ch) {
        int kernel = shape.rows().paddedKernel() * shape.cols().paddedKernel();
        int n = shape.windowLength();
        long[] eq = Multilinear.eqTable(ch.rho2());
        long[] e = new long[2 * n];
        for (int idx = 0; idx < n; idx++) {
            int out = idx / kernel;
            e[2 * idx] = eq[2 * out];
            e[2 * idx + 1] = eq[2 * out + 1];
        }
        SumcheckInstance.Builder builder = SumcheckInstance.builder();
        builder.addExtTable(e); // EQ
        builder.addBaseTable(w.s()); // SELECT
        builder.addBaseTable(w.d()); // DIFF
        return builder.addTerm(Ext.ONE, EQ, SELECT, DIFF).build();
    }

    static SumcheckShape inputShape(Shape shape) {
        return WindowGather.shape(shape.rows(), shape.cols());
    }

    /** The window sumcheck's shape: Σ eq(ρ′, out)·S·D = 0. */
    static SumcheckShape windowShape(Shape shape) {
        return SumcheckShape.of(Conv2dShape.log2(shape.windowLength()), 3,
                new SumcheckShape.Term(Ext.ONE, new int[] {EQ, SELECT, DIFF}));
    }

    private static List<Claim> claims(Shape shape, Window tau, Ext delta, Ext omega, Reduction input,
            Claim selected, Reduction window) {
        Ext[] xPoint = concat(input.point(), concat(tau.c(), tau.b()));
        return List.of(Claim.multilinear(shape.outputVector(), tau.output(), omega),
                Claim.multilinear(shape.differenceVector(), tau.all(), delta),
                Claim.multilinear(shape.inputVector(), xPoint, input.finalEvaluations()[WindowGather.PLANE]),
                selected,
                Claim.multilinear(shape.selectorVector(), window.point(), window.finalEvaluations()[SELECT]),
                Claim.multilinear(shape.differenceVector(), window.point(), window.finalEvaluations()[DIFF]));
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
