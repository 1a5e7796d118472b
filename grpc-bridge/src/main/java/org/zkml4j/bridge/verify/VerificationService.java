package org.zkml4j.bridge.verify;

import com.google.protobuf.ByteString;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import org.zkml4j.bridge.circuit.CircuitCatalog;
import org.zkml4j.bridge.net.BridgeException;
import org.zkml4j.bridge.v1.VerificationGrpc;
import org.zkml4j.bridge.v1.VerifyRequest;
import org.zkml4j.bridge.v1.VerifyResponse;
import org.zkml4j.sdk.Statement;
import org.zkml4j.sdk.VerificationKey;
import org.zkml4j.sdk.VerificationResult;
import org.zkml4j.sdk.Verifier;

/**
 * The public verification service: anyone submits (circuit id or inline key, statement, proof) and
 * gets a verdict with a reason — for zkml4j proofs, or for snarkjs Groth16 proofs when the request's
 * {@code proof_system} says so ({@link Groth16Verification}). A false proof is an ordinary answer (valid = false); malformed
 * keys or statements are INVALID_ARGUMENT, unknown circuits NOT_FOUND, and more than
 * {@code maxInFlight} concurrent verifications RESOURCE_EXHAUSTED.
 */
public final class VerificationService extends VerificationGrpc.VerificationImplBase {
    private final CircuitCatalog catalog;
    private final Semaphore inFlight;

    public VerificationService(CircuitCatalog catalog, int maxInFlight) {
        this.catalog = catalog;
        this.inFlight = new Semaphore(maxInFlight);
    }

    @Override
    public void verify(VerifyRequest request, StreamObserver<VerifyResponse> response) {
        if (!inFlight.tryAcquire()) {
            response.onError(BridgeException.toStatus(
                    BridgeException.resourceExhausted("verifier busy: too many concurrent verifications")));
            return;
        }
        try {
            response.onNext(verify(request));
            response.onCompleted();
        } catch (RuntimeException e) {
            response.onError(BridgeException.toStatus(e));
        } finally {
            inFlight.release();
        }
    }

    private VerifyResponse verify(VerifyRequest request) {
        return switch (request.getProofSystem()) {
            case PROOF_SYSTEM_ZKML4J -> verifyZkml4j(request);
            case PROOF_SYSTEM_GROTH16_BN254 -> Groth16Verification.verify(request, catalog);
            default -> throw BridgeException.invalidArgument("unknown proof_system " + request.getProofSystemValue()
                    + " (known: 0 zkml4j, 1 groth16-bn254)");
        };
    }

    private VerifyResponse verifyZkml4j(VerifyRequest request) {
        VerificationKey key = key(request);
        Statement statement;
        try {
            statement = Statement.fromBytes(request.getStatement().toByteArray());
        } catch (IOException e) {
            throw BridgeException.invalidArgument("malformed statement: " + e.getMessage());
        }
        VerificationResult result = Verifier.verify(key, statement, request.getProof().toByteArray());
        return VerifyResponse.newBuilder().setValid(result.valid()).setReason(result.reason())
                .setCircuitId(ByteString.copyFrom(key.circuitId())).build();
    }

    private VerificationKey key(VerifyRequest request) {
        switch (request.getKeyCase()) {
            case CIRCUIT_ID:
                return catalog.require(request.getCircuitId()).key();
            case VERIFICATION_KEY:
                try {
                    return VerificationKey.fromBytes(request.getVerificationKey().toByteArray());
                } catch (IOException e) {
                    throw BridgeException.invalidArgument("malformed verification key: " + e.getMessage());
                }
            default:
                throw BridgeException.invalidArgument("a circuit id or a verification key is required");
        }
    }
}
