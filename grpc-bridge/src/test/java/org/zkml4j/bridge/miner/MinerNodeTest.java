package org.zkml4j.bridge.miner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zkml4j.bridge.StatusAssertions.assertStatus;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zkml4j.bridge.TestCircuits;
import org.zkml4j.bridge.auth.Hotkey;
import org.zkml4j.bridge.auth.RequestSigner;
import org.zkml4j.bridge.auth.SignedRequest;
import org.zkml4j.bridge.circuit.Circuit;
import org.zkml4j.bridge.net.Channels;
import org.zkml4j.bridge.net.ServerLimits;
import org.zkml4j.bridge.v1.GetVerificationKeyRequest;
import org.zkml4j.bridge.v1.InputRow;
import org.zkml4j.bridge.v1.ListCircuitsRequest;
import org.zkml4j.bridge.v1.ProveRequest;
import org.zkml4j.bridge.v1.ProveResponse;
import org.zkml4j.bridge.v1.ProverGrpc;
import org.zkml4j.bridge.v1.RegistryGrpc;
import org.zkml4j.bridge.validator.AnswerVerifier;
import org.zkml4j.bridge.validator.Verdict;
import org.zkml4j.sdk.Statement;
import org.zkml4j.sdk.VerificationKey;
import org.zkml4j.sdk.Verifier;

