package org.zkml4j.backend.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.io.ProofWriter;
import org.zkml4j.backend.layer.DenseLayer;
import org.zkml4j.backend.layer.DenseLayerShape;
import org.zkml4j.backend.layer.ZkArgmax;
import org.zkml4j.backend.lookup.LogUpShape;
import org.zkml4j.backend.lookup.ZkLogUp;
import org.zkml4j.backend.lookup.ZkLogUpProof;
import org.zkml4j.backend.pcs.Claim;
import org.zkml4j.backend.pcs.Commitment;
import org.zkml4j.backend.pcs.HidingLedger;
import org.zkml4j.backend.pcs.OpeningProof;
import org.zkml4j.backend.pcs.PolynomialCommitment;
import org.zkml4j.backend.pcs.ProverData;
import org.zkml4j.backend.sumcheck.Hiding;
import org.zkml4j.backend.sumcheck.SharedMasks;
import org.zkml4j.backend.transcript.Transcript;
import org.zkml4j.compiler.CompiledCircuit;

/**
 * Proves in zero knowledge that a compiled circuit maps a batch of inputs to outputs, hiding what
 * its {@link ZkMode} says: the input (PRIVATE: <em>some</em> inputs in [−Q, Q]; COMMITTED: the
 * inputs of a published {@link DataCommitment}), the logits
 * (PRIVATE outputs: only each row's class is shown), the weights (COMMITTED: bound to a
 * {@link ModelCommitment}). Nothing else about hidden tensors — nor any intermediate one — is
 * revealed (docs/zero-knowledge.md).
 *
 * <p>C1 commits every hidden vector — a private input, each layer's z, r, a (the last a too when
 * the outputs are private), every multiplicity vector — <em>doubled</em>: followed by as many
 * uniformly random entries. Each layer is a {@link DenseLayer} (with committed weights its
 * claims on W′, b′ go to the model commitment); one {@link ZkLogUp} batch covers a private input's
 * range check (x ∈ [−Q, Q], which the static bound analysis assumes and a public input gets from the
 * verifier) and every layer's activation and remainder lookups; one hiding opening of C1 proves all
 * claims. Public vectors enter doubled with a zero half.
 *
 * <p>Every sumcheck is masked (Libra); all their masks are sampled up front and committed together
 * in one commitment CM ({@link SharedMasks}), opened once at the end.
 *
 * <p><b>PRIVATE outputs</b> (classifiers only): the logits are committed like every other hidden
 * vector and the statement shows only each row's class. A {@link ZkArgmax} proof ties the classes
 * to the logits through committed margins, which one more lookup holds in [−Q, Q].
 *
 * <p><b>COMMITTED inputs</b>: the doubled input is not in C1 but in its owner's
 * {@link DataCommitment}; the claims on it go to one opening of that commitment.
 *
 * <p><b>Proof bytes</b>: C1; CM; the layers' masked sumcheck proofs in order; (private outputs)
 * the argmax proof; the {@link ZkLogUpProof}; the CM opening; (committed weights) the model-commitment
 * opening; (committed inputs) the input-commitment opening; the C1 opening. <b>Transcript</b>:
 * domain, mode flags, circuit hash, (committed weights) the model commitment, (committed inputs)
 * the input commitment, rows, batch, public inputs, outputs or classes, nonce, then C1, CM and
 * every message in proof order.
 */
public final class ZkInferenceProof {
    static final String DOMAIN = "zkml4j/inference/zk/v2";
    /** Why committed weights with public outputs need a power-of-two batch. */
    static final String PADDED_OUTPUTS = "with COMMITTED weights and public outputs the number of rows must be a "
            + "power of two: padding rows would show the model's output on a zero input (repeat a row instead)";

    private ZkInferenceProof() {}

