package org.zkml4j.bridge.verify;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.zkml4j.bridge.auth.ExpiringSet;
import org.zkml4j.bridge.auth.KeyPolicy;
import org.zkml4j.bridge.auth.RateLimiter;
import org.zkml4j.bridge.auth.RequestAuthenticator;
import org.zkml4j.bridge.circuit.Circuit;
import org.zkml4j.bridge.circuit.CircuitCatalog;
import org.zkml4j.bridge.circuit.Groth16Circuit;
import org.zkml4j.bridge.circuit.RegistryService;
import org.zkml4j.bridge.net.NodeServer;
import org.zkml4j.bridge.net.ServerLimits;
import org.zkml4j.bridge.net.TlsFiles;

/**
 * A public verification node: the verification and registry services for any signed client,
 * rate-limited per hotkey (RESOURCE_EXHAUSTED beyond the rate).
 *
 * <pre>{@code
 * try (VerifierNode node = VerifierNode.builder(circuits).port(50052).start()) { ... }
 * }</pre>
 */
public final class VerifierNode implements AutoCloseable {
    private final NodeServer server;

    private VerifierNode(NodeServer server) {
        this.server = server;
    }

    /** A builder for a node verifying proofs of {@code circuits} (and of any inline key). */
    public static Builder builder(List<Circuit> circuits) {
        return new Builder(circuits);
    }

    /** The bound port. */
    public int port() {
        return server.port();
    }

    /** Blocks until the node stops. */
    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    @Override
    public void close() {
        server.close();
    }

    /** Builds a {@link VerifierNode}; every setting is optional. */
    public static final class Builder {
        private final List<Circuit> circuits;
        private List<Groth16Circuit> groth16 = List.of();
        private String host = "127.0.0.1";
        private int port;
        private TlsFiles tls;
        private KeyPolicy keys = KeyPolicy.anyKey();
        private double ratePerSecond = 200;
        private int burst = 2000;
        private int maxInFlight = 4096;
        private ServerLimits serverLimits = ServerLimits.DEFAULTS;
        private Duration maxSkew = Duration.ofSeconds(30);

        private Builder(List<Circuit> circuits) {
            this.circuits = List.copyOf(circuits);
        }

        /** Groth16 circuits registered by id, besides inline keys (default: none). */
        public Builder groth16(List<Groth16Circuit> groth16) {
            this.groth16 = List.copyOf(groth16);
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder tls(TlsFiles tls) {
            this.tls = tls;
            return this;
        }

        /** Which client keys are served (default: any key). */
        public Builder keys(KeyPolicy keys) {
            this.keys = keys;
            return this;
        }

        /** Per-hotkey rate limit (default 200/s sustained, bursts of 2,000). */
        public Builder rateLimit(double perSecond, int burst) {
            this.ratePerSecond = perSecond;
            this.burst = burst;
            return this;
        }

        /** Most verifications running or waiting at once (default 4,096). */
        public Builder maxInFlight(int maxInFlight) {
            this.maxInFlight = maxInFlight;
            return this;
        }

        public Builder serverLimits(ServerLimits limits) {
            this.serverLimits = limits;
            return this;
        }

        public Builder maxSkew(Duration maxSkew) {
            this.maxSkew = maxSkew;
            return this;
        }

        /** Starts the node. */
        public VerifierNode start() throws IOException {
            CircuitCatalog catalog = CircuitCatalog.of(circuits, groth16);
            RequestAuthenticator auth = new RequestAuthenticator(keys, maxSkew, new ExpiringSet(1 << 20),
                    new RateLimiter(ratePerSecond, burst, 100_000), Clock.systemUTC());
            return new VerifierNode(NodeServer.start(host, port, tls, serverLimits, List.of(
                    auth.protect(new VerificationService(catalog, maxInFlight)),
                    auth.protect(new RegistryService(catalog)))));
        }
    }
}
