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
import org.zkml4j.backend.layer.ZkArgmax;
import org.zkml4j.backend.layer.ZkDenseLayer;
import org.zkml4j.backend.lookup.LogUpShape;
import org.zkml4j.backend.lookup.ZkLogUp;
import org.zkml4j.backend.lookup.ZkLogUpProof;
import org.zkml4j.backend.pcs.Claim;
import org.zkml4j.backend.pcs.Commitment;
import org.zkml4j.backend.pcs.OpeningProof;
import org.zkml4j.backend.pcs.PolynomialCommitment;
import org.zkml4j.backend.pcs.ProverData;
import org.zkml4j.backend.sumcheck.MaskedSumcheckProof;
import org.zkml4j.backend.sumcheck.SharedMasks;
import org.zkml4j.backend.transcript.Transcript;
import org.zkml4j.compiler.CompiledCircuit;

/**
 * Proves that a compiled circuit maps <em>some</em> batch of inputs in [−Q, Q] to public outputs,
 * in zero knowledge: the proof reveals nothing about the inputs (nor any intermediate tensor)
 * beyond the outputs (docs/zero-knowledge.md). Public weights and outputs, PRIVATE input.
 *
 * <p>C1 commits every hidden vector — the input, each layer's z, r, a (but the last a, the public
 * output), every multiplicity vector — <em>doubled</em>: followed by as many uniformly random
 * entries. Each layer is a {@link ZkDenseLayer}; one {@link ZkLogUp} batch covers the input range
 * check (x ∈ [−Q, Q], which the static bound analysis assumes and a public input gets from the
 * verifier) and every layer's activation and remainder lookups; one hiding opening of C1 proves all
 * claims. The public output enters the lookups doubled with a zero half.
 *
 * <p>Every sumcheck is masked (Libra); all their masks are sampled up front and committed together
 * in one commitment CM ({@link SharedMasks}), opened once at the end.
 *
 * <p><b>PRIVATE outputs</b> ({@link #proveClasses}, classifiers only): the logits are committed
 * like every other hidden vector and the statement shows only each row's class. A {@link ZkArgmax}
 * proof ties the classes to the logits through committed margins, which one more lookup holds in
 * [−Q, Q].
 *
 * <p><b>Proof bytes</b>: C1; CM; the layers' masked sumcheck proofs in order; (private outputs) the
 * argmax proof; the {@link ZkLogUpProof}; the CM opening; the C1 opening. <b>Transcript</b>: domain
 * (one for public outputs, another for classes), circuit hash, rows, batch, outputs or classes,
 * nonce, then C1, CM and every message in proof order.
 */
public final class PrivateInputProof {
    static final String DOMAIN = "zkml4j/inference/private-input/v1";
    static final String CLASSES_DOMAIN = "zkml4j/inference/private-output/v1";

    private PrivateInputProof() {}

    /**
     * Runs the circuit on {@code inputs} (quantized into [−Q, Q]) and proves it, hiding the inputs.
     *
     * @param rng must be cryptographically secure: zero knowledge rests on it
     * @throws IllegalArgumentException if an input has the wrong length or a value outside [−Q, Q]
     */
    public static CircuitProof.Result prove(CompiledCircuit circuit, int[][] inputs, long nonce,
            PolynomialCommitment pcs, RandomGenerator rng) {
        return prove(circuit, inputs, false, nonce, pcs, rng, null);
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
        return prove(circuit, inputs, true, nonce, pcs, rng, null);
    }

