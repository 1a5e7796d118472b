package org.zkml4j.backend.engine;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.zkml4j.backend.inference.CircuitProof;
import org.zkml4j.backend.inference.ZkInferenceProof;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.pcs.LigeroPcs;
import org.zkml4j.backend.pcs.PcsParameters;
import org.zkml4j.backend.pcs.SecurityMismatchException;
import org.zkml4j.compiler.CircuitCompiler;
import org.zkml4j.compiler.CompiledCircuit;
import org.zkml4j.compiler.QuantizationOptions;
import org.zkml4j.backend.inference.DataCommitment;
import org.zkml4j.backend.inference.ModelCommitment;
import org.zkml4j.backend.inference.ZkMode;
import org.zkml4j.sdk.KeyEncoding;
import org.zkml4j.sdk.ProofEngine;
import org.zkml4j.sdk.ProvingOptions;
import org.zkml4j.sdk.Statement;
import org.zkml4j.sdk.VerifiableModel;
import org.zkml4j.sdk.VerificationKey;
import org.zkml4j.sdk.VerificationResult;
import org.zkml4j.sdk.Visibility;
import org.zkml4j.sdk.model.ModelGraph;

/**
 * The built-in proof engine: compiles a {@link ModelGraph} with the circuit compiler and proves
 * predictions over {@link LigeroPcs} — with {@link CircuitProof} when everything is public and
 * {@link ZkInferenceProof} (zero knowledge) when the input, the outputs (only the classes shown)
 * or the weights (COMMITTED, a {@link ModelCommitment} in the key) are hidden. The verifier reads
 * the mode from the statement (no inputs: private input; classes instead of outputs: private
 * outputs) and the key (committed weights). Registered for {@link java.util.ServiceLoader} as an
 * {@link ProofEngine}.
 *
 * <p>Every statement field is bound: the circuit id is checked against the key's, the rest is
 * absorbed by the proof's transcript, and the row count is checked against the rows the proof
 * proves (with committed outputs and no public inputs, the output commitment's batch).
 *
 * <p>The key payload is {@link KeyPayload}. It fixes the weights' visibility but not the input's or
 * the outputs': one model proves either way.
 */
public final class CircuitEngine implements ProofEngine {
    /** The engine id stored in verification keys. */
    public static final String ID = "zkml4j/circuit-ligero/v1";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public VerifiableModel compile(ModelGraph graph, float[][] calibration, ProvingOptions options) {
        QuantizationOptions q = QuantizationOptions.builder()
                .activationBits(options.activationBits()).weightBits(options.weightBits()).build();
        CompiledCircuit circuit = CircuitCompiler.compile(graph, calibration, q);
        if (options.weightVisibility() != Visibility.COMMITTED) {
            return new CircuitModel(circuit, options.securityBits(), options.inputVisibility(),
                    options.outputVisibility(), null, null, options.strictInputRange());
        }
        byte[] seed = new byte[ModelCommitment.SEED_BYTES];
        new java.security.SecureRandom().nextBytes(seed);
        return new CircuitModel(circuit, options.securityBits(), options.inputVisibility(), options.outputVisibility(),
                ModelCommitment.commit(circuit, seed, options.securityBits(), options.proofBudget(), 0), seed,
                options.strictInputRange());
    }

    @Override
    public VerifiableModel load(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        if (data.readInt() != CircuitModel.MAGIC) {
            throw new IOException("not a saved zkml4j model (bad magic)");
        }
        int version = data.readUnsignedShort();
        if (version < 1 || version > CircuitModel.VERSION) {
            throw new IOException("saved model version " + version + " is not supported");
        }
        int bits = data.readInt();
        int visibility = version == 1 ? 0 : data.readUnsignedByte();
        if (visibility > (version == 2 ? 1 : 31) || (visibility & 10) == 10) {
            throw new IOException("saved model has unknown visibility flags " + visibility);
        }
        int length = data.readInt();
        if (length <= 0 || length > VerificationKey.MAX_PAYLOAD) {
            throw new IOException("saved model has an invalid circuit length " + length);
        }
        byte[] circuit = data.readNBytes(length);
        if (circuit.length != length) {
            throw new IOException("saved model is truncated");
        }
        try {
            CompiledCircuit compiled = CompiledCircuit.read(circuit);
            ModelCommitment model = null;
            byte[] seed = null;
            if ((visibility & 4) != 0) {
                int budget = data.readInt();
                int nextSlot = data.readInt();
                seed = data.readNBytes(ModelCommitment.SEED_BYTES);
                if (seed.length != ModelCommitment.SEED_BYTES || budget < 1 || budget > ProvingOptions.MAX_PROOF_BUDGET) {
                    throw new IOException("saved model has a truncated or invalid model commitment");
                }
                model = ModelCommitment.commit(compiled, seed, bits, budget, nextSlot);
            }
            return new CircuitModel(compiled, bits, (visibility & 1) != 0 ? Visibility.PRIVATE : Visibility.PUBLIC,
                    (visibility & 2) != 0 ? Visibility.PRIVATE : (visibility & 8) != 0 ? Visibility.COMMITTED
                            : Visibility.PUBLIC, model, seed, (visibility & 16) != 0);
        } catch (IllegalArgumentException e) {
            throw new IOException("saved model is invalid: " + e.getMessage(), e);
        }
    }

