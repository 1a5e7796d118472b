package org.zkml4j.backend.engine;

import java.io.DataOutputStream;
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
import org.zkml4j.sdk.CommittedInputs;
import org.zkml4j.sdk.Statement;
import org.zkml4j.sdk.VerifiableModel;
import org.zkml4j.sdk.VerificationKey;
import org.zkml4j.sdk.VerifiedPrediction;
import org.zkml4j.sdk.Visibility;

/**
 * A compiled circuit ready to prove predictions ({@link CircuitEngine}'s {@link VerifiableModel}).
 * Saved form (version 3, big-endian): magic {@code "ZKMD"}, version u16, security bits u32,
 * visibility flags u8 (bit 0: private input, bit 1: private outputs, bit 2: committed weights),
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
    private final LigeroPcs pcs;
    private final VerificationKey key;
    private final Visibility inputVisibility;
    private final Visibility outputVisibility;
    /** The COMMITTED weights' commitment and its secret seed, or null for public weights. */
    private final ModelCommitment model;
    private final byte[] seed;

    /**
     * @param model the commitment to the weights (COMMITTED) made from {@code seed}, or null (PUBLIC)
     * @throws IllegalArgumentException if private outputs are asked of a non-classifier, or with a
     *     public input and public weights
     */
    CircuitModel(CompiledCircuit circuit, int securityBits, Visibility inputVisibility, Visibility outputVisibility,
            ModelCommitment model, byte[] seed) {
        if (outputVisibility == Visibility.PRIVATE && !circuit.classifier()) {
            throw new IllegalArgumentException("PRIVATE outputs show only the class, so they need a classifier "
                    + "(a model ending in Softmax); this model is a regressor");
        }
        if (outputVisibility == Visibility.PRIVATE && inputVisibility != Visibility.PRIVATE && model == null) {
            throw new IllegalArgumentException("PRIVATE outputs need a PRIVATE input or COMMITTED weights: with a "
                    + "public input and public weights the verifier could recompute the hidden logits");
        }
        this.circuit = circuit;
        this.securityBits = securityBits;
        this.inputVisibility = inputVisibility;
        this.outputVisibility = outputVisibility;
        this.model = model;
        this.seed = seed;
        this.pcs = CircuitEngine.pcs(securityBits, openings());
        this.key = new VerificationKey(CircuitEngine.ID, (model == null ? new KeyPayload(securityBits, circuit, null)
                : new KeyPayload(securityBits, circuit.withholdParameters(), model)).toBytes());
    }

    /** Openings per proof: C1 and C2, plus CM when anything is hidden, plus the model commitment. */
    private int openings() {
        return zkMode() == null ? 2 : model == null ? 3 : 4;
    }

    /** The zero-knowledge mode, or null when nothing is hidden (a {@link CircuitProof}). */
    private ZkMode zkMode() {
        boolean hiddenInput = inputVisibility == Visibility.PRIVATE;
        return !hiddenInput && model == null ? null
                : new ZkMode(hiddenInput, outputVisibility == Visibility.PRIVATE, model);
    }

    @Override
    public VerifiedPrediction predictBatch(float[][] inputs, long nonce) {
        int[][] quantized = quantize(inputs);
        if (model != null && outputVisibility != Visibility.PRIVATE) {
            quantized = repeatLastRow(quantized);
        }
        boolean hidden = inputVisibility == Visibility.PRIVATE;
        ZkMode mode = zkMode();
        CircuitProof.Result proven = mode == null ? CircuitProof.prove(circuit, quantized, nonce, pcs, AesCtrRandom.create())
                : ZkInferenceProof.prove(circuit, quantized, mode, nonce, pcs, AesCtrRandom.create());
        return prediction(proven, hidden ? null : quantized, null, nonce);
    }

    @Override
    public CommittedInputs commitInputs(float[][] rows) {
        byte[] secret = new byte[ModelCommitment.SEED_BYTES];
        new java.security.SecureRandom().nextBytes(secret);
        return commitInputs(rows, secret);
    }

    @Override
    public CommittedInputs commitInputs(float[][] rows, byte[] secret) {
        if (secret == null || secret.length != ModelCommitment.SEED_BYTES) {
            throw new IllegalArgumentException("an input secret is " + ModelCommitment.SEED_BYTES + " bytes");
        }
        // with committed weights, public outputs need real padding rows (see predictBatch)
        int[][] quantized = model != null ? repeatLastRow(quantize(rows)) : quantize(rows);
        return new EngineCommittedInputs(rows, quantized, secret, key.circuitId(), DataCommitment.forInputs(circuit,
                quantized, secret, securityBits, EngineCommittedInputs.BUDGET));
    }

    @Override
    public VerifiedPrediction predictCommitted(CommittedInputs inputs, long nonce) {
        if (!(inputs instanceof EngineCommittedInputs committed) || !committed.madeFor(key.circuitId())) {
            throw new IllegalArgumentException("these inputs were committed for another model: commit them with "
                    + "this model's commitInputs");
        }
        ZkMode mode = new ZkMode(true, outputVisibility == Visibility.PRIVATE, model, committed.commitment);
        CircuitProof.Result proven = ZkInferenceProof.prove(circuit, committed.quantized, mode, nonce,
                CircuitEngine.pcs(securityBits, model == null ? 4 : 5), AesCtrRandom.create());
        return prediction(proven, null, committed.commitment.toBytes(), nonce);
    }

    private int[][] quantize(float[][] inputs) {
        if (inputs.length == 0) {
            throw new IllegalArgumentException("nothing to predict: no inputs");
        }
        IntegerExecutor executor = new IntegerExecutor(circuit);
        int[][] quantized = new int[inputs.length][];
        for (int b = 0; b < inputs.length; b++) {
            quantized[b] = executor.quantizeInput(inputs[b]);
        }
        return quantized;
    }

    /** The prediction and its statement: public inputs, or the input commitment, or neither. */
    private VerifiedPrediction prediction(CircuitProof.Result proven, int[][] publicInputs, byte[] inputCommitment,
            long nonce) {
        int[][] logits = proven.outputs();
        float[][] outputs = new float[logits.length][];
        int[] classes = circuit.classifier() ? new int[logits.length] : null;
        for (int b = 0; b < logits.length; b++) {
            outputs[b] = toFloats(logits[b]);
            if (classes != null) {
                classes[b] = argmax(logits[b]);
            }
        }
        boolean hiddenOutputs = outputVisibility == Visibility.PRIVATE;
        Statement statement = inputCommitment != null
                ? Statement.withCommittedInputs(key.circuitId(), inputCommitment, hiddenOutputs ? null : logits,
                        hiddenOutputs ? classes : null, nonce)
                : hiddenOutputs ? Statement.withPrivateOutputs(key.circuitId(), publicInputs, classes, nonce)
                : new Statement(key.circuitId(), publicInputs, logits, nonce);
        return new VerifiedPrediction(outputs, logits, classes, statement, proven.proof());
    }

    /**
     * The rows followed by copies of the last one up to a power of two: with committed weights and
     * public outputs, padding rows must be real rows (a zero row's outputs would tell something
     * about the weights), so the statement repeats the last row.
     */
    private static int[][] repeatLastRow(int[][] rows) {
        int batch = Integer.highestOneBit(rows.length) == rows.length ? rows.length
                : Integer.highestOneBit(rows.length) << 1;
        int[][] out = java.util.Arrays.copyOf(rows, batch);
        java.util.Arrays.fill(out, rows.length, batch, rows[rows.length - 1]);
        return out;
    }

    /** Real-valued outputs; for a classifier the softmax of the proven logits (recomputed, not proven). */
    private float[] toFloats(int[] logits) {
        double[] v = new double[logits.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.scalb((double) logits[i], -circuit.outputFracBits());
            max = Math.max(max, v[i]);
        }
        float[] out = new float[v.length];
        if (!circuit.classifier()) {
            for (int i = 0; i < v.length; i++) {
                out[i] = (float) v[i];
            }
            return out;
        }
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.exp(v[i] - max);
            sum += v[i];
        }
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / sum);
        }
        return out;
    }

    private static int argmax(int[] row) {
        int best = 0;
        for (int i = 1; i < row.length; i++) {
            if (row[i] > row[best]) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public Visibility inputVisibility() {
        return inputVisibility;
    }

    @Override
    public VerifiableModel withInputVisibility(Visibility visibility) {
        return new CircuitModel(circuit, securityBits, java.util.Objects.requireNonNull(visibility, "visibility"),
                outputVisibility, model, seed);
    }

    @Override
    public Visibility outputVisibility() {
        return outputVisibility;
    }

    @Override
    public VerifiableModel withOutputVisibility(Visibility visibility) {
        return new CircuitModel(circuit, securityBits, inputVisibility,
                java.util.Objects.requireNonNull(visibility, "visibility"), model, seed);
    }

    @Override
    public Visibility weightVisibility() {
        return model == null ? Visibility.PUBLIC : Visibility.COMMITTED;
    }

    @Override
    public VerificationKey verificationKey() {
        return key;
    }

    @Override
    public void save(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        byte[] bytes = circuit.canonicalBytes();
        data.writeInt(MAGIC);
        data.writeShort(VERSION);
        data.writeInt(securityBits);
        data.writeByte((inputVisibility == Visibility.PRIVATE ? 1 : 0) | (outputVisibility == Visibility.PRIVATE ? 2 : 0)
                | (model != null ? 4 : 0));
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
