package org.zkml4j.backend.engine;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.zkml4j.backend.inference.ModelCommitment;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.io.ProofWriter;
import org.zkml4j.compiler.CircuitFormatException;
import org.zkml4j.compiler.CircuitLayer;
import org.zkml4j.compiler.CompiledCircuit;
import org.zkml4j.sdk.ProvingOptions;
import org.zkml4j.sdk.VerificationKey;

/**
 * The built-in engine's verification-key payload: security bits (u32 big-endian), then for PUBLIC
 * weights the compiled circuit's canonical bytes (magic "ZKMC"); for COMMITTED weights the marker
 * "ZKCW" followed, in the proof encoding (little-endian), by the structure-only circuit as a
 * length-prefixed block, the model commitment (which states its proof budget) and its padding
 * certificate as a length-prefixed block, checked when the key is read.
 *
 * @param securityBits the proofs' soundness target (80..{@link ProvingOptions#MAX_SECURITY_BITS})
 * @param circuit the verifier's circuit (structure only for committed weights)
 * @param model the model commitment (the verifier's view suffices), or null for public weights
 */
record KeyPayload(int securityBits, CompiledCircuit circuit, ModelCommitment model) {
    private static final byte[] COMMITTED_MARKER = "ZKCW".getBytes(StandardCharsets.US_ASCII);
    /** As many weights as a key that holds them (4 bytes each) can carry. */
    static final long MAX_COMMITTED_WEIGHTS = VerificationKey.MAX_PAYLOAD / 4;

    byte[] toBytes() {
        ProofWriter out = new ProofWriter();
        out.writeBytes(new byte[] {(byte) (securityBits >>> 24), (byte) (securityBits >>> 16),
                (byte) (securityBits >>> 8), (byte) securityBits});
        if (model == null) {
            return out.writeBytes(circuit.canonicalBytes()).toByteArray();
        }
        out.writeBytes(COMMITTED_MARKER).writeBlock(circuit.canonicalBytes());
        model.writeCertifiedTo(out);
        return out.toByteArray();
    }

    /** Decoded payloads of recently seen keys, by circuit id (a certificate is checked once per key). */
    private static final java.util.Map<String, KeyPayload> RECENT = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, KeyPayload> eldest) {
                    return size() > 16;
                }
            });

    /**
     * The payload of {@code key}, decoded and checked once and then remembered (the circuit id is
     * the SHA-256 of the key).
     *
     * @throws InvalidProofException naming what is malformed
     */
    static KeyPayload of(VerificationKey key) throws InvalidProofException {
        String id = key.circuitIdHex();
        KeyPayload known = RECENT.get(id);
        if (known == null) {
            known = read(key.payload());
            RECENT.put(id, known);
        }
        return known;
    }

    /**
     * Decodes a payload in bounded memory.
     *
     * @throws InvalidProofException naming what is malformed
     */
    static KeyPayload read(byte[] payload) throws InvalidProofException {
        if (payload.length < 8) {
            throw new InvalidProofException("verification key payload is truncated");
        }
        int bits = ((payload[0] & 0xFF) << 24) | ((payload[1] & 0xFF) << 16) | ((payload[2] & 0xFF) << 8)
                | (payload[3] & 0xFF);
        if (bits < 80 || bits > ProvingOptions.MAX_SECURITY_BITS) {
            throw new InvalidProofException("verification key asks for " + bits + " security bits (80.."
                    + ProvingOptions.MAX_SECURITY_BITS + ")");
        }
        try {
            if (!Arrays.equals(payload, 4, 8, COMMITTED_MARKER, 0, 4)) {
                CompiledCircuit circuit = CompiledCircuit.read(Arrays.copyOfRange(payload, 4, payload.length));
                if (circuit.parametersWithheld()) {
                    throw new InvalidProofException("a key for public weights must hold the weights");
                }
                return new KeyPayload(bits, circuit, null);
            }
            ProofReader in = new ProofReader(Arrays.copyOfRange(payload, 8, payload.length));
            CompiledCircuit circuit = CompiledCircuit.read(in.readBlock("circuit"));
            if (!circuit.parametersWithheld()) {
                throw new InvalidProofException("a key for committed weights must not hold the weights");
            }
            long weights = 0;
            for (CircuitLayer layer : circuit.layers()) {
                weights += (long) layer.inputSize() * layer.outputSize();
            }
            if (weights > MAX_COMMITTED_WEIGHTS) {
                // a structure-only key may declare no larger layers than a key holding the weights could
                throw new InvalidProofException("verification key declares " + weights + " committed weights, more than "
                        + MAX_COMMITTED_WEIGHTS);
            }
            ModelCommitment model = ModelCommitment.certified(in, circuit, bits);
            in.expectEnd("verification key");
            return new KeyPayload(bits, circuit, model);
        } catch (CircuitFormatException e) {
            throw new InvalidProofException("malformed verification key: " + e.getMessage());
        }
    }
}