    /**
     * Runs the circuit on {@code inputs} (quantized into [−Q, Q]) and proves it, hiding the inputs.
     *
     * @param rng must be cryptographically secure: zero knowledge rests on it
     * @throws IllegalArgumentException if an input has the wrong length or a value outside [−Q, Q]
     */
    public static CircuitProof.Result prove(CompiledCircuit circuit, int[][] inputs, long nonce,
            PolynomialCommitment pcs, RandomGenerator rng) {
        return prove(circuit, inputs, ZkMode.PRIVATE_INPUT, nonce, pcs, rng);
    }

    /**
     * Runs a classifier circuit on {@code inputs} and proves it, hiding the inputs and the logits:
     * the proof shows only each row's class (the argmax of its logits, ties to the lowest index).
     * The returned outputs are the prover's own; the statement holds only their argmaxes.
     *
     * @param rng must be cryptographically secure: zero knowledge rests on it
     * @throws IllegalArgumentException if the circuit is not a classifier, or an input has the wrong
     *     length or a value outside [−Q, Q]
     */
    public static CircuitProof.Result proveClasses(CompiledCircuit circuit, int[][] inputs, long nonce,
            PolynomialCommitment pcs, RandomGenerator rng) {
        return prove(circuit, inputs, ZkMode.PRIVATE_INPUT_AND_OUTPUTS, nonce, pcs, rng);
    }

    /**
     * Runs the circuit on {@code inputs} and proves it, hiding what {@code mode} says. With
     * committed weights this uses one slot of the model commitment's budget.
     *
     * @param rng must be cryptographically secure: zero knowledge rests on it
     * @throws IllegalArgumentException if the mode does not fit the circuit, or an input has the
     *     wrong length or a value outside [−Q, Q]
     * @throws IllegalStateException if the model commitment's budget is spent
     */
    public static CircuitProof.Result prove(CompiledCircuit circuit, int[][] inputs, ZkMode mode, long nonce,
            PolynomialCommitment pcs, RandomGenerator rng) {
        return prove(circuit, inputs, mode, nonce, pcs, rng, null);
    }

