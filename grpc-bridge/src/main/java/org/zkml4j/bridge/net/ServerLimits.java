package org.zkml4j.bridge.net;

/**
 * Transport limits of a node.
 *
 * @param maxMessageBytes largest request message accepted (larger: RESOURCE_EXHAUSTED)
 * @param maxMetadataBytes largest header block accepted
 * @param maxConcurrentCallsPerConnection HTTP/2 streams per client connection (clients queue the rest)
 * @param threads threads that run service methods
 */
public record ServerLimits(int maxMessageBytes, int maxMetadataBytes, int maxConcurrentCallsPerConnection,
                           int threads) {
    /** 4 MiB messages, 8 KiB headers, 256 concurrent calls per connection, 4 threads. */
    public static final ServerLimits DEFAULTS = new ServerLimits(4 << 20, 8 << 10, 256, 4);

    /** Validates ranges. */
    public ServerLimits {
        if (maxMessageBytes < 1024 || maxMetadataBytes < 1024 || maxConcurrentCallsPerConnection < 1 || threads < 1) {
            throw new IllegalArgumentException("server limits out of range");
        }
    }
}
