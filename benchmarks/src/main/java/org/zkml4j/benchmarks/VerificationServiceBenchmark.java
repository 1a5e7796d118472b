package org.zkml4j.benchmarks;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.zkml4j.bridge.auth.Hotkey;
import org.zkml4j.bridge.auth.RequestSigner;
import org.zkml4j.bridge.circuit.Circuit;
import org.zkml4j.bridge.circuit.DefaultCircuits;
import org.zkml4j.bridge.circuit.Groth16Circuit;
import org.zkml4j.bridge.net.Channels;
import org.zkml4j.bridge.v1.ProofSystem;
import org.zkml4j.bridge.v1.VerificationGrpc;
import org.zkml4j.bridge.v1.VerifyRequest;
import org.zkml4j.bridge.verify.VerifierNode;
import org.zkml4j.sdk.ProvingOptions;
import org.zkml4j.sdk.VerifiableModel;
import org.zkml4j.sdk.VerifiedPrediction;
import org.zkml4j.sdk.model.Dense;
import org.zkml4j.sdk.model.ModelGraph;

/**
 * Verification requests per second sustained by one verification node over loopback TCP: 16
 * client threads send signed requests with valid proofs and wait for each verdict. Client signing
 * shares the machine with the node, as a co-located client would. {@code circuit}: the tiny MLP
 * 2-3-2 at the default 100-bit parameters, or a single 2 → 1 dense layer at 80 bits (cheap proofs,
 * so the figure shows the bridge's own overhead: TLS-less gRPC, signature check, replay window), or
 * a snarkjs Groth16 proof of the multiplier circuit (cross-subnet verification, BN254 pairings).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class VerificationServiceBenchmark {
    @Param({"tiny-mlp", "dense-2-1", "groth16-multiplier"})
    public String circuit;

    VerifierNode node;
    List<ManagedChannel> channels = new ArrayList<>();
    RequestSigner signer;
    List<VerifyRequest> requests = new ArrayList<>();
    final AtomicInteger next = new AtomicInteger();

    @Setup(Level.Trial)
    public void start() throws Exception {
        if (circuit.equals("groth16-multiplier")) {
            startGroth16();
            return;
        }
        Circuit served = circuit.equals("tiny-mlp")
                ? Circuit.provable(DefaultCircuits.TINY_MLP, DefaultCircuits.tinyMlp())
                : Circuit.provable("dense-2-1", VerifiableModel.compile(
                        ModelGraph.of(2, new Dense(new float[][] {{1f, -1f}}, new float[] {0.5f})),
                        new float[][] {{1, 1}, {-1, 0.5f}},
                        ProvingOptions.builder().activationBits(6).weightBits(4).securityBits(80).build()));
        for (int i = 0; i < 8; i++) {
            VerifiedPrediction p = served.model().predict(new float[] {i * 0.25f, 1 - i * 0.25f}, i);
            requests.add(VerifyRequest.newBuilder().setCircuitId(ByteString.copyFrom(served.key().circuitId()))
                    .setStatement(ByteString.copyFrom(p.statement().toBytes()))
                    .setProof(ByteString.copyFrom(p.proof())).build());
        }
        node = VerifierNode.builder(List.of(served)).rateLimit(1e9, 1_000_000).start();
        connect();
    }

    /** The snarkjs multiplier proof (groth16's fixture), sent by circuit id with proof_system groth16-bn254. */
    private void startGroth16() throws IOException {
        Groth16Circuit served = Groth16Circuit.of("multiplier", Groth16Benchmark.resource("multiplier", "verification_key.json"));
        VerifyRequest request = VerifyRequest.newBuilder().setProofSystem(ProofSystem.PROOF_SYSTEM_GROTH16_BN254)
                .setCircuitId(ByteString.copyFrom(served.id()))
                .setStatement(ByteString.copyFrom(Groth16Benchmark.resource("multiplier", "public.json")))
                .setProof(ByteString.copyFrom(Groth16Benchmark.resource("multiplier", "proof.json"))).build();
        for (int i = 0; i < 8; i++) {
            requests.add(request);
        }
        node = VerifierNode.builder(List.of()).groth16(List.of(served)).rateLimit(1e9, 1_000_000).start();
        connect();
    }

    private void connect() throws IOException {
        for (int i = 0; i < 4; i++) {
            channels.add(Channels.open("127.0.0.1", node.port(), null));
        }
        signer = new RequestSigner(Hotkey.generate(new SecureRandom()));
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        for (ManagedChannel c : channels) {
            c.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
        }
        node.close();
    }

    @Benchmark
    @Threads(16)
    public boolean verifyRequest() {
        int i = next.getAndIncrement();
        VerifyRequest request = requests.get(i & 7);
        boolean valid = signer.sign(VerificationGrpc.newBlockingStub(channels.get(i & 3)),
                VerificationGrpc.getVerifyMethod(), request).withDeadlineAfter(30, TimeUnit.SECONDS)
                .verify(request).getValid();
        if (!valid) {
            throw new IllegalStateException("a valid proof was rejected");
        }
        return valid;
    }
}
