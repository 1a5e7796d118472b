package org.zkml4j.bridge.verify;

import com.google.protobuf.ByteString;
import java.math.BigInteger;
import java.util.List;
import org.zkml4j.bridge.circuit.CircuitCatalog;
import org.zkml4j.bridge.circuit.Groth16Circuit;
import org.zkml4j.bridge.net.BridgeException;
import org.zkml4j.bridge.v1.VerifyRequest;
import org.zkml4j.bridge.v1.VerifyResponse;
import org.zkml4j.groth16.Groth16;
import org.zkml4j.groth16.Proof;
import org.zkml4j.groth16.SnarkjsFormatException;
import org.zkml4j.groth16.SnarkjsJson;
import org.zkml4j.groth16.Verdict;

/**
 * Answers a {@code groth16-bn254} verification request: the key is a registered circuit id or an
 * inline verification_key.json, the statement public.json, the proof proof.json (snarkjs bytes).
 * A malformed file is INVALID_ARGUMENT with its one-line reason (file and JSON path); a well-formed
 * proof that fails the pairing check is an ordinary answer, valid = false.
 */
public final class Groth16Verification {
    /** The engine name registries list for Groth16 circuits. */
    public static final String ENGINE = "groth16-bn254";

    private Groth16Verification() {
    }

    static VerifyResponse verify(VerifyRequest request, CircuitCatalog catalog) {
        Groth16Circuit circuit = circuit(request, catalog);
        Proof proof;
        List<BigInteger> signals;
        try {
            proof = SnarkjsJson.proof(request.getProof().toByteArray());
            signals = SnarkjsJson.publicSignals(request.getStatement().toByteArray());
        } catch (SnarkjsFormatException e) {
            throw BridgeException.invalidArgument(e.getMessage());
        }
        Verdict verdict = Groth16.verify(circuit.key(), proof, signals);
        return VerifyResponse.newBuilder().setValid(verdict.valid()).setReason(verdict.reason())
                .setCircuitId(ByteString.copyFrom(circuit.id())).build();
    }

    private static Groth16Circuit circuit(VerifyRequest request, CircuitCatalog catalog) {
        switch (request.getKeyCase()) {
            case CIRCUIT_ID:
                return catalog.requireGroth16(request.getCircuitId());
            case VERIFICATION_KEY:
                try {
                    return Groth16Circuit.of("inline", request.getVerificationKey().toByteArray());
                } catch (SnarkjsFormatException e) {
                    throw BridgeException.invalidArgument(e.getMessage());
                }
            default:
                throw BridgeException.invalidArgument("a circuit id or a verification key is required");
        }
    }
}
