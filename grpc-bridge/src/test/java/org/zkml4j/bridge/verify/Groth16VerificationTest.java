package org.zkml4j.bridge.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zkml4j.bridge.StatusAssertions.assertStatus;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zkml4j.bridge.auth.Hotkey;
import org.zkml4j.bridge.auth.RequestSigner;
import org.zkml4j.bridge.circuit.Groth16Circuit;
import org.zkml4j.bridge.net.Channels;
import org.zkml4j.bridge.v1.CircuitInfo;
import org.zkml4j.bridge.v1.GetVerificationKeyRequest;
import org.zkml4j.bridge.v1.ListCircuitsRequest;
import org.zkml4j.bridge.v1.ProofSystem;
import org.zkml4j.bridge.v1.RegistryGrpc;
import org.zkml4j.bridge.v1.VerificationGrpc;
import org.zkml4j.bridge.v1.VerifyRequest;
import org.zkml4j.bridge.v1.VerifyResponse;

/** snarkjs Groth16 proofs through a verification node on a real loopback socket (groth16's fixtures). */
class Groth16VerificationTest {
    private static Groth16Circuit multiplier;
    private static VerifierNode node;
    private static ManagedChannel channel;
    private static final RequestSigner SIGNER = new RequestSigner(Hotkey.generate(new SecureRandom()));

    @BeforeAll
    static void start() throws Exception {
        multiplier = Groth16Circuit.of("multiplier", fixture("multiplier", "verification_key.json"));
        node = VerifierNode.builder(List.of()).groth16(List.of(multiplier)).start();
        channel = Channels.open("127.0.0.1", node.port(), null);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
        node.close();
    }

    static byte[] fixture(String circuit, String file) {
        try (InputStream in = Groth16VerificationTest.class.getResourceAsStream("/snarkjs/" + circuit + "/" + file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static VerifyRequest.Builder request(String circuit) {
        return VerifyRequest.newBuilder().setProofSystem(ProofSystem.PROOF_SYSTEM_GROTH16_BN254)
                .setStatement(ByteString.copyFrom(fixture(circuit, "public.json")))
                .setProof(ByteString.copyFrom(fixture(circuit, "proof.json")));
    }

    private static VerifyRequest.Builder byId() {
        return request("multiplier").setCircuitId(ByteString.copyFrom(multiplier.id()));
    }

    private static VerifyResponse verify(VerifyRequest request) {
        return SIGNER.sign(VerificationGrpc.newBlockingStub(channel), VerificationGrpc.getVerifyMethod(), request)
                .withDeadlineAfter(10, TimeUnit.SECONDS).verify(request);
    }

    @Test
    void verify_snarkjsProofByCircuitIdOrInlineKey() {
        VerifyResponse byId = verify(byId().build());
        assertTrue(byId.getValid(), byId.getReason());
        assertArrayEquals(Groth16Circuit.circuitId(fixture("multiplier", "verification_key.json")),
                byId.getCircuitId().toByteArray());
        VerifyResponse inline = verify(request("dense8")
                .setVerificationKey(ByteString.copyFrom(fixture("dense8", "verification_key.json"))).build());
        assertTrue(inline.getValid(), inline.getReason());
    }

    @Test
    void verify_changedSignalOrOtherCircuitsProofIsInvalidWithReason() {
        VerifyResponse changed = verify(byId().setStatement(ByteString.copyFromUtf8("[\"34\"]")).build());
        assertFalse(changed.getValid());
        assertTrue(changed.getReason().startsWith("pairing check failed"), changed.getReason());
        VerifyResponse other = verify(request("quantized_relu").setCircuitId(ByteString.copyFrom(multiplier.id())).build());
        assertFalse(other.getValid());
        assertEquals("expected 1 public signals, got 2", other.getReason());
    }

    @Test
    void verify_malformedOrUnknownGetPreciseStatusCodes() {
        assertStatus(Status.Code.INVALID_ARGUMENT, "proof.json: $.pi_b: missing",
                () -> verify(byId().setProof(ByteString.copyFromUtf8("{\"pi_a\": [\"1\", \"2\", \"1\"]}")).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "public.json: $[0]: value is not below r",
                () -> verify(byId().setStatement(ByteString.copyFromUtf8(
                        "[\"21888242871839275222246405745257275088548364400416034343698204186575808495650\"]")).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "verification_key.json: not valid JSON",
                () -> verify(request("multiplier").setVerificationKey(ByteString.copyFromUtf8("{")).build()));
        assertStatus(Status.Code.NOT_FOUND, "unknown groth16-bn254 circuit",
                () -> verify(byId().setCircuitId(ByteString.copyFrom(new byte[32])).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "unknown proof_system 7",
                () -> verify(byId().setProofSystemValue(7).build()));
    }

    @Test
    void verify_withoutProofSystemIsAZkml4jRequestAsBefore() {
        assertStatus(Status.Code.NOT_FOUND, "unknown circuit",
                () -> verify(byId().clearProofSystem().build()));
    }

    @Test
    void registry_listsGroth16CircuitAndServesItsKeyFile() {
        RegistryGrpc.RegistryBlockingStub registry = RegistryGrpc.newBlockingStub(channel);
        ListCircuitsRequest list = ListCircuitsRequest.getDefaultInstance();
        CircuitInfo info = SIGNER.sign(registry, RegistryGrpc.getListCircuitsMethod(), list).listCircuits(list)
                .getCircuits(0);
        assertEquals(ProofSystem.PROOF_SYSTEM_GROTH16_BN254, info.getProofSystem());
        assertEquals("groth16-bn254", info.getEngine());
        assertEquals(1, info.getInputSize());
        GetVerificationKeyRequest get = GetVerificationKeyRequest.newBuilder().setCircuitId(info.getCircuitId()).build();
        byte[] key = SIGNER.sign(registry, RegistryGrpc.getGetVerificationKeyMethod(), get).getVerificationKey(get)
                .getVerificationKey().toByteArray();
        assertEquals(new String(fixture("multiplier", "verification_key.json"), StandardCharsets.UTF_8),
                new String(key, StandardCharsets.UTF_8));
        assertArrayEquals(info.getCircuitId().toByteArray(), Groth16Circuit.circuitId(key));
    }
}