/** A miner on a real loopback socket: honest answers, and every refusal with its status code. */
class MinerNodeTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicInteger NEXT_INPUT = new AtomicInteger();
    private static Circuit circuit;
    private static Hotkey validator;
    private static MinerNode miner;
    private static ManagedChannel channel;

    @BeforeAll
    static void start() throws Exception {
        circuit = TestCircuits.small();
        validator = Hotkey.generate(RANDOM);
        miner = MinerNode.builder(Hotkey.generate(RANDOM), List.of(circuit))
                .admit(Set.of(validator.publicKeyHex())).start();
        channel = Channels.open("127.0.0.1", miner.port(), null);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
        miner.close();
    }

    /** A request for inputs no other test uses. */
    static ProveRequest freshRequest() {
        int n = NEXT_INPUT.incrementAndGet();
        return request(circuit.key().circuitId(), new float[] {n / 64f, -n / 128f});
    }

    static ProveRequest request(byte[] circuitId, float[]... rows) {
        ProveRequest.Builder b = ProveRequest.newBuilder().setCircuitId(ByteString.copyFrom(circuitId))
                .setNonce(RANDOM.nextLong());
        for (float[] row : rows) {
            InputRow.Builder r = InputRow.newBuilder();
            for (float v : row) {
                r.addValues(v);
            }
            b.addInputs(r);
        }
        return b.build();
    }

    static ProveResponse prove(ManagedChannel on, RequestSigner signer, ProveRequest request) {
        return signer.sign(ProverGrpc.newBlockingStub(on), ProverGrpc.getProveMethod(), request)
                .withDeadlineAfter(10, TimeUnit.SECONDS).prove(request);
    }

    private static int[][] quantized(ProveRequest request) {
        float[][] rows = new float[request.getInputsCount()][];
        for (int i = 0; i < rows.length; i++) {
            List<Float> values = request.getInputs(i).getValuesList();
            rows[i] = new float[values.size()];
            for (int j = 0; j < rows[i].length; j++) {
                rows[i][j] = values.get(j);
            }
        }
        return circuit.encoding().quantize(rows);
    }

    @Test
    void prove_admittedValidator_getsProofOfItsOwnStatement() {
        ProveRequest request = freshRequest();
        ProveResponse answer = prove(channel, new RequestSigner(validator), request);
        String hotkey = miner.hotkey().publicKeyHex();
        AnswerVerifier.Check check = AnswerVerifier.check(circuit, hotkey, quantized(request), request.getNonce(),
                answer);
        assertEquals(Verdict.VERIFIED, check.verdict(), check.reason());
        assertTrue(answer.getProveTimeMicros() > 0);
    }

    @Test
    void answers_areSignedByTheMinerForTheirRequestOnly() {
        ProveRequest request = freshRequest();
        ProveResponse answer = prove(channel, new RequestSigner(validator), request);
        String hotkey = miner.hotkey().publicKeyHex();
        int[][] inputs = quantized(request);
        // a wrong key: the validator was told another hotkey for this address
        AnswerVerifier.Check wrongKey = AnswerVerifier.check(circuit, Hotkey.generate(RANDOM).publicKeyHex(), inputs,
                request.getNonce(), answer);
        assertEquals(Verdict.BAD_SIGNATURE, wrongKey.verdict());
        assertTrue(wrongKey.reason().contains("is not"), wrongKey.reason());
        // a replayed answer: the same miner's answer to an earlier request, offered for a new nonce
        assertEquals(Verdict.BAD_SIGNATURE, AnswerVerifier.check(circuit, hotkey, inputs, request.getNonce() + 1,
                answer).verdict());
        // an answer for another request's circuit
        org.zkml4j.bridge.circuit.Circuit other = org.zkml4j.bridge.circuit.Circuit.verifyOnly("other",
                org.zkml4j.bridge.circuit.DefaultCircuits.tinyMlp().verificationKey());
        assertEquals(Verdict.BAD_SIGNATURE, AnswerVerifier.check(other, hotkey, inputs, request.getNonce(), answer)
                .verdict());
        // altered after signing, or not signed at all
        ProveResponse altered = answer.toBuilder().setProof(answer.getProof().concat(
                com.google.protobuf.ByteString.copyFrom(new byte[1]))).build();
        assertEquals(Verdict.BAD_SIGNATURE, AnswerVerifier.check(circuit, hotkey, inputs, request.getNonce(), altered)
                .verdict());
        AnswerVerifier.Check unsigned = AnswerVerifier.check(circuit, hotkey, inputs, request.getNonce(),
                answer.toBuilder().clearSignature().build());
        assertEquals(new AnswerVerifier.Check(Verdict.BAD_SIGNATURE, "the answer is not signed"), unsigned);
    }

    @Test
    void proveBatch_streamsOneVerifyingProofPerChunk() throws Exception {
        int n = NEXT_INPUT.addAndGet(3);
        ProveRequest request = request(circuit.key().circuitId(), new float[] {n, 0.25f}, new float[] {n, 0.5f},
                new float[] {n, 0.75f}).toBuilder().setChunkRows(1).build();
        Iterator<ProveResponse> answers = new RequestSigner(validator)
                .sign(ProverGrpc.newBlockingStub(channel), ProverGrpc.getProveBatchMethod(), request)
                .withDeadlineAfter(10, TimeUnit.SECONDS).proveBatch(request);
        int[][] quantized = quantized(request);
        List<Integer> rows = new ArrayList<>();
        while (answers.hasNext()) {
            ProveResponse answer = answers.next();
            int row = answer.getFirstRow();
            rows.add(row);
            Statement claimed = Statement.fromBytes(answer.getStatement().toByteArray());
            Statement expected = new Statement(circuit.key().circuitId(), new int[][] {quantized[row]},
                    claimed.outputs(), request.getNonce());
            assertTrue(Verifier.verify(circuit.key(), expected, answer.getProof().toByteArray()).valid());
        }
        assertEquals(List.of(0, 1, 2), rows);
    }

    @Test
    void registry_listsCircuitAndServesKeyWhoseHashIsTheId() throws Exception {
        ListCircuitsRequest list = ListCircuitsRequest.getDefaultInstance();
        var circuits = new RequestSigner(validator)
                .sign(RegistryGrpc.newBlockingStub(channel), RegistryGrpc.getListCircuitsMethod(), list)
                .listCircuits(list).getCircuitsList();
        assertEquals(1, circuits.size());
        assertEquals(2, circuits.get(0).getInputSize());
        GetVerificationKeyRequest get = GetVerificationKeyRequest.newBuilder()
                .setCircuitId(circuits.get(0).getCircuitId()).build();
        byte[] key = new RequestSigner(validator)
                .sign(RegistryGrpc.newBlockingStub(channel), RegistryGrpc.getGetVerificationKeyMethod(), get)
                .getVerificationKey(get).getVerificationKey().toByteArray();
        assertArrayEquals(circuits.get(0).getCircuitId().toByteArray(), MessageDigest.getInstance("SHA-256").digest(key));
        assertEquals(circuit.key(), VerificationKey.fromBytes(key));
    }

    @Test
    void unsignedRequest_isUnauthenticated() {
        ProveRequest request = freshRequest();
        assertStatus(Status.Code.UNAUTHENTICATED, "missing zkml4j-hotkey",
                () -> ProverGrpc.newBlockingStub(channel).prove(request));
    }

    @Test
    void unknownHotkey_isPermissionDenied() {
        RequestSigner stranger = new RequestSigner(Hotkey.generate(RANDOM));
        assertStatus(Status.Code.PERMISSION_DENIED, "not admitted", () -> prove(channel, stranger, freshRequest()));
    }

    @Test
    void signatureOverAnotherBody_isUnauthenticated() {
        ProveRequest signed = freshRequest();
        ProveRequest sent = freshRequest();
        SignedRequest signature = new RequestSigner(validator).signature(ProverGrpc.getProveMethod(), signed);
        assertStatus(Status.Code.UNAUTHENTICATED, "signature does not verify",
                () -> RequestSigner.attach(ProverGrpc.newBlockingStub(channel), signature).prove(sent));
    }

    @Test
    void replayedNonce_isUnauthenticated() {
        ProveRequest request = freshRequest();
        SignedRequest signature = new RequestSigner(validator).signature(ProverGrpc.getProveMethod(), request);
        RequestSigner.attach(ProverGrpc.newBlockingStub(channel), signature).prove(request);
        assertStatus(Status.Code.UNAUTHENTICATED, "replayed nonce",
                () -> RequestSigner.attach(ProverGrpc.newBlockingStub(channel), signature).prove(request));
    }

    @Test
    void staleTimestamp_isUnauthenticated() {
        RequestSigner late = new RequestSigner(validator, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-2)));
        assertStatus(Status.Code.UNAUTHENTICATED, "stale timestamp", () -> prove(channel, late, freshRequest()));
    }

    @Test
    void duplicateInputs_areRefused() {
        RequestSigner signer = new RequestSigner(validator);
        ProveRequest request = freshRequest();
        prove(channel, signer, request);
        ProveRequest again = request.toBuilder().setNonce(request.getNonce() + 1).build();
        assertStatus(Status.Code.ALREADY_EXISTS, "already requested", () -> prove(channel, signer, again));
        float[] row = {NEXT_INPUT.incrementAndGet(), 1};
        assertStatus(Status.Code.ALREADY_EXISTS, "repeats an earlier row",
                () -> prove(channel, signer, request(circuit.key().circuitId(), row, row)));
    }

    @Test
    void badRequests_getPreciseStatusCodes() {
        RequestSigner signer = new RequestSigner(validator);
        byte[] unknown = new byte[32];
        RANDOM.nextBytes(unknown);
        assertStatus(Status.Code.NOT_FOUND, "unknown circuit",
                () -> prove(channel, signer, request(unknown, new float[] {1, 2})));
        assertStatus(Status.Code.INVALID_ARGUMENT, "32 bytes",
                () -> prove(channel, signer, request(new byte[5], new float[] {1, 2})));
        assertStatus(Status.Code.INVALID_ARGUMENT, "the circuit takes 2",
                () -> prove(channel, signer, request(circuit.key().circuitId(), new float[] {1, 2, 3})));
        assertStatus(Status.Code.INVALID_ARGUMENT, "not finite",
                () -> prove(channel, signer, request(circuit.key().circuitId(), new float[] {Float.NaN, 2})));
        assertStatus(Status.Code.INVALID_ARGUMENT, "no input rows",
                () -> prove(channel, signer, request(circuit.key().circuitId())));
    }

    @Test
    void oversizedMessage_isResourceExhausted() throws Exception {
        try (MinerNode small = MinerNode.builder(Hotkey.generate(RANDOM), List.of(circuit))
                .admit(Set.of(validator.publicKeyHex())).serverLimits(new ServerLimits(1024, 8192, 16, 1)).start()) {
            ManagedChannel c = Channels.open("127.0.0.1", small.port(), null);
            try {
                float[] huge = new float[1000];
                assertStatus(Status.Code.RESOURCE_EXHAUSTED, "",
                        () -> prove(c, new RequestSigner(validator), request(circuit.key().circuitId(), huge)));
            } finally {
                c.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void answerAfterTheDeadline_isDeadlineExceeded() throws Exception {
        try (MinerNode slow = MinerNode.builder(Hotkey.generate(RANDOM), List.of(circuit))
                .admit(Set.of(validator.publicKeyHex())).behavior(MinerBehavior.slow(Duration.ofSeconds(2))).start()) {
            ManagedChannel c = Channels.open("127.0.0.1", slow.port(), null);
            try {
                ProveRequest request = freshRequest();
                long start = System.nanoTime();
                assertStatus(Status.Code.DEADLINE_EXCEEDED, "", () -> new RequestSigner(validator)
                        .sign(ProverGrpc.newBlockingStub(c), ProverGrpc.getProveMethod(), request)
                        .withDeadlineAfter(300, TimeUnit.MILLISECONDS).prove(request));
                assertTrue(System.nanoTime() - start < 1_500_000_000L, "the client does not wait for the slow miner");
            } finally {
                c.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void signedGarbageBody_isInvalidArgumentAndTheNodeKeepsServing() {
        MethodDescriptor<byte[], byte[]> raw = ProverGrpc.getProveMethod().toBuilder(BYTES, BYTES).build();
        byte[] garbage = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01, 0x02}; // wire type 7 does not exist
        String nonce = "garbage-request-nonce-1";
        long now = System.currentTimeMillis();
        byte[] message = SignedRequest.message(nonce, validator.publicKeyHex(), garbage, now,
                ProverGrpc.getProveMethod().getFullMethodName());
        SignedRequest signature = new SignedRequest(validator.publicKeyHex(), nonce, now, validator.sign(message));
        Channel signed = ClientInterceptors.intercept(channel,
                MetadataUtils.newAttachHeadersInterceptor(signature.toMetadata()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "malformed request message", () -> ClientCalls.blockingUnaryCall(
                signed, raw, CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS), garbage));
        ProveRequest request = freshRequest();
        ProveResponse answer = prove(channel, new RequestSigner(validator), request);
        assertEquals(Verdict.VERIFIED,
                AnswerVerifier.check(circuit, miner.hotkey().publicKeyHex(), quantized(request), request.getNonce(),
                        answer).verdict());
    }

    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };
}
