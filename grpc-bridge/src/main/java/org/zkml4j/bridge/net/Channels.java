package org.zkml4j.bridge.net;

import io.grpc.ChannelCredentials;
import io.grpc.ConnectivityState;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Client channels to nodes: plaintext, or TLS pinned to one node certificate. */
public final class Channels {
    /** Largest response accepted by default (proofs of big batches run to a few MiB). */
    public static final int MAX_RESPONSE_BYTES = 32 << 20;

    private Channels() {}

    /**
     * A channel to {@code host:port}.
     *
     * @param pinned the node's certificate to trust (and nothing else), or null for plaintext
     */
    public static ManagedChannel open(String host, int port, TlsFiles pinned) throws IOException {
        ChannelCredentials credentials = pinned == null ? InsecureChannelCredentials.create()
                : TlsChannelCredentials.newBuilder().trustManager(pinned.certificate().toFile()).build();
        return NettyChannelBuilder.forAddress(host, port, credentials)
                .maxInboundMessageSize(MAX_RESPONSE_BYTES)
                .build();
    }

    /**
     * Connects {@code channel} now and waits until it is ready (at most {@code timeout}), so the
     * first call does not pay for the TCP and TLS handshakes.
     *
     * @return whether the channel became ready in time
     */
    public static boolean connect(ManagedChannel channel, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            ConnectivityState state = channel.getState(true);
            if (state == ConnectivityState.READY) {
                return true;
            }
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            CountDownLatch changed = new CountDownLatch(1);
            channel.notifyWhenStateChanged(state, changed::countDown);
            changed.await(left, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Parses {@code host:port}.
     *
     * @throws IllegalArgumentException naming the expected form
     */
    public static String[] hostAndPort(String target) {
        int colon = target.lastIndexOf(':');
        if (colon <= 0 || colon == target.length() - 1) {
            throw new IllegalArgumentException("expected host:port, got '" + target + "'");
        }
        String port = target.substring(colon + 1);
        if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException("port must be 0..65535 in '" + target + "'");
        }
        return new String[] {target.substring(0, colon), port};
    }
}
