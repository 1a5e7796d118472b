package org.zkml4j.bridge.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.zkml4j.bridge.TestCircuits;
import org.zkml4j.bridge.verify.VerifierNode;

/** Every node answers the standard health check, without a signed request. */
class NodeHealthTest {
    @Test
    void health_servingForTheNodeAndEachService() throws Exception {
        try (VerifierNode node = VerifierNode.builder(List.of(TestCircuits.small())).start()) {
            ManagedChannel channel = Channels.open("127.0.0.1", node.port(), null);
            try {
                HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(5, TimeUnit.SECONDS);
                assertEquals(ServingStatus.SERVING, health.check(HealthCheckRequest.getDefaultInstance()).getStatus());
                assertEquals(ServingStatus.SERVING, health.check(HealthCheckRequest.newBuilder()
                        .setService("zkml4j.bridge.v1.Verification").build()).getStatus());
            } finally {
                channel.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
            }
        }
    }
}
