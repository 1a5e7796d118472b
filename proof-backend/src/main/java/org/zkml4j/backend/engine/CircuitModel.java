package org.zkml4j.backend.engine;

import java.io.DataOutputStream;
import java.util.Arrays;
import java.io.IOException;
import java.io.OutputStream;
import org.zkml4j.backend.inference.CircuitProof;
import org.zkml4j.backend.inference.DataCommitment;
import org.zkml4j.backend.inference.ModelCommitment;
import org.zkml4j.backend.inference.ZkMode;
import org.zkml4j.backend.inference.ZkInferenceProof;
import org.zkml4j.backend.pcs.LigeroPcs;
import org.zkml4j.backend.random.AesCtrRandom;
import org.zkml4j.compiler.CompiledCircuit;
import org.zkml4j.compiler.IntegerExecutor;
import org.zkml4j.sdk.Logits;
import org.zkml4j.sdk.CommittedInputs;
import org.zkml4j.sdk.Statement;
import org.zkml4j.sdk.VerifiableModel;
import org.zkml4j.sdk.VerificationKey;
import org.zkml4j.sdk.VerifiedPrediction;
import org.zkml4j.sdk.Visibility;

/**
 * A compiled circuit ready to prove predictions ({@link CircuitEngine}'s {@link VerifiableModel}).
 * Saved form (version 3, big-endian): magic {@code "ZKMD"}, version u16, security bits u32,
 * visibility flags u8 (bit 0: private input, bit 1: private outputs, bit 2: committed weights,
 * bit 3: committed outputs, bit 4: strict input range),
 * circuit length u32, the circuit's canonical bytes; with committed weights then the proof budget
 * u32, the next unused slot u32 and the 32-byte secret seed of the model commitment (so a saved
 * model with committed weights is as secret as its weights). Versions 1 (no flags: public input)
 * and 2 (flags 0 or 1) are still read.
 */
final class CircuitModel implements VerifiableModel {
    static final int MAGIC = 0x5A4B4D44; // "ZKMD"
    static final int VERSION = 3;

    private final CompiledCircuit circuit;
    private final int securityBits;
    private final VerificationKey key;
    private final Visibility inputVisibility;
    private final Visibility outputVisibility;
    /** The COMMITTED weights' commitment, or null for public weights. */
    private final ModelCommitment model;
    /** The model commitment's secret seed; null for public weights or a model reserved for one proof. */
    private final byte[] seed;
    /** Refuse inputs outside the calibrated range instead of clamping them. */
    private final boolean strict;

    /**
     * @param model the commitment to the weights (COMMITTED) made from {@code seed}, or null (PUBLIC)
     * @param strict refuse inputs outside the calibrated range instead of clamping them
     * @throws IllegalArgumentException if private outputs are asked of a non-classifier, or with a
     *     public input and public weights
     */
    CircuitModel(CompiledCircuit circuit, int securityBits, Visibility inputVisibility, Visibility outputVisibility,
            ModelCommitment model, byte[] seed, boolean strict) {
        if (outputVisibility == Visibility.PRIVATE && !circuit.classifier()) {
            throw new IllegalArgumentException("PRIVATE outputs show only the class, so they need a classifier "
                    + "(a model ending in Softmax); this model is a regressor");
        }
        if (outputVisibility != Visibility.PUBLIC && inputVisibility != Visibility.PRIVATE && model == null) {
            throw new IllegalArgumentException(outputVisibility + " outputs need a PRIVATE input or COMMITTED "
                    + "weights: with a public input and public weights the verifier could recompute the outputs");
        }
        this.circuit = circuit;
        this.securityBits = securityBits;
        this.inputVisibility = inputVisibility;
        this.outputVisibility = outputVisibility;
        this.model = model;
        this.seed = seed;
        this.strict = strict;
        this.key = new VerificationKey(CircuitEngine.ID, (model == null ? new KeyPayload(securityBits, circuit, null)
                : new KeyPayload(securityBits, circuit.withholdParameters(), model)).toBytes());
    }

    @Override
    public VerifiedPrediction predictBatch(float[][] inputs, long nonce) {
        return prove(quantize(inputs), clamped(inputs), null, nonce);
    }

    @Override
    public CommittedInputs commitInputs(float[][] rows) {
        byte[] secret = new byte[ModelCommitment.SEED_BYTES];
        new java.security.SecureRandom().nextBytes(secret);
        return commitInputs(rows, secret, 0);
    }

    @Override
    public CommittedInputs commitInputs(float[][] rows, byte[] secret, int nextSlot) {
        if (secret == null || secret.length != ModelCommitment.SEED_BYTES) {
            throw new IllegalArgumentException("an input secret is " + ModelCommitment.SEED_BYTES + " bytes");
        }
        if (nextSlot < 0 || nextSlot > EngineCommittedInputs.BUDGET) {
            throw new IllegalArgumentException("an input commitment's next slot is in [0, "
                    + EngineCommittedInputs.BUDGET + "], got " + nextSlot);
        }
        // the batch the commitment's random half needs, filled with real rows (see prove)
        int[][] quantized = quantize(rows);
        quantized = repeatLastRow(quantized,
                DataCommitment.inputBatch(circuit, quantized.length, EngineCommittedInputs.BUDGET));
        DataCommitment commitment = DataCommitment.forInputs(circuit, quantized, secret, securityBits,
                EngineCommittedInputs.BUDGET);
        commitment.skipTo(nextSlot);
        return new EngineCommittedInputs(rows, quantized, secret, key.circuitId(), commitment);
    }

