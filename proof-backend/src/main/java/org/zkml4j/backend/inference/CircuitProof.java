package org.zkml4j.backend.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.zkml4j.backend.field.Goldilocks;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.io.ProofWriter;
import org.zkml4j.backend.layer.DenseLayer;
import org.zkml4j.backend.layer.DenseLayerWitness;
import org.zkml4j.backend.layer.ZkArgmax;
import org.zkml4j.backend.lookup.LogUp;
import org.zkml4j.backend.lookup.LogUpBatchProof;
import org.zkml4j.backend.lookup.LogUpInstance;
import org.zkml4j.backend.lookup.LogUpShape;
import org.zkml4j.backend.pcs.Claim;
import org.zkml4j.backend.pcs.Commitment;
import org.zkml4j.backend.pcs.LinearFunctional;
import org.zkml4j.backend.pcs.OpeningProof;
import org.zkml4j.backend.pcs.PolynomialCommitment;
import org.zkml4j.backend.pcs.ProverData;
import org.zkml4j.backend.poly.Multilinear;
import org.zkml4j.backend.sumcheck.Hiding;
import org.zkml4j.backend.transcript.Transcript;
import org.zkml4j.compiler.CircuitLayer;
import org.zkml4j.compiler.CompiledCircuit;
import org.zkml4j.compiler.IntegerExecutor;

/**
 * Proves that a compiled circuit maps a batch of public (quantized) inputs to public outputs (the
 * last layer's integer activations), for a verifier who holds the circuit — PUBLIC visibility of
 * input, weights and output. One commitment C1 holds every intermediate tensor (z, r, a per layer)
 * and every lookup multiplicity; each layer contributes a {@link DenseLayer} proof, and ONE batched
 * LogUp proof ({@link LogUp#proveAll}) covers all lookups of all layers — per layer, that every
 * (z, a) pair is in the layer's activation table and that every remainder is in its range table —
 * with a single fraction commitment C2 and a single opening of it; all claims on C1 are proven by
 * one opening, claims on the input and output are checked by the verifier directly.
 *
 * <p><b>Proof bytes</b>: C1; the dense-layer proofs of layers 0..L−1 in order; the batched LogUp
 * proof ({@link LogUpBatchProof} encoding) over the 2·L lookups in the order activation(0),
 * range(0), activation(1), range(1), …; the C1 opening. Every size and the number of lookups are
 * fixed by the circuit and the batch size, and every part is read in bounded memory; trailing bytes
 * are rejected.
 *
 * <p><b>Transcript</b>: protocol id, circuit hash, batch size, padded inputs and outputs, nonce,
 * then C1, then each layer's dense-proof messages in order, then the batched lookup proof's
 * messages (docs/lookup.md), then the C1 opening. <b>Soundness</b>: the sum of the components'
 * errors (docs/soundness.md), ≈ 2^−100 with default parameters; the lookups contribute one
 * ε_PCS(C2) for all 2·L instances. <b>Not zero-knowledge
 * yet</b>: intermediate evaluations are revealed; with public input and weights they are computable
 * by the verifier anyway. Hidden inputs come with the masking in docs/design/inference-proofs.md.
 *
 * <pre>{@code
 * CircuitProof.Result r = CircuitProof.prove(circuit, inputs, nonce, pcs, AesCtrRandom.create());
 * CircuitProof.verify(circuit, inputs, r.outputs(), nonce, r.proof(), pcs); // throws if invalid
 * }</pre>
 */
public final class CircuitProof {
    static final String DOMAIN = "zkml4j/inference/public/v2";

    private CircuitProof() {}

    /**
     * Outputs and their proof.
     *
     * @param outputs the last layer's integer outputs, one row per input
     * @param proof the encoded proof
     */
    public record Result(int[][] outputs, byte[] proof) {}

    /**
     * −log₂ of a public proof's algebraic soundness terms (all but its two openings) for
     * {@code rows} rows; a proof of λ bits needs ≥ λ + 2, which only very large batches miss.
     */
    public static double algebraicSoundnessBits(CompiledCircuit circuit, int rows) {
        return CircuitLayout.algebraicBits(circuit, CircuitLayout.pow2(rows), false, false);
    }

