package org.zkml4j.bridge.net;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerServiceDefinition;
import io.grpc.TlsServerCredentials;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running gRPC node on a real socket (Netty), with transport limits, optional TLS and the standard
 * health service ({@code grpc.health.v1.Health}: SERVING for the node and each service while it
 * runs, NOT_SERVING once it stops). Port 0 picks a free port; {@link #port()} tells which. Start and
 * stop are logged (SLF4J).
 *
 * <pre>{@code
 * try (NodeServer node = NodeServer.start("127.0.0.1", 0, null, ServerLimits.DEFAULTS, services)) {
 *     System.out.println("listening on " + node.port());
 * }
 * }</pre>
 */
public final class NodeServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeServer.class);
    private final Server server;
    private final ExecutorService executor;
    private final HealthStatusManager health;
    private final int port;

    private NodeServer(Server server, ExecutorService executor, HealthStatusManager health) {
        this.server = server;
        this.port = server.getPort();
        this.executor = executor;
        this.health = health;
    }

    /**
     * Starts serving {@code services} on {@code host:port}.
     *
     * @param tls certificate and key to serve TLS with, or null for plaintext
     */
    public static NodeServer start(String host, int port, TlsFiles tls, ServerLimits limits,
                                   List<ServerServiceDefinition> services) throws IOException {
        ServerCredentials credentials = tls == null ? InsecureServerCredentials.create()
                : TlsServerCredentials.create(tls.certificate().toFile(), tls.privateKey().toFile());
        ExecutorService executor = Executors.newFixedThreadPool(limits.threads(), runnable -> {
            Thread t = new Thread(runnable, "zkml4j-node");
            t.setDaemon(true);
            return t;
        });
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(host, port), credentials)
                .maxInboundMessageSize(limits.maxMessageBytes())
                .maxInboundMetadataSize(limits.maxMetadataBytes())
                .maxConcurrentCallsPerConnection(limits.maxConcurrentCallsPerConnection())
                .executor(executor);
        services.forEach(builder::addService);
        HealthStatusManager health = new HealthStatusManager();
        builder.addService(health.getHealthService());
        try {
            Server server = builder.build().start();
            for (ServerServiceDefinition service : services) {
                health.setStatus(service.getServiceDescriptor().getName(), ServingStatus.SERVING);
            }
            List<String> names = services.stream().map(d -> d.getServiceDescriptor().getName()).toList();
            LOG.info("node listening on {}:{} ({}), services {}", host, server.getPort(),
                    tls == null ? "plaintext" : "TLS", names);
            return new NodeServer(server, executor, health);
        } catch (IOException | RuntimeException e) {
            executor.shutdownNow();
            LOG.warn("node could not start on {}:{}: {}", host, port, e.toString());
            throw e;
        }
    }

    /** The bound port. */
    public int port() {
        return port;
    }

    /** Blocks until the server stops. */
    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    /** Stops accepting calls, gives running ones a moment, then stops. */
    @Override
    public void close() {
        if (server.isShutdown()) {
            return;
        }
        health.enterTerminalState();
        server.shutdown();
        try {
            if (!server.awaitTermination(2, TimeUnit.SECONDS)) {
                server.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
        LOG.info("node on port {} stopped", port);
    }
}
