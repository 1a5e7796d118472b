package org.zkml4j.backend.engine;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.zkml4j.backend.inference.CircuitProof;
import org.zkml4j.backend.inference.PrivateInputProof;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.pcs.LigeroPcs;
import org.zkml4j.backend.pcs.PcsParameters;
import org.zkml4j.compiler.CircuitCompiler;
import org.zkml4j.compiler.CompiledCircuit;
import org.zkml4j.compiler.QuantizationOptions;
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
 * predictions over {@link LigeroPcs} — with {@link CircuitProof} for PUBLIC inputs and
 * {@link PrivateInputProof} (zero knowledge) for PRIVATE ones, also with PRIVATE outputs (only
 * the classes shown); a statement without inputs is verified as a private-input proof, one with
 * classes instead of outputs as a private-output proof. Registered for {@link java.util.ServiceLoader} as an
 * {@link ProofEngine}.
 *
 * <p>Key payload (version 1, big-endian): security bits u32, then the compiled circuit's canonical
 * bytes. The key does not fix the input visibility: one model proves either way.
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
        return new CircuitModel(CircuitCompiler.compile(graph, calibration, q), options.securityBits(),
                options.inputVisibility(), options.outputVisibility());
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
        if (visibility > (version == 2 ? 1 : 3)) {
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
            return new CircuitModel(CompiledCircuit.read(circuit), bits,
                    (visibility & 1) != 0 ? Visibility.PRIVATE : Visibility.PUBLIC,
                    (visibility & 2) != 0 ? Visibility.PRIVATE : Visibility.PUBLIC);
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
        byte[] payload = key.payload();
        CompiledCircuit circuit;
        int bits;
        try {
            if (payload.length < 4) {
                return VerificationResult.invalid("verification key payload is truncated");
            }
            bits = ((payload[0] & 0xFF) << 24) | ((payload[1] & 0xFF) << 16) | ((payload[2] & 0xFF) << 8)
                    | (payload[3] & 0xFF);
            if (bits < 80 || bits > 120) {
                return VerificationResult.invalid("verification key asks for " + bits + " security bits (80..120)");
            }
            circuit = CompiledCircuit.read(Arrays.copyOfRange(payload, 4, payload.length));
        } catch (IllegalArgumentException e) {
            return VerificationResult.invalid("malformed verification key: " + e.getMessage());
        }
        try {
            boolean hidden = statement.inputs() == null;
            LigeroPcs pcs = pcs(bits, hidden);
            if (statement.outputs() == null) {
                if (!hidden) {
                    return VerificationResult.invalid("private outputs need a private input; the statement shows one");
                }
                PrivateInputProof.verifyClasses(circuit, statement.classes(), statement.nonce(), proof, pcs);
            } else if (hidden) {
                PrivateInputProof.verify(circuit, statement.outputs(), statement.nonce(), proof, pcs);
            } else {
                CircuitProof.verify(circuit, statement.inputs(), statement.outputs(), statement.nonce(), proof, pcs);
            }
            return VerificationResult.VALID;
        } catch (InvalidProofException e) {
            return VerificationResult.invalid(e.getMessage());
        }
    }

    /**
     * The commitment scheme for a proof of {@code securityBits}: a public-input proof has two
     * openings (C1, C2), each held to 2^−(bits+1); a private-input proof has three (C1, C2 and the
     * shared mask commitment), so each is held to 2^−(bits+2) and the sum stays below 2^−bits.
     */
    static LigeroPcs pcs(int securityBits, boolean privateInput) {
        return new LigeroPcs(new PcsParameters(privateInput ? securityBits + 1 : securityBits));
    }

    static byte[] keyPayload(CompiledCircuit circuit, int securityBits) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(securityBits);
            out.write(circuit.canonicalBytes());
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("in-memory stream failed", e);
        }
    }
}