    /**
     * Runs the circuit on {@code inputs} (each already quantized into [−Q, Q]) and proves the run.
     *
     * @throws IllegalArgumentException if an input has the wrong length or a value outside [−Q, Q]
     */
    public static Result prove(CompiledCircuit circuit, int[][] inputs, long nonce, PolynomialCommitment pcs,
            RandomGenerator rng) {
        return prove(circuit, inputs, nonce, pcs, rng, null);
    }

    /**
     * The prover; with a non-null {@code tamperUnsafe} (tests of the verifier only) it alters the
     * honest logical vectors (indexed as in {@link CircuitLayout}, multiplicities included) and then
     * proves with the components' cheating provers, so the result is a
     * well-formed proof of whatever the tampered witness says.
     */
    static Result prove(CompiledCircuit circuit, int[][] inputs, long nonce, PolynomialCommitment pcs,
            RandomGenerator rng, Consumer<long[][]> tamperUnsafe) {
        CircuitLayout layout = new CircuitLayout(circuit, inputs.length);
        long[][] v = witness(layout, inputs);
        if (tamperUnsafe != null) {
            tamperUnsafe.accept(v);
        }
        long[] output = v[layout.output()];
        Transcript t = statement(layout, v[CircuitLayout.INPUT], output, nonce);
        ProverData c1 = pcs.commit(layout.committed(v), rng);
        ProofWriter out = new ProofWriter();
        c1.commitment().writeTo(out);
        c1.commitment().absorbInto(t);
        List<Claim> claims = new ArrayList<>();
        List<LogUpInstance> lookups = new ArrayList<>(2 * layout.layerCount());
        for (int l = 0; l < layout.layerCount(); l++) {
            long[] x = v[CircuitLayout.input(l)], z = v[CircuitLayout.z(l)], r = v[CircuitLayout.r(l)];
            DenseLayer.ProverResult dense = tamperUnsafe == null
                    ? DenseLayer.prove(layout.dense[l], x, z, r, t, Hiding.NONE)
                    : DenseLayer.proveUnsafe(layout.dense[l], x, z, r, t, Hiding.NONE);
            dense.proof().writeTo(out);
            claims.addAll(dense.claims());
            lookups.add(new LogUpInstance(layout.activationLookups[l],
                    new long[][] {v[CircuitLayout.z(l)], v[CircuitLayout.a(l)]},
                    v[CircuitLayout.activationMultiplicities(l)]));
            lookups.add(new LogUpInstance(layout.rangeLookups[l],
                    new long[][] {v[CircuitLayout.r(l)]}, v[CircuitLayout.rangeMultiplicities(l)]));
        }
        LogUp.BatchResult lookup = tamperUnsafe == null ? LogUp.proveAll(lookups, t, pcs, rng)
                : LogUp.proveAllUnsafe(lookups, t, pcs, rng);
        lookup.proof().writeTo(out);
        claims.addAll(lookup.claims());
        List<Claim> committed = layout.onCommitment(claims);
        pcs.open(c1, committed, t, rng).writeTo(out);
        return new Result(unpad(layout, output), out.toByteArray());
    }

