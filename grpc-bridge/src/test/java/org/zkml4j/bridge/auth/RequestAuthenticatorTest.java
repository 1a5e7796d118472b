package org.zkml4j.bridge.auth;

import static org.zkml4j.bridge.StatusAssertions.assertStatus;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.zkml4j.bridge.TestCircuits;
import org.zkml4j.bridge.circuit.CircuitCatalog;
import org.zkml4j.bridge.net.Channels;
import org.zkml4j.bridge.net.NodeServer;
import org.zkml4j.bridge.net.ServerLimits;
import org.zkml4j.bridge.v1.VerificationGrpc;
import org.zkml4j.bridge.v1.VerifyRequest;
import org.zkml4j.bridge.verify.VerificationService;

class RequestAuthenticatorTest {
    /** Reads the real time once (the header check), then a minute later (the body check). */
    static final class LateBodyClock extends Clock {
        private final AtomicInteger reads = new AtomicInteger();

        @Override
        public long millis() {
            return System.currentTimeMillis() + (reads.getAndIncrement() == 0 ? 0 : 60_000);
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void bodyArrivingAfterTheSkewWindow_isUnauthenticatedEvenThoughTheHeadersWereFresh() throws Exception {
        RequestAuthenticator auth = new RequestAuthenticator(KeyPolicy.anyKey(), Duration.ofSeconds(30),
                new ExpiringSet(16), null, new LateBodyClock());
        try (NodeServer node = NodeServer.start("127.0.0.1", 0, null, ServerLimits.DEFAULTS,
                List.of(auth.protect(new VerificationService(CircuitCatalog.of(List.of(TestCircuits.small())), 8))))) {
            ManagedChannel channel = Channels.open("127.0.0.1", node.port(), null);
            try {
                VerifyRequest request = VerifyRequest.newBuilder().setCircuitId(ByteString.copyFrom(new byte[32]))
                        .build();
                RequestSigner signer = new RequestSigner(Hotkey.generate(new SecureRandom()));
                assertStatus(Status.Code.UNAUTHENTICATED, "body arrived more than 30000 ms after", () -> signer
                        .sign(VerificationGrpc.newBlockingStub(channel), VerificationGrpc.getVerifyMethod(), request)
                        .withDeadlineAfter(5, TimeUnit.SECONDS).verify(request));
            } finally {
                channel.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
            }
        }
    }
}