    @Override
    public VerificationResult verify(VerificationKey key, Statement statement, byte[] proof) {
        if (!ID.equals(key.engine())) {
            return VerificationResult.invalid("key was made by engine " + key.engine() + ", not " + ID);
        }
        if (!Arrays.equals(statement.circuitId(), key.circuitId())) {
            return VerificationResult.invalid("statement is for another model (circuit id differs from the key's)");
        }
        try {
            KeyPayload payload = KeyPayload.of(key);
            int[][] inputs = statement.inputs();
            int[][] outputs = statement.outputs();
            int bits = payload.securityBits();
            byte[] inputCommitment = statement.inputCommitment();
            byte[] outputCommitment = statement.outputCommitment();
            boolean hiddenInput = inputs == null;
            if (!hiddenInput && payload.model() == null) {
                if (outputs == null) {
                    return VerificationResult.invalid("hidden outputs need a hidden input or committed weights; "
                            + "the statement shows the input and the key the weights");
                }
                requireAlgebraicSoundness(payload.circuit(), inputs.length, null, bits);
                CircuitProof.verify(payload.circuit(), inputs, outputs, statement.nonce(), proof, pcs(bits, 2));
            } else {
                ZkMode mode = new ZkMode(hiddenInput, statement.classes() != null, payload.model(),
                        inputCommitment == null ? null : DataCommitment.read(inputCommitment, bits),
                        outputCommitment == null ? null : DataCommitment.read(outputCommitment, bits));
                int proven = ZkInferenceProof.verify(payload.circuit(), mode, inputs, outputs, statement.classes(),
                        statement.nonce(), proof, pcs(bits, CircuitModel.openings(mode)));
                if (proven != statement.rows()) {
                    return VerificationResult.invalid("the statement claims " + statement.rows()
                            + " rows, the proof proves " + proven);
                }
                requireAlgebraicSoundness(payload.circuit(), proven, mode, bits);
            }
            return VerificationResult.VALID;
        } catch (SecurityMismatchException e) {
            // the key fixes the security target, so other parameters mean another number of openings
            return VerificationResult.invalid("malformed proof: made for another kind of statement (its input or "
                    + "output visibility, or its committed inputs or outputs, differ from this statement's)");
        } catch (InvalidProofException | IllegalArgumentException e) {
            return VerificationResult.invalid(e.getMessage());
        }
    }

    /**
     * Refuses a batch whose proof would not be sound to 2^−securityBits: its algebraic terms (all
     * but the openings, dominated by the lookups' (2^n + 2^s)/|K|) must stay below 2^−(bits+2),
     * which only batches of about a million rows or more miss (docs/soundness.md, "Composition").
     *
     * @param mode the zero-knowledge mode, or null for a public proof
     * @throws IllegalArgumentException naming the rows and the bits they leave
     */
    static void requireAlgebraicSoundness(CompiledCircuit circuit, int rows, ZkMode mode, int securityBits) {
        double bits = mode == null ? CircuitProof.algebraicSoundnessBits(circuit, rows)
                : ZkInferenceProof.algebraicSoundnessBits(circuit, rows, mode);
        if (bits < securityBits + 2) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "a batch of %d rows is too large "
                    + "for %d-bit soundness: its lookups' algebraic terms leave %.1f bits (%d needed); prove fewer "
                    + "rows per proof", rows, securityBits, bits, securityBits + 2));
        }
    }

    @Override
    public KeyEncoding encoding(VerificationKey key) {
        if (!ID.equals(key.engine())) {
            throw new IllegalArgumentException("key was made by engine " + key.engine() + ", not " + ID);
        }
        try {
            return new CircuitKeyEncoding(key.circuitId(), KeyPayload.of(key).circuit());
        } catch (InvalidProofException e) {
            throw new IllegalArgumentException("malformed verification key: " + e.getMessage(), e);
        }
    }

    @Override
    public VerificationResult checkOutputs(VerificationKey key, Statement statement, int[][] outputs, byte[] secret) {
        if (!ID.equals(key.engine()) || !Arrays.equals(statement.circuitId(), key.circuitId())) {
            return VerificationResult.invalid("the statement is not for this key");
        }
        try {
            KeyPayload payload = KeyPayload.of(key);
            if (statement.outputCommitment() == null) {
                return VerificationResult.invalid("the statement has no output commitment");
            }
            if (outputs.length < 1 || outputs.length > statement.rows() || secret.length != ModelCommitment.SEED_BYTES) {
                return VerificationResult.invalid("give up to one output row per statement row and the 32-byte secret");
            }
            // before filling the batch: the statement's rows are only as large as its commitment's
            int committed = DataCommitment.read(statement.outputCommitment(), payload.securityBits())
                    .outputRows(payload.circuit());
            if (committed != statement.rows()) {
                return VerificationResult.invalid("the statement claims " + statement.rows()
                        + " rows, its output commitment holds " + committed);
            }
            // a statement fills its batch by repeating the last row
            int[][] rows = Arrays.copyOf(outputs, statement.rows());
            Arrays.fill(rows, outputs.length, rows.length, outputs[outputs.length - 1]);
            byte[] made = DataCommitment.forOutputs(payload.circuit(), rows, secret, payload.securityBits(),
                    CircuitModel.OUTPUT_BUDGET).toBytes();
            return Arrays.equals(made, statement.outputCommitment()) ? VerificationResult.VALID
                    : VerificationResult.invalid("these outputs and secret do not open the output commitment");
        } catch (InvalidProofException | IllegalArgumentException e) {
            return VerificationResult.invalid(e.getMessage());
        }
    }

    /**
     * The commitment scheme for a proof of {@code securityBits} with {@code openings} openings (a
     * public proof two: C1, C2; a zero-knowledge proof three: C1, C2, the shared masks' CM; plus one
     * per model, input or output commitment): {@link PcsParameters#forOpenings}, so the whole proof
     * is sound to 2^−(bits+1).
     */
    static LigeroPcs pcs(int securityBits, int openings) {
        return new LigeroPcs(PcsParameters.forOpenings(securityBits, openings));
    }
}