    @Override
    public VerifiedPrediction predictCommitted(CommittedInputs inputs, long nonce) {
        if (!(inputs instanceof EngineCommittedInputs committed) || !committed.madeFor(key.circuitId())) {
            throw new IllegalArgumentException("these inputs were committed for another model: commit them with "
                    + "this model's commitInputs");
        }
        return prove(committed.quantized, clamped(committed.rows()), committed.commitment, nonce);
    }

    /**
     * Proves {@code quantized} in this model's visibility; {@code committedInputs} (or null) is
     * their commitment, {@code real} the number of rows the caller asked for. With committed weights
     * or outputs, public outputs and output commitments need real rows for padding, so the batch is
     * first filled with the last row to the batch the proof (or the output commitment) lays out;
     * the prediction holds the asked rows only, and {@code clamped} counts, per asked row, the
     * input values clamped to the calibrated range.
     */
    private VerifiedPrediction prove(int[][] quantized, int[] clamped, DataCommitment committedInputs, long nonce) {
        int real = clamped.length;
        boolean hiddenInput = committedInputs != null || inputVisibility == Visibility.PRIVATE;
        boolean classesOnly = outputVisibility == Visibility.PRIVATE;
        boolean committedOutputs = outputVisibility == Visibility.COMMITTED;
        int[][] rows = committedOutputs
                ? repeatLastRow(quantized, DataCommitment.outputBatch(circuit, quantized.length, OUTPUT_BUDGET))
                : model != null && !classesOnly
                ? repeatLastRow(quantized, ZkInferenceProof.batchFor(circuit, quantized.length)) : quantized;
        byte[] outputSecret = null;
        DataCommitment outputCommitment = null;
        if (committedOutputs) {
            outputSecret = new byte[ModelCommitment.SEED_BYTES];
            new java.security.SecureRandom().nextBytes(outputSecret);
            outputCommitment = DataCommitment.forOutputs(circuit, logits(rows), outputSecret, securityBits,
                    OUTPUT_BUDGET);
        }
        ZkMode mode = !hiddenInput && model == null ? null
                : new ZkMode(hiddenInput, classesOnly, model, committedInputs, outputCommitment);
        CircuitEngine.requireAlgebraicSoundness(circuit, rows.length, mode, securityBits);
        CircuitProof.Result proven = mode == null
                ? CircuitProof.prove(circuit, rows, nonce, CircuitEngine.pcs(securityBits, 2), AesCtrRandom.create())
                : ZkInferenceProof.prove(circuit, rows, mode, nonce, CircuitEngine.pcs(securityBits, openings(mode)),
                        AesCtrRandom.create());
        int[][] logits = proven.outputs();
        int[] classes = circuit.classifier() ? new int[logits.length] : null;
        for (int b = 0; classes != null && b < logits.length; b++) {
            classes[b] = Logits.argmax(logits[b]);
        }
        byte[] id = key.circuitId();
        int[][] publicInputs = hiddenInput ? null : rows;
        byte[] inputBytes = committedInputs == null ? null : committedInputs.toBytes();
        Statement statement = committedOutputs
                ? Statement.withCommittedOutputs(id, publicInputs, inputBytes, outputCommitment.toBytes(), rows.length,
                        nonce)
                : inputBytes != null ? Statement.withCommittedInputs(id, inputBytes, classesOnly ? null : logits,
                        classesOnly ? classes : null, nonce)
                : classesOnly ? Statement.withPrivateOutputs(id, publicInputs, classes, nonce)
                : new Statement(id, publicInputs, logits, nonce);
        // the caller gets its own rows; the statement may repeat the last one up to a power of two
        int[][] asked = Arrays.copyOf(logits, real);
        float[][] outputs = new float[real][];
        for (int b = 0; b < real; b++) {
            outputs[b] = toFloats(asked[b]);
        }
        return new VerifiedPrediction(outputs, asked, classes == null ? null : Arrays.copyOf(classes, real), statement,
                proven.proof(), outputSecret, clamped);
    }

    /** How many proofs one output commitment may open: one proof uses it (the scheme's minimum). */
    static final int OUTPUT_BUDGET = 2;

    /** Openings of a zero-knowledge proof: C1, C2, CM, and one per model, input or output commitment. */
    static int openings(ZkMode mode) {
        return 3 + (mode.committedWeights() ? 1 : 0) + (mode.committedInput() ? 1 : 0)
                + (mode.committedOutputs() ? 1 : 0);
    }