    /**
     * Every logical vector of {@code layout} (indexed as in {@link CircuitLayout}) for the run on
     * {@code inputs}: the padded input, each layer's z, r, a and multiplicities, and (private input)
     * the input range multiplicities.
     *
     * @throws IllegalArgumentException if an input has the wrong length or a value outside [−Q, Q]
     */
    static long[][] witness(CircuitLayout layout, int[][] inputs) {
        CompiledCircuit circuit = layout.circuit;
        long[][] v = new long[layout.lengths.length][];
        v[CircuitLayout.INPUT] = paddedInput(layout, inputs);
        for (int l = 0; l < layout.layerCount(); l++) {
            DenseLayerWitness w = DenseLayerWitness.compute(layout.publicShape(l), v[CircuitLayout.input(l)]);
            long[] z = w.z();
            long[] a = new long[z.length];
            CircuitLayer layer = circuit.layers().get(l);
            for (int e = 0; e < z.length; e++) {
                a[e] = Goldilocks.fromSigned(layer.activate(Goldilocks.toSigned(z[e])));
            }
            v[CircuitLayout.z(l)] = z;
            v[CircuitLayout.r(l)] = w.r();
            v[CircuitLayout.a(l)] = a;
            v[CircuitLayout.activationMultiplicities(l)] = LogUp.multiplicities(new long[][] {z, a},
                    layout.activationTables[l]);
            v[CircuitLayout.rangeMultiplicities(l)] = LogUp.multiplicities(new long[][] {w.r()}, layout.rangeTables[l]);
        }
        if (layout.privateInput) {
            v[layout.inputMultiplicities()] = LogUp.multiplicities(new long[][] {v[CircuitLayout.INPUT]},
                    layout.inputLookup.table());
        }
        if (layout.privateOutput) {
            long[] margins = ZkArgmax.margins(layout.argmax(classes(layout, v[layout.output()])), v[layout.output()]);
            v[layout.margins()] = margins;
            v[layout.marginMultiplicities()] = LogUp.multiplicities(new long[][] {margins}, layout.marginLookup.table());
        }
        return v;
    }

    /** Each real row's class: the argmax of its logits in the padded output grid, ties to the lowest index. */
    static int[] classes(CircuitLayout layout, long[] output) {
        int m = layout.outputWidth(), outputs = layout.circuit.layers().get(layout.layerCount() - 1).outputSize();
        int[] classes = new int[layout.rows];
        for (int b = 0; b < layout.rows; b++) {
            for (int j = 1; j < outputs; j++) {
                if (Goldilocks.toSigned(output[b * m + j]) > Goldilocks.toSigned(output[b * m + classes[b]])) {
                    classes[b] = j;
                }
            }
        }
        return classes;
    }

    /**
     * Verifies that {@code proof} shows the circuit maps {@code inputs} to {@code outputs}.
     *
     * @throws InvalidProofException naming the failed check, for any malformed or false proof
     */
    public static void verify(CompiledCircuit circuit, int[][] inputs, int[][] outputs, long nonce, byte[] proof,
            PolynomialCommitment pcs) throws InvalidProofException {
        Objects.requireNonNull(proof, "proof");
        if (outputs.length != inputs.length) {
            throw new InvalidProofException("statement has " + inputs.length + " inputs but " + outputs.length
                    + " outputs");
        }
        CircuitLayout layout;
        long[] input;
        long[] output;
        try {
            layout = new CircuitLayout(circuit, inputs.length);
            input = paddedInput(layout, inputs);
            output = paddedOutput(layout, outputs);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new InvalidProofException("statement does not fit the circuit: " + e.getMessage());
        }
        Transcript t = statement(layout, input, output, nonce);
        ProofReader in = new ProofReader(proof);
        Commitment c1 = pcs.readCommitment(in);
        int k = 0;
        for (int v = 0; v < layout.lengths.length; v++) {
            if (!layout.isPublic(v) && (k >= c1.vectorCount() || c1.vectorLength(k++) != layout.lengths[v])) {
                throw new InvalidProofException("witness commitment does not have the circuit's shape");
            }
        }
        if (k != c1.vectorCount()) {
            throw new InvalidProofException("witness commitment does not have the circuit's shape");
        }
        c1.absorbInto(t);
        List<Claim> claims = new ArrayList<>();
        for (int l = 0; l < layout.layerCount(); l++) {
            claims.addAll(DenseLayer.verify(layout.dense[l], DenseLayer.readProof(in, layout.dense[l], Hiding.NONE), t,
                    Hiding.NONE).claims());
        }
        List<LogUpShape> lookups = layout.lookups();
        LogUpBatchProof lookup = LogUp.readAll(in, lookups, pcs);
        claims.addAll(LogUp.verifyAll(lookups, lookup, t, pcs));
        List<Claim> committed = new ArrayList<>();
        for (Claim c : claims) {
            if (c.vector() == CircuitLayout.INPUT) {
                checkPublic(c, input, "input");
            } else if (c.vector() == layout.output()) {
                checkPublic(c, output, "output");
            } else {
                committed.add(new Claim(layout.position[c.vector()], c.functional(), c.value()));
            }
        }
        OpeningProof opening = pcs.readProof(in, c1, committed);
        in.expectEnd("inference proof");
        pcs.verify(c1, committed, opening, t);
    }