    /**
     * The prover; with a non-null {@code tamperUnsafe} (tests of the verifier only) it alters the
     * honest logical vectors ({@link CircuitLayout} indices) and, with private outputs, the claimed
     * classes, then proves with the components' cheating provers.
     */
    static CircuitProof.Result prove(CompiledCircuit circuit, int[][] inputs, ZkMode mode, long nonce,
            PolynomialCommitment pcs, RandomGenerator rng,
            java.util.function.BiConsumer<long[][], int[]> tamperUnsafe) {
        CircuitLayout layout = new CircuitLayout(circuit, inputs.length, mode);
        if (mode.committedWeights() && !mode.privateOutputs() && layout.batch != layout.rows) {
            throw new IllegalArgumentException(PADDED_OUTPUTS);
        }
        long[][] v = CircuitProof.witness(layout, inputs);
        int[] classes = mode.privateOutputs() ? CircuitProof.classes(layout, v[layout.output()]) : null;
        if (tamperUnsafe != null) {
            tamperUnsafe.accept(v, classes);
        }
        boolean unsafe = tamperUnsafe != null;
        long[][] d = new long[v.length][];
        for (int i = 0; i < v.length; i++) {
            d[i] = layout.isPublic(i) ? doubledPublic(v[i]) : doubled(v[i], rng);
        }
        if (mode.committedInput()) {
            d[CircuitLayout.INPUT] = mode.input().doubledFor(v[CircuitLayout.INPUT], "input");
        }
        if (mode.committedOutputs()) {
            if (layout.batch != layout.rows) {
                throw new IllegalArgumentException("committed outputs need a power-of-two number of rows");
            }
            d[layout.output()] = mode.output().doubledFor(v[layout.output()], "output");
        }
        Transcript t = statement(layout, mode, v[CircuitLayout.INPUT], v[layout.output()], classes, nonce);
        ProverData c1 = pcs.commit(layout.committed(d), rng);
        ProofWriter out = new ProofWriter();
        c1.commitment().writeTo(out);
        c1.commitment().absorbInto(t);
        SharedMasks masks = SharedMasks.sample(maskPlan(layout), rng);
        ProverData cm = pcs.commit(masks.vectors(), rng);
        cm.commitment().writeTo(out);
        cm.commitment().absorbInto(t);
        List<Claim> claims = new ArrayList<>();
        List<Claim> modelClaims = new ArrayList<>();
        for (int l = 0; l < layout.layerCount(); l++) {
            long[] x = d[CircuitLayout.input(l)], z = d[CircuitLayout.z(l)], r = d[CircuitLayout.r(l)];
            DenseLayerShape shape = layout.dense[l];
            Hiding hiding = Hiding.masked(masks);
            DenseLayer.ProverResult dense = mode.committedWeights()
                    ? (unsafe ? DenseLayer.proveUnsafe(shape, mode.model().layer(l), x, z, r, t, hiding)
                            : DenseLayer.prove(shape, mode.model().layer(l), x, z, r, t, hiding))
                    : (unsafe ? DenseLayer.proveUnsafe(shape, x, z, r, t, hiding)
                            : DenseLayer.prove(shape, x, z, r, t, hiding));
            dense.proof().writeTo(out);
            claims.addAll(dense.claims());
            modelClaims.addAll(dense.modelClaims());
        }
        if (mode.privateOutputs()) {
            ZkArgmax.Shape shape = layout.argmax(classes);
            DenseLayer.ProverResult argmax = unsafe
                    ? ZkArgmax.proveUnsafe(shape, d[layout.output()], d[layout.margins()], t, masks)
                    : ZkArgmax.prove(shape, d[layout.output()], d[layout.margins()], t, masks);
            argmax.proof().writeTo(out);
            claims.addAll(argmax.claims());
        }
        List<ZkLogUp.Instance> lookups = new ArrayList<>();
        for (LogUpShape s : layout.lookups()) {
            long[][] columns = Arrays.stream(s.witnessVectors()).mapToObj(i -> d[i]).toArray(long[][]::new);
            lookups.add(new ZkLogUp.Instance(s, columns, d[s.multiplicityVector()]));
        }
        ZkLogUp.Result lookup = unsafe ? ZkLogUp.proveAllUnsafe(lookups, t, pcs, masks, rng)
                : ZkLogUp.proveAll(lookups, t, pcs, masks, rng);
        lookup.proof().writeTo(out);
        claims.addAll(lookup.claims());
        ledger(layout, mode, claims, modelClaims).check();
        List<Claim> committed = layout.onCommitment(claims);
        pcs.open(cm, masks.claims(), t, rng).writeTo(out);
        if (mode.committedWeights()) {
            mode.model().open(modelClaims, t, rng).writeTo(out);
        }
        if (mode.committedInput()) {
            mode.input().open(claimsOn(claims, CircuitLayout.INPUT), t, rng).writeTo(out);
        }
        if (mode.committedOutputs()) {
            mode.output().open(claimsOn(claims, layout.output()), t, rng).writeTo(out);
        }
        pcs.open(c1, committed, t, rng).writeTo(out);
        return new CircuitProof.Result(CircuitProof.unpad(layout, v[layout.output()]), out.toByteArray());
    }

    /**
     * Verifies that {@code proof} shows the circuit maps some hidden batch of {@code outputs.length}
     * inputs to {@code outputs} (public weights).
     *
     * @throws InvalidProofException naming the failed check, for any malformed or false proof
     */
    public static void verify(CompiledCircuit circuit, int[][] outputs, long nonce, byte[] proof,
            PolynomialCommitment pcs) throws InvalidProofException {
        verify(circuit, ZkMode.PRIVATE_INPUT, null, outputs, null, nonce, proof, pcs);
    }

