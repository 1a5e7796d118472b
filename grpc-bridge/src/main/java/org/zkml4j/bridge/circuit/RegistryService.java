package org.zkml4j.bridge.circuit;

import com.google.protobuf.ByteString;
import io.grpc.stub.StreamObserver;
import org.zkml4j.bridge.net.BridgeException;
import org.zkml4j.bridge.verify.Groth16Verification;
import org.zkml4j.bridge.v1.CircuitInfo;
import org.zkml4j.bridge.v1.GetVerificationKeyRequest;
import org.zkml4j.bridge.v1.GetVerificationKeyResponse;
import org.zkml4j.bridge.v1.ListCircuitsRequest;
import org.zkml4j.bridge.v1.ListCircuitsResponse;
import org.zkml4j.bridge.v1.ProofSystem;
import org.zkml4j.bridge.v1.RegistryGrpc;

/** The registry service: lists a node's circuits (zkml4j and Groth16) and hands out their verification keys. */
public final class RegistryService extends RegistryGrpc.RegistryImplBase {
    private final CircuitCatalog catalog;

    public RegistryService(CircuitCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void listCircuits(ListCircuitsRequest request, StreamObserver<ListCircuitsResponse> response) {
        ListCircuitsResponse.Builder list = ListCircuitsResponse.newBuilder();
        for (Circuit c : catalog.circuits()) {
            list.addCircuits(CircuitInfo.newBuilder()
                    .setCircuitId(ByteString.copyFrom(c.key().circuitId()))
                    .setName(c.name())
                    .setEngine(c.key().engine())
                    .setInputSize(c.encoding().inputSize())
                    .setOutputSize(c.encoding().outputSize())
                    .setClassifier(c.encoding().classifier())
                    .setKeySize(c.key().toBytes().length));
        }
        for (Groth16Circuit c : catalog.groth16Circuits()) {
            list.addCircuits(CircuitInfo.newBuilder()
                    .setCircuitId(ByteString.copyFrom(c.id()))
                    .setName(c.name())
                    .setEngine(Groth16Verification.ENGINE)
                    .setProofSystem(ProofSystem.PROOF_SYSTEM_GROTH16_BN254)
                    .setInputSize(c.key().publicSignalCount())
                    .setKeySize(c.keyJson().length));
        }
        response.onNext(list.build());
        response.onCompleted();
    }

    @Override
    public void getVerificationKey(GetVerificationKeyRequest request,
                                   StreamObserver<GetVerificationKeyResponse> response) {
        try {
            response.onNext(GetVerificationKeyResponse.newBuilder()
                    .setVerificationKey(ByteString.copyFrom(catalog.keyBytes(request.getCircuitId()))).build());
            response.onCompleted();
        } catch (RuntimeException e) {
            response.onError(BridgeException.toStatus(e));
        }
    }
}