    /**
     * The prover; with a non-null {@code tamperUnsafe} (tests of the verifier only) it alters the
     * honest logical vectors ({@link CircuitLayout} indices) and, with private outputs, the claimed
     * classes, then proves with the components' cheating provers.
     */
    static CircuitProof.Result prove(CompiledCircuit circuit, int[][] inputs, boolean privateOutput, long nonce,
            PolynomialCommitment pcs, RandomGenerator rng,
            java.util.function.BiConsumer<long[][], int[]> tamperUnsafe) {
        CircuitLayout layout = new CircuitLayout(circuit, inputs.length, true, privateOutput);
        long[][] v = CircuitProof.witness(layout, inputs);
        int[] classes = privateOutput ? CircuitProof.classes(layout, v[layout.output()]) : null;
        if (tamperUnsafe != null) {
            tamperUnsafe.accept(v, classes);
        }
        boolean unsafe = tamperUnsafe != null;
        long[][] d = new long[v.length][];
        for (int i = 0; i < v.length; i++) {
            d[i] = layout.isPublic(i) ? doubledPublic(v[i]) : doubled(v[i], rng);
        }
        long[] output = v[layout.output()];
        Transcript t = statement(layout, privateOutput ? null : output, classes, nonce);
        ProverData c1 = pcs.commit(layout.committed(d), rng);
        ProofWriter out = new ProofWriter();
        c1.commitment().writeTo(out);
        c1.commitment().absorbInto(t);
        SharedMasks masks = SharedMasks.sample(maskPlan(layout), rng);
        ProverData cm = pcs.commit(masks.vectors(), rng);
        cm.commitment().writeTo(out);
        cm.commitment().absorbInto(t);
        List<Claim> claims = new ArrayList<>();
        for (int l = 0; l < layout.layerCount(); l++) {
            ZkDenseLayer.ProverResult dense = unsafe
                    ? ZkDenseLayer.proveUnsafe(layout.dense[l], d[CircuitLayout.input(l)], d[CircuitLayout.z(l)],
                            d[CircuitLayout.r(l)], t, masks)
                    : ZkDenseLayer.prove(layout.dense[l], d[CircuitLayout.input(l)], d[CircuitLayout.z(l)],
                            d[CircuitLayout.r(l)], t, masks);
            dense.proof().writeTo(out);
            claims.addAll(dense.claims());
        }
        if (privateOutput) {
            ZkArgmax.Shape shape = layout.argmax(classes);
            ZkDenseLayer.ProverResult argmax = unsafe
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
        List<Claim> committed = layout.onCommitment(claims);
        pcs.open(cm, masks.claims(), t, rng).writeTo(out);
        pcs.open(c1, committed, t, rng).writeTo(out);
        return new CircuitProof.Result(CircuitProof.unpad(layout, output), out.toByteArray());
    }

    /**
     * Verifies that {@code proof} shows the circuit maps some hidden batch of {@code outputs.length}
     * inputs to {@code outputs}.
     *
     * @throws InvalidProofException naming the failed check, for any malformed or false proof
     */
    public static void verify(CompiledCircuit circuit, int[][] outputs, long nonce, byte[] proof,
            PolynomialCommitment pcs) throws InvalidProofException {
        CircuitLayout layout;
        long[] output;
        try {
            layout = new CircuitLayout(circuit, outputs.length, true, false);
            output = CircuitProof.paddedOutput(layout, outputs);
        } catch (IllegalArgumentException e) {
            throw new InvalidProofException("statement does not fit the circuit: " + e.getMessage());
        }
        verify(layout, output, null, nonce, proof, pcs);
    }

    /**
     * Verifies that {@code proof} shows the classifier circuit maps some hidden batch of
     * {@code classes.length} inputs to hidden logits whose argmaxes are {@code classes}.
     *
     * @throws InvalidProofException naming the failed check, for any malformed or false proof
     */
    public static void verifyClasses(CompiledCircuit circuit, int[] classes, long nonce, byte[] proof,
            PolynomialCommitment pcs) throws InvalidProofException {
        CircuitLayout layout;
        try {
            layout = new CircuitLayout(circuit, classes.length, true, true);
            layout.argmax(classes);
        } catch (IllegalArgumentException e) {
            throw new InvalidProofException("statement does not fit the circuit: " + e.getMessage());
        }
        verify(layout, null, classes, nonce, proof, pcs);
    }

    private static void verify(CircuitLayout layout, long[] output, int[] classes, long nonce, byte[] proof,
            PolynomialCommitment pcs) throws InvalidProofException {
        Objects.requireNonNull(proof, "proof");
        Transcript t = statement(layout, output, classes, nonce);
        ProofReader in = new ProofReader(proof);
        Commitment c1 = pcs.readCommitment(in);
        int k = 0;
        for (int v = 0; v < layout.lengths.length; v++) {
            if (!layout.isPublic(v) && (k >= c1.vectorCount() || c1.vectorLength(k++) != 2 * layout.lengths[v])) {
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
        for (int l = 0; l < layout.layerCount(); l++) {
            MaskedSumcheckProof dense = ZkDenseLayer.readProof(in, layout.dense[l]);
            claims.addAll(ZkDenseLayer.verify(layout.dense[l], dense, t, masks));
        }
        if (layout.privateOutput) {
            ZkArgmax.Shape shape = layout.argmax(classes);
            claims.addAll(ZkArgmax.verify(shape, ZkArgmax.readProof(in, shape), t, masks));
        }
        List<LogUpShape> shapes = layout.lookups();
        ZkLogUpProof lookup = ZkLogUpProof.read(in, shapes, pcs);
        claims.addAll(ZkLogUp.verifyAll(shapes, lookup, t, pcs, masks));
        List<Claim> committed = new ArrayList<>();
        for (Claim c : claims) {
            if (layout.isPublic(c.vector())) {
                CircuitProof.checkPublic(c, doubledPublic(output), "output");
            } else {
                committed.add(new Claim(layout.position[c.vector()], c.functional(), c.value()));
            }
        }
        List<Claim> maskClaims = masks.claims();
        OpeningProof maskOpening = pcs.readProof(in, cm, maskClaims);
        OpeningProof opening = pcs.readProof(in, c1, committed);
        in.expectEnd("private-input inference proof");
        pcs.verify(cm, maskClaims, maskOpening, t);
        pcs.verify(c1, committed, opening, t);
    }

    /** Every masked sumcheck of the proof in order: the layers', the argmax's, then each lookup's two. */
    private static List<int[]> maskPlan(CircuitLayout layout) {
        List<int[]> plan = new ArrayList<>();
        for (int l = 0; l < layout.layerCount(); l++) {
            plan.add(ZkDenseLayer.maskPlan(layout.dense[l]));
        }
        if (layout.privateOutput) {
            plan.add(ZkArgmax.maskPlan(layout.argmax(new int[] {0})));
        }
        for (LogUpShape s : layout.lookups()) {
            plan.addAll(ZkLogUp.maskPlan(s));
        }
        return plan;
    }

    /** Absorbs the statement: the public outputs, or (private outputs) the classes under another domain. */
    private static Transcript statement(CircuitLayout layout, long[] output, int[] classes, long nonce) {
        Transcript t = new Transcript(output != null ? DOMAIN : CLASSES_DOMAIN);
        t.absorb("circuit", layout.circuit.circuitHash());
        t.absorbLong("rows", layout.rows);
        t.absorbLong("batch", layout.batch);
        if (output != null) {
            t.absorbFields("outputs", output);
        } else {
            t.absorbFields("classes", Arrays.stream(classes).asLongStream().toArray());
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
