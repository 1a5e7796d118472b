package org.zkml4j.bridge.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.zkml4j.bridge.TestCircuits;
import org.zkml4j.bridge.auth.Hotkey;
import org.zkml4j.bridge.auth.RequestSigner;
import org.zkml4j.bridge.circuit.Circuit;
import org.zkml4j.bridge.net.Channels;
import org.zkml4j.bridge.v1.VerificationGrpc;
import org.zkml4j.bridge.v1.VerifyRequest;
import org.zkml4j.bridge.v1.VerifyResponse;
import org.zkml4j.sdk.VerifiedPrediction;

/**
 * 1,000 verification requests fired at once over loopback (a quarter each: valid, lying about an
 * output, malformed statement, unknown circuit): every one is answered, exactly the valid ones are
 * accepted.
 */
class VerificationBurstTest {
    private static final int REQUESTS = 1000;

    @Test
    void burst_everyRequestAnsweredAndNoneWronglyAccepted() throws Exception {
        Circuit circuit = TestCircuits.small();
        List<VerifiedPrediction> proofs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            proofs.add(circuit.model().predict(new float[] {i * 0.25f, -0.5f}, i));
        }
        try (VerifierNode node = VerifierNode.builder(List.of(circuit)).rateLimit(10_000, REQUESTS).start()) {
            List<ManagedChannel> channels = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                channels.add(Channels.open("127.0.0.1", node.port(), null));
            }
            RequestSigner signer = new RequestSigner(Hotkey.generate(new SecureRandom()));
            CountDownLatch done = new CountDownLatch(REQUESTS);
            Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
            AtomicInteger wronglyAccepted = new AtomicInteger();
            long start = System.nanoTime();
            try {
                for (int i = 0; i < REQUESTS; i++) {
                    int kind = i % 4;
                    VerifiedPrediction p = proofs.get(i % proofs.size());
                    VerifyRequest request = request(circuit, p, kind);
                    signer.sign(VerificationGrpc.newStub(channels.get(i % channels.size())),
                                    VerificationGrpc.getVerifyMethod(), request)
                            .withDeadlineAfter(50, TimeUnit.SECONDS)
                            .verify(request, new StreamObserver<>() {
                                @Override
                                public void onNext(VerifyResponse r) {
                                    String outcome = kind + (r.getValid() ? ":valid" : ":invalid");
                                    outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
                                    if (r.getValid() && kind != 0) {
                                        wronglyAccepted.incrementAndGet();
                                    }
                                }

                                @Override
                                public void onError(Throwable t) {
                                    outcomes.computeIfAbsent(kind + ":" + Status.fromThrowable(t).getCode(),
                                            k -> new AtomicInteger()).incrementAndGet();
                                    done.countDown();
                                }

                                @Override
                                public void onCompleted() {
                                    done.countDown();
                                }
                            });
                }
                assertTrue(done.await(55, TimeUnit.SECONDS), "requests unanswered: " + done.getCount());
            } finally {
                for (ManagedChannel c : channels) {
                    c.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("burst: %d requests answered in %.2f s (%.0f/s): %s%n", REQUESTS, seconds,
                    REQUESTS / seconds, outcomes);
            assertEquals(0, wronglyAccepted.get());
            assertEquals(REQUESTS / 4, outcomes.get("0:valid").get(), outcomes.toString());
            assertEquals(REQUESTS / 4, outcomes.get("1:invalid").get(), outcomes.toString());
            assertEquals(REQUESTS / 4, outcomes.get("2:INVALID_ARGUMENT").get(), outcomes.toString());
            assertEquals(REQUESTS / 4, outcomes.get("3:NOT_FOUND").get(), outcomes.toString());
            assertEquals(4, outcomes.size(), outcomes.toString());
        }
    }

    private static VerifyRequest request(Circuit circuit, VerifiedPrediction p, int kind) {
        byte[] statement = p.statement().toBytes();
        byte[] circuitId = kind == 3 ? new byte[32] : circuit.key().circuitId();
        if (kind == 1) {
            int[][] outputs = p.statement().outputs();
            outputs[0][0] -= 1;
            statement = p.statement().withOutputs(outputs).toBytes();
        } else if (kind == 2) {
            statement = new byte[] {1, 2, 3};
        }
        return VerifyRequest.newBuilder().setCircuitId(ByteString.copyFrom(circuitId))
                .setStatement(ByteString.copyFrom(statement)).setProof(ByteString.copyFrom(p.proof())).build();
    }
}
