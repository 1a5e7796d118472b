package org.zkml4j.bridge.net;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerServiceDefinition;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A running gRPC node on a real socket (Netty), with transport limits and optional TLS. Port 0
 * picks a free port; {@link #port()} tells which.
 *
 * <pre>{@code
 * try (NodeServer node = NodeServer.start("127.0.0.1", 0, null, ServerLimits.DEFAULTS, services)) {
 *     System.out.println("listening on " + node.port());
 * }
 * }</pre>
 */
public final class NodeServer implements AutoCloseable {
    private final Server server;
    private final ExecutorService executor;

    private NodeServer(Server server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
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
        try {
            return new NodeServer(builder.build().start(), executor);
        } catch (IOException | RuntimeException e) {
            executor.shutdownNow();
            throw e;
        }
    }

    /** The bound port. */
    public int port() {
        return server.getPort();
    }

    /** Blocks until the server stops. */
    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    /** Stops accepting calls, gives running ones a moment, then stops. */
    @Override
    public void close() {
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
    }
}
