package org.zkml4j.bridge.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zkml4j.bridge.StatusAssertions.assertStatus;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zkml4j.bridge.TestCircuits;
import org.zkml4j.bridge.auth.Hotkey;
import org.zkml4j.bridge.auth.RequestSigner;
import org.zkml4j.bridge.auth.SignedRequest;
import org.zkml4j.bridge.circuit.Circuit;
import org.zkml4j.bridge.net.Channels;
import org.zkml4j.bridge.net.SelfSignedCertificate;
import org.zkml4j.bridge.net.TlsFiles;
import org.zkml4j.bridge.v1.VerificationGrpc;
import org.zkml4j.bridge.v1.VerifyRequest;
import org.zkml4j.bridge.v1.VerifyResponse;
import org.zkml4j.sdk.VerifiedPrediction;

/** The public verification service on a real loopback socket: verdicts, refusals, rate limit and pinned TLS. */
class VerifierNodeTest {
    private static Circuit circuit;
    private static VerifiedPrediction proven;
    private static VerifierNode node;
    private static ManagedChannel channel;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        circuit = TestCircuits.small();
        proven = circuit.model().predict(new float[] {0.5f, -0.25f}, 42);
        node = VerifierNode.builder(List.of(circuit)).start();
        channel = Channels.open("127.0.0.1", node.port(), null);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
        node.close();
    }

    static VerifyRequest.Builder byId() {
        return VerifyRequest.newBuilder().setCircuitId(ByteString.copyFrom(circuit.key().circuitId()))
                .setStatement(ByteString.copyFrom(proven.statement().toBytes()))
                .setProof(ByteString.copyFrom(proven.proof()));
    }

    static VerifyResponse verify(ManagedChannel on, RequestSigner signer, VerifyRequest request) {
        return signer.sign(VerificationGrpc.newBlockingStub(on), VerificationGrpc.getVerifyMethod(), request)
                .withDeadlineAfter(10, TimeUnit.SECONDS).verify(request);
    }

    private static RequestSigner anyone() {
        return new RequestSigner(Hotkey.generate(new SecureRandom()));
    }

    @Test
    void verify_validProofByCircuitIdOrInlineKey() {
        VerifyResponse response = verify(channel, anyone(), byId().build());
        assertTrue(response.getValid(), response.getReason());
        assertEquals(ByteString.copyFrom(circuit.key().circuitId()), response.getCircuitId());
        VerifyRequest inline = byId().setVerificationKey(ByteString.copyFrom(circuit.key().toBytes())).build();
        assertTrue(verify(channel, anyone(), inline).getValid());
    }

    @Test
    void verify_crossSubnetProofWithHiddenInputAndOutputsShowsOnlyTheClass() {
        org.zkml4j.sdk.VerifiableModel classifier = org.zkml4j.sdk.VerifiableModel.compile(
                org.zkml4j.sdk.model.ModelGraph.of(2,
                        new org.zkml4j.sdk.model.Dense(new float[][] {{1f, -1f}, {-1f, 1f}}, new float[] {0f, 0.1f}),
                        new org.zkml4j.sdk.model.Softmax()),
                new float[][] {{1, 1}, {-1, 0.5f}}, org.zkml4j.sdk.ProvingOptions.builder().activationBits(6)
                        .weightBits(4).securityBits(80).inputVisibility(org.zkml4j.sdk.Visibility.PRIVATE)
                        .outputVisibility(org.zkml4j.sdk.Visibility.PRIVATE).build());
        VerifiedPrediction p = classifier.predict(new float[] {0.75f, -0.5f}, 9);
        VerifyRequest.Builder request = VerifyRequest.newBuilder()
                .setVerificationKey(ByteString.copyFrom(classifier.verificationKey().toBytes()))
                .setStatement(ByteString.copyFrom(p.statement().toBytes())).setProof(ByteString.copyFrom(p.proof()));
        VerifyResponse response = verify(channel, anyone(), request.build());
        assertTrue(response.getValid(), response.getReason());
        byte[] otherClass = p.statement().withClasses(new int[] {1 - p.predictedClass()}).toBytes();
        assertFalse(verify(channel, anyone(), request.setStatement(ByteString.copyFrom(otherClass)).build()).getValid());
    }

    @Test
    void verify_changedOutputIsInvalidWithReason() {
        int[][] outputs = proven.statement().outputs();
        outputs[0][0] += 1;
        VerifyRequest lie = byId().setStatement(ByteString.copyFrom(proven.statement().withOutputs(outputs).toBytes()))
                .build();
        VerifyResponse response = verify(channel, anyone(), lie);
        assertFalse(response.getValid());
        assertFalse(response.getReason().isEmpty());
        VerifyRequest otherNonce = byId().setStatement(ByteString.copyFrom(proven.statement().withNonce(43).toBytes()))
                .build();
        assertFalse(verify(channel, anyone(), otherNonce).getValid());
    }

    @Test
    void verify_malformedInputsGetPreciseStatusCodes() {
        assertStatus(Status.Code.INVALID_ARGUMENT, "malformed statement",
                () -> verify(channel, anyone(), byId().setStatement(ByteString.copyFromUtf8("junk")).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "malformed verification key", () -> verify(channel, anyone(),
                byId().setVerificationKey(ByteString.copyFromUtf8("junk")).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "circuit id or a verification key",
                () -> verify(channel, anyone(), byId().clearCircuitId().build()));
        assertStatus(Status.Code.NOT_FOUND, "unknown circuit",
                () -> verify(channel, anyone(), byId().setCircuitId(ByteString.copyFrom(new byte[32])).build()));
    }

    @Test
    void verify_hotkeyThatIsNotACurvePointIsUnauthenticated() {
        VerifyRequest request = byId().build();
        String notAPoint = "ff".repeat(32);
        SignedRequest forged = new SignedRequest(notAPoint, "0123456789abcdef0123", System.currentTimeMillis(),
                new byte[64]);
        assertStatus(Status.Code.UNAUTHENTICATED, "signature does not verify",
                () -> RequestSigner.attach(VerificationGrpc.newBlockingStub(channel), forged).verify(request));
        assertTrue(verify(channel, anyone(), request).getValid(), "the node keeps serving");
    }

    @Test
    void verify_overTheRateIsResourceExhausted() throws Exception {
        try (VerifierNode limited = VerifierNode.builder(List.of(circuit)).rateLimit(0.5, 3).start()) {
            ManagedChannel c = Channels.open("127.0.0.1", limited.port(), null);
            try {
                RequestSigner client = anyone();
                for (int i = 0; i < 3; i++) {
                    assertTrue(verify(c, client, byId().build()).getValid());
                }
                assertStatus(Status.Code.RESOURCE_EXHAUSTED, "rate limit", () -> verify(c, client, byId().build()));
                assertTrue(verify(c, anyone(), byId().build()).getValid(), "another client has its own budget");
            } finally {
                c.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void tls_pinnedCertificateConnectsAndAnyOtherIsRefused() throws Exception {
        TlsFiles tls = SelfSignedCertificate.generate(dir.resolve("node"), Duration.ofDays(1));
        TlsFiles impostor = SelfSignedCertificate.generate(dir.resolve("other"), Duration.ofDays(1));
        try (VerifierNode secure = VerifierNode.builder(List.of(circuit)).tls(tls).start()) {
            ManagedChannel pinned = Channels.open("127.0.0.1", secure.port(), TlsFiles.pinned(tls.certificate()));
            ManagedChannel wrongPin = Channels.open("127.0.0.1", secure.port(),
                    TlsFiles.pinned(impostor.certificate()));
            ManagedChannel plaintext = Channels.open("127.0.0.1", secure.port(), null);
            try {
                assertTrue(verify(pinned, anyone(), byId().build()).getValid());
                assertStatus(Status.Code.UNAVAILABLE, "", () -> verify(wrongPin, anyone(), byId().build()));
                assertStatus(Status.Code.UNAVAILABLE, "", () -> verify(plaintext, anyone(), byId().build()));
            } finally {
                for (ManagedChannel c : List.of(pinned, wrongPin, plaintext)) {
                    c.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
                }
            }
        }
    }
}