    /**
     * Verifies that {@code proof} shows the classifier circuit maps some hidden batch of
     * {@code classes.length} inputs to hidden logits whose argmaxes are {@code classes} (public weights).
     *
     * @throws InvalidProofException naming the failed check, for any malformed or false proof
     */
    public static void verifyClasses(CompiledCircuit circuit, int[] classes, long nonce, byte[] proof,
            PolynomialCommitment pcs) throws InvalidProofException {
        verify(circuit, ZkMode.PRIVATE_INPUT_AND_OUTPUTS, null, null, classes, nonce, proof, pcs);
    }

    /**
     * Verifies a proof in {@code mode}: {@code inputs} null iff the input is private, exactly one of
     * {@code outputs} and {@code classes} non-null as the mode's outputs are public or private. With
     * committed weights the circuit may withhold its parameters (the verifier's copy).
     *
     * @return the number of rows proven: that of the outputs or classes, else the output commitment's
     *     batch (the caller checks it against the statement's)
     * @throws InvalidProofException naming the failed check, for any malformed or false proof
     */
    public static int verify(CompiledCircuit circuit, ZkMode mode, int[][] inputs, int[][] outputs, int[] classes,
            long nonce, byte[] proof, PolynomialCommitment pcs) throws InvalidProofException {
        return verifyRevealing(circuit, mode, inputs, outputs, classes, nonce, proof, pcs).layout().rows;
    }

    /**
     * What a verified proof revealed about hidden vectors: the evaluation claims on C1's logical
     * vectors (and the committed input and outputs, which keep their logical indices), and those on
     * the model commitment. Attack tests solve the linear system these give.
     */
    record Revealed(CircuitLayout layout, List<Claim> claims, List<Claim> modelClaims) {}