    static void checkPublic(Claim c, long[] vector, String what) throws InvalidProofException {
        LinearFunctional.MultilinearPoint point = (LinearFunctional.MultilinearPoint) c.functional();
        if (!Multilinear.evaluate(vector, point.point()).equals(c.value())) {
            throw new InvalidProofException("the proof's claim on the public " + what + " is false");
        }
    }

    private static Transcript statement(CircuitLayout layout, long[] input, long[] output, long nonce) {
        Transcript t = new Transcript(DOMAIN);
        t.absorb("circuit", layout.circuit.circuitHash());
        t.absorbLong("rows", layout.rows);
        t.absorbLong("batch", layout.batch);
        t.absorbFields("inputs", input);
        t.absorbFields("outputs", output);
        t.absorbLong("nonce", nonce);
        return t;
    }

    /** The inputs as B·n₀ residues, zero rows and columns as padding. */
    static long[] paddedInput(CircuitLayout layout, int[][] inputs) {
        CompiledCircuit circuit = layout.circuit;
        int n = layout.lengths[CircuitLayout.INPUT] / layout.batch;
        long[] x = new long[layout.lengths[CircuitLayout.INPUT]];
        for (int b = 0; b < inputs.length; b++) {
            checkRow(inputs[b], circuit.inputSize(), circuit.activationLimit(), "input", b);
            for (int j = 0; j < inputs[b].length; j++) {
                x[b * n + j] = Goldilocks.fromSigned(inputs[b][j]);
            }
        }
        return x;
    }

    /**
     * The claimed outputs as B·m residues; padding rows hold the circuit's output on a zero input,
     * padding columns the last activation at z = 0, exactly as the prover computes them.
     */
    static long[] paddedOutput(CircuitLayout layout, int[][] outputs) {
        CompiledCircuit circuit = layout.circuit;
        CircuitLayer last = circuit.layers().get(layout.layerCount() - 1);
        int m = layout.lengths[layout.output()] / layout.batch;
        int[] zeroRow = outputs.length < layout.batch
                ? new IntegerExecutor(circuit).runQuantized(new int[circuit.inputSize()]).logits() : null;
        long padColumn = Goldilocks.fromSigned(last.activate(0));
        long[] a = new long[layout.lengths[layout.output()]];
        for (int b = 0; b < layout.batch; b++) {
            int[] row = b < outputs.length ? outputs[b] : zeroRow;
            if (b < outputs.length) {
                checkRow(row, last.outputSize(), circuit.activationLimit(), "output", b);
            }
            for (int i = 0; i < m; i++) {
                a[b * m + i] = i < row.length ? Goldilocks.fromSigned(row[i]) : padColumn;
            }
        }
        return a;
    }

    private static void checkRow(int[] row, int length, int limit, String what, int index) {
        if (row.length != length) {
            throw new IllegalArgumentException(what + " " + index + " has " + row.length + " values, the circuit takes "
                    + length);
        }
        for (int j = 0; j < row.length; j++) {
            if (row[j] < -limit || row[j] > limit) {
                throw new IllegalArgumentException(what + " " + index + " value " + j + " is outside [−" + limit + ", "
                        + limit + "]");
            }
        }
    }

    static int[][] unpad(CircuitLayout layout, long[] output) {
        CircuitLayer last = layout.circuit.layers().get(layout.layerCount() - 1);
        int m = layout.lengths[layout.output()] / layout.batch;
        int[][] out = new int[layout.rows][last.outputSize()];
        for (int b = 0; b < layout.rows; b++) {
            for (int i = 0; i < last.outputSize(); i++) {
                out[b][i] = (int) Goldilocks.toSigned(output[b * m + i]);
            }
        }
        return out;
    }
}