    /** The circuit's integer outputs on every row (the prover's full circuit). */
    private int[][] logits(int[][] rows) {
        IntegerExecutor executor = new IntegerExecutor(circuit);
        int[][] out = new int[rows.length][];
        for (int b = 0; b < rows.length; b++) {
            out[b] = executor.runQuantized(rows[b]).logits();
        }
        return out;
    }

    /** Per row, how many values lie outside the calibrated range (counted after {@link #quantize} checked them). */
    private int[] clamped(float[][] inputs) {
        IntegerExecutor executor = new IntegerExecutor(circuit);
        int[] counts = new int[inputs.length];
        for (int b = 0; b < inputs.length; b++) {
            counts[b] = executor.clampedColumns(inputs[b]).length;
        }
        return counts;
    }

    /**
     * The rows quantized to the circuit's fixed point.
     *
     * @throws IllegalArgumentException for no rows, a wrong width, a non-finite value or, in strict
     *     mode, a value outside the calibrated range (named by row and column, never by value)
     */
    private int[][] quantize(float[][] inputs) {
        if (inputs.length == 0) {
            throw new IllegalArgumentException("nothing to predict: no inputs");
        }
        IntegerExecutor executor = new IntegerExecutor(circuit);
        for (int b = 0; strict && b < inputs.length; b++) {
            int[] columns = executor.clampedColumns(inputs[b]);
            if (columns.length > 0) {
                throw new IllegalArgumentException("row " + (b + 1) + " has " + columns.length + " input value(s) "
                        + "outside the calibrated range ±" + (float) executor.inputRange() + " (first: column "
                        + (columns[0] + 1) + "); the strict input range refuses them rather than clamp them");
            }
        }
        int[][] quantized = new int[inputs.length][];
        for (int b = 0; b < inputs.length; b++) {
            quantized[b] = executor.quantizeInput(inputs[b]);
        }
        return quantized;
    }

    /**
     * The rows followed by copies of the last one up to {@code batch}: with committed weights and
     * public outputs, padding rows must be real rows (a zero row's outputs would tell something
     * about the weights), so the statement repeats the last row.
     */
    private static int[][] repeatLastRow(int[][] rows, int batch) {
        int[][] out = java.util.Arrays.copyOf(rows, batch);
        java.util.Arrays.fill(out, rows.length, batch, rows[rows.length - 1]);
        return out;
    }

    /** Real-valued outputs; for a classifier the softmax of the proven logits (recomputed, not proven). */
    private float[] toFloats(int[] logits) {
        double[] v = new double[logits.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.scalb((double) logits[i], -circuit.outputFracBits());
        }
        double[] p = circuit.classifier() ? Logits.softmax(v) : v;
        float[] out = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = (float) p[i];
        }
        return out;
    }

    @Override
    public Visibility inputVisibility() {
        return inputVisibility;
    }

    @Override
    public VerifiableModel withInputVisibility(Visibility visibility) {
        return new CircuitModel(circuit, securityBits, java.util.Objects.requireNonNull(visibility, "visibility"),
                outputVisibility, model, seed, strict);
    }

    @Override
    public Visibility outputVisibility() {
        return outputVisibility;
    }

    @Override
    public VerifiableModel withOutputVisibility(Visibility visibility) {
        return new CircuitModel(circuit, securityBits, inputVisibility,
                java.util.Objects.requireNonNull(visibility, "visibility"), model, seed, strict);
    }

    @Override
    public boolean strictInputRange() {
        return strict;
    }

    @Override
    public VerifiableModel withStrictInputRange(boolean refuse) {
        return new CircuitModel(circuit, securityBits, inputVisibility, outputVisibility, model, seed, refuse);
    }

    @Override
    public Visibility weightVisibility() {
        return model == null ? Visibility.PUBLIC : Visibility.COMMITTED;
    }

    @Override
    public VerifiableModel reserveProof() {
        return model == null ? this
                : new CircuitModel(circuit, securityBits, inputVisibility, outputVisibility, model.reserve(), null,
                        strict);
    }

    @Override
    public VerificationKey verificationKey() {
        return key;
    }

    @Override
    public void save(OutputStream out) throws IOException {
        if (model != null && seed == null) {
            throw new IllegalStateException("a model reserved for one proof is not saved: save the model it was "
                    + "reserved from");
        }
        DataOutputStream data = new DataOutputStream(out);
        byte[] bytes = circuit.canonicalBytes();
        data.writeInt(MAGIC);
        data.writeShort(VERSION);
        data.writeInt(securityBits);
        data.writeByte((inputVisibility == Visibility.PRIVATE ? 1 : 0) | (outputVisibility == Visibility.PRIVATE ? 2 : 0)
                | (model != null ? 4 : 0) | (outputVisibility == Visibility.COMMITTED ? 8 : 0) | (strict ? 16 : 0));
        data.writeInt(bytes.length);
        data.write(bytes);
        if (model != null) {
            data.writeInt(model.budget());
            data.writeInt(model.nextSlot());
            data.write(seed);
        }
        data.flush();
    }
}