    /** {@link #verify}, returning what the proof revealed. */
    static Revealed verifyRevealing(CompiledCircuit circuit, ZkMode mode, int[][] inputs, int[][] outputs,
            int[] classes, long nonce, byte[] proof, PolynomialCommitment pcs) throws InvalidProofException {
        Objects.requireNonNull(proof, "proof");
        if ((inputs == null) != mode.privateInput() || (classes != null) != mode.privateOutputs()
                || (outputs != null) != (!mode.privateOutputs() && !mode.committedOutputs())) {
            throw new InvalidProofException("the statement does not match the proof's visibility");
        }
        int rows = classes != null ? classes.length
                : outputs != null ? outputs.length : mode.output().outputRows(circuit);
        CircuitLayout layout;
        long[] input = null;
        long[] output = null;
        try {
            layout = new CircuitLayout(circuit, rows, mode);
            if (mode.committedWeights() && outputs != null && layout.batch != rows) {
                throw new IllegalArgumentException(PADDED_OUTPUTS);
            }
            if (inputs != null) {
                if (inputs.length != rows) {
                    throw new IllegalArgumentException(inputs.length + " inputs for " + rows + " outputs");
                }
                input = CircuitProof.paddedInput(layout, inputs);
            }
            if (outputs != null) {
                output = CircuitProof.paddedOutput(layout, outputs);
            } else if (classes != null) {
                layout.argmax(classes);
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new InvalidProofException("statement does not fit the circuit: " + e.getMessage());
        }
        if (mode.committedWeights()) {
            mode.model().checkShape(layout);
        }
        if (mode.committedInput()) {
            mode.input().checkShape(layout, CircuitLayout.INPUT, "input");
        }
        if (mode.committedOutputs()) {
            if (layout.batch != rows) {
                throw new InvalidProofException("committed outputs need a power-of-two number of rows");
            }
            mode.output().checkShape(layout, layout.output(), "output");
        }
        Transcript t = statement(layout, mode, input, output, classes, nonce);
        ProofReader in = new ProofReader(proof);
        Commitment c1 = pcs.readCommitment(in);
        int k = 0;
        for (int v = 0; v < layout.lengths.length; v++) {
            if (layout.inC1(v) && (k >= c1.vectorCount() || c1.vectorLength(k++) != 2 * layout.lengths[v])) {
                throw new InvalidProofException("witness commitment does not have the circuit's shape");
            }
        }
        if (k != c1.vectorCount()) {
            throw new InvalidProofException("witness commitment does not have the circuit's shape");
        }
        c1.absorbInto(t);
        SharedMasks masks = SharedMasks.expect(maskPlan(layout));
        Commitment cm = pcs.readCommitment(in);
        masks.checkLayout(cm);
        cm.absorbInto(t);
        List<Claim> claims = new ArrayList<>();
        List<Claim> modelClaims = new ArrayList<>();
        for (int l = 0; l < layout.layerCount(); l++) {
            Hiding hiding = Hiding.masked(masks);
            DenseLayer.ProverResult checked = DenseLayer.verify(layout.dense[l],
                    DenseLayer.readProof(in, layout.dense[l], hiding), t, hiding);
            claims.addAll(checked.claims());
            modelClaims.addAll(checked.modelClaims());
        }
        if (layout.privateOutput) {
            ZkArgmax.Shape shape = layout.argmax(classes);
            claims.addAll(ZkArgmax.verify(shape, ZkArgmax.readProof(in, shape), t, masks));
        }
        List<LogUpShape> shapes = layout.lookups();
        ZkLogUpProof lookup = ZkLogUpProof.read(in, shapes, pcs);
        claims.addAll(ZkLogUp.verifyAll(shapes, lookup, t, pcs, masks));
        for (Claim c : claims) {
            if (c.vector() == CircuitLayout.INPUT && layout.isPublic(c.vector())) {
                CircuitProof.checkPublic(c, doubledPublic(input), "input");
            } else if (layout.isPublic(c.vector())) {
                CircuitProof.checkPublic(c, doubledPublic(output), "output");
            }
        }
        List<Claim> committed = layout.onCommitment(claims);
        List<Claim> inputClaims = claimsOn(claims, CircuitLayout.INPUT);
        List<Claim> outputClaims = claimsOn(claims, layout.output());
        List<Claim> maskClaims = masks.claims();
        OpeningProof maskOpening = pcs.readProof(in, cm, maskClaims);
        OpeningProof modelOpening = mode.committedWeights() ? mode.model().readProof(in, modelClaims) : null;
        OpeningProof inputOpening = mode.committedInput() ? mode.input().readProof(in, inputClaims) : null;
        OpeningProof outputOpening = mode.committedOutputs() ? mode.output().readProof(in, outputClaims) : null;
        OpeningProof opening = pcs.readProof(in, c1, committed);
        in.expectEnd("zero-knowledge inference proof");
        pcs.verify(cm, maskClaims, maskOpening, t);
        if (mode.committedWeights()) {
            mode.model().verify(modelClaims, modelOpening, t);
        }
        if (mode.committedInput()) {
            mode.input().verify(inputClaims, inputOpening, t);
        }
        if (mode.committedOutputs()) {
            mode.output().verify(outputClaims, outputOpening, t);
        }
        pcs.verify(c1, committed, opening, t);
        return new Revealed(layout, claims, modelClaims);
    }

    /**
     * −log₂ of a proof's algebraic soundness terms (all but its openings) for {@code rows} rows in
     * {@code mode}; a proof of λ bits needs ≥ λ + 2, which only very large batches miss.
     */
    public static double algebraicSoundnessBits(CompiledCircuit circuit, int rows, ZkMode mode) {
        return CircuitLayout.algebraicBits(circuit, CircuitLayout.hidingBatch(circuit, rows), mode.privateInput(),
                mode.privateOutputs());
    }

    /**
     * The batch a zero-knowledge proof of {@code rows} rows lays out (a power of two that every
     * hidden vector's random part fits); statements with committed weights and public outputs must
     * have exactly this many rows (repeat the last one).
     */
    public static int batchFor(CompiledCircuit circuit, int rows) {
        return CircuitLayout.hidingBatch(circuit, rows);
    }

    /**
     * What a proof reveals of each hidden vector, tallied from its claims: C1's vectors and the
     * committed input, output and weights (each claim one extension-field evaluation; a committed
     * vector lives for its commitment's budget).
     */
    static HidingLedger ledger(CircuitLayout layout, ZkMode mode, List<Claim> claims, List<Claim> modelClaims) {
        HidingLedger ledger = new HidingLedger();
        for (Claim c : claims) {
            for (Claim.Term term : c.terms()) {
                int v = term.vector();
                if (!layout.isPublic(v)) {
                    long lifetime = v == CircuitLayout.INPUT && mode.committedInput() ? mode.input().budget()
                            : v == layout.output() && mode.committedOutputs() ? mode.output().budget() : 1;
                    ledger.reveal(layout.name(v), layout.lengths[v], lifetime, 1);
                }
            }
        }
        for (Claim c : modelClaims) {
            for (Claim.Term term : c.terms()) {
                DenseLayerShape s = layout.dense[term.vector() / 2];
                boolean weights = term.vector() % 2 == 0;
                ledger.reveal((weights ? "W′" : "b′") + " of layer " + term.vector() / 2,
                        weights ? (long) s.outputs() * s.weightColumns() : s.biasLength(), mode.model().budget(), 1);
            }
        }
        return ledger;
    }

    /** The claims on logical vector {@code v}, as claims on its own commitment's only vector. */
    private static List<Claim> claimsOn(List<Claim> claims, int v) {
        List<Claim> out = new ArrayList<>();
        for (Claim c : claims) {
            if (c.vector() == v) {
                out.add(new Claim(0, c.functional(), c.value()));
            }
        }
        return out;
    }

    /** Every masked sumcheck of the proof in order: the layers', the argmax's, then each lookup's two. */
    private static List<int[]> maskPlan(CircuitLayout layout) {
        List<int[]> plan = new ArrayList<>();
        for (int l = 0; l < layout.layerCount(); l++) {
            plan.add(DenseLayer.maskPlan(layout.dense[l]));
        }
        if (layout.privateOutput) {
            plan.add(ZkArgmax.maskPlan(layout.argmax(new int[] {0})));
        }
        for (LogUpShape s : layout.lookups()) {
            plan.addAll(ZkLogUp.maskPlan(s));
        }
        return plan;
    }

    /**
     * Absorbs the statement: the mode, the circuit (and model commitment), the public input, the
     * public outputs or the classes, the nonce.
     */
    private static Transcript statement(CircuitLayout layout, ZkMode mode, long[] input, long[] output,
            int[] classes, long nonce) {
        Transcript t = new Transcript(DOMAIN);
        t.absorbLong("mode", mode.flags());
        // with committed weights both sides absorb the structure-only circuit (the verifier's copy)
        t.absorb("circuit", mode.committedWeights() ? layout.circuit.withholdParameters().circuitHash()
                : layout.circuit.circuitHash());
        if (mode.committedWeights()) {
            mode.model().commitment().absorbInto(t);
        }
        if (mode.committedInput()) {
            mode.input().commitment().absorbInto(t);
        }
        if (mode.committedOutputs()) {
            mode.output().commitment().absorbInto(t);
        }
        t.absorbLong("rows", layout.rows);
        t.absorbLong("batch", layout.batch);
        if (!mode.privateInput()) {
            t.absorbFields("inputs", input);
        }
        if (mode.privateOutputs()) {
            t.absorbFields("classes", Arrays.stream(classes).asLongStream().toArray());
        } else if (!mode.committedOutputs()) {
            t.absorbFields("outputs", output);
        }
        t.absorbLong("nonce", nonce);
        return t;
    }

    /** v followed by as many uniformly random field elements. */
    private static long[] doubled(long[] v, RandomGenerator rng) {
        long[] out = Arrays.copyOf(v, 2 * v.length);
        for (int i = v.length; i < out.length; i++) {
            out[i] = Ext.randomBase(rng);
        }
        return out;
    }

    /** A public vector in the doubled layout: its random half is zero (the verifier knows it). */
    private static long[] doubledPublic(long[] v) {
        return Arrays.copyOf(v, 2 * v.length);
    }
}
