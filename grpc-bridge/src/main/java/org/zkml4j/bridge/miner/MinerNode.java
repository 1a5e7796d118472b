package org.zkml4j.bridge.miner;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.zkml4j.bridge.auth.Hotkey;
import org.zkml4j.bridge.auth.KeyPolicy;
import org.zkml4j.bridge.auth.RequestAuthenticator;
import org.zkml4j.bridge.circuit.Circuit;
import org.zkml4j.bridge.circuit.CircuitCatalog;
import org.zkml4j.bridge.circuit.RegistryService;
import org.zkml4j.bridge.net.NodeServer;
import org.zkml4j.bridge.net.ServerLimits;
import org.zkml4j.bridge.net.TlsFiles;

/**
 * A miner: serves the prover and registry services for the circuits it has compiled, to the
 * validators it admits (signed requests only).
 *
 * <pre>{@code
 * try (MinerNode miner = MinerNode.builder(hotkey, List.of(Circuit.provable("tiny", model)))
 *         .admit(Set.of(validatorKeyHex)).port(50051).start()) {
 *     miner.awaitTermination();
 * }
 * }</pre>
 */
public final class MinerNode implements AutoCloseable {
    private final Hotkey hotkey;
    private final NodeServer server;
    private final ThreadPoolExecutor provers;

    private MinerNode(Hotkey hotkey, NodeServer server, ThreadPoolExecutor provers) {
        this.hotkey = hotkey;
        this.server = server;
        this.provers = provers;
    }

    /** A builder for a miner named {@code hotkey} proving {@code circuits}. */
    public static Builder builder(Hotkey hotkey, List<Circuit> circuits) {
        return new Builder(hotkey, circuits);
    }

    /** The miner's identity. */
    public Hotkey hotkey() {
        return hotkey;
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
        provers.shutdownNow();
    }

    /** Proves one random input per circuit, so the first real request does not pay for JIT warm-up. */
    private static void warmUp(CircuitCatalog catalog) {
        SecureRandom random = new SecureRandom();
        for (Circuit c : catalog.circuits()) {
            c.model().predictBatch(c.randomInputs(1, random), random.nextLong());
        }
    }

    /** Builds a {@link MinerNode}: {@link #admit} is required, the rest optional. */
    public static final class Builder {
        private final Hotkey hotkey;
        private final List<Circuit> circuits;
        private Set<String> validators;
        private String host = "127.0.0.1";
        private int port;
        private TlsFiles tls;
        private MinerBehavior behavior = MinerBehavior.honest();
        private MinerLimits limits = MinerLimits.DEFAULTS;
        private ServerLimits serverLimits = ServerLimits.DEFAULTS;
        private Duration maxSkew = Duration.ofSeconds(30);

        private Builder(Hotkey hotkey, List<Circuit> circuits) {
            this.hotkey = hotkey;
            this.circuits = List.copyOf(circuits);
        }

        /** The validators' public keys (hex) this miner answers. */
        public Builder admit(Set<String> validatorKeys) {
            this.validators = Set.copyOf(validatorKeys);
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

        /** Serve TLS with this certificate and key. */
        public Builder tls(TlsFiles tls) {
            this.tls = tls;
            return this;
        }

        public Builder behavior(MinerBehavior behavior) {
            this.behavior = behavior;
            return this;
        }

        public Builder limits(MinerLimits limits) {
            this.limits = limits;
            return this;
        }

        public Builder serverLimits(ServerLimits limits) {
            this.serverLimits = limits;
            return this;
        }

        /** How far a request's timestamp may lie from this node's clock. */
        public Builder maxSkew(Duration maxSkew) {
            this.maxSkew = maxSkew;
            return this;
        }

        /** Starts the node. */
        public MinerNode start() throws IOException {
            if (validators == null) {
                throw new IllegalStateException("admit(validatorKeys) is required");
            }
            for (Circuit c : circuits) {
                if (c.model() == null) {
                    throw new IllegalArgumentException("a miner needs the compiled model of circuit " + c.name());
                }
            }
            CircuitCatalog catalog = CircuitCatalog.of(circuits);
            warmUp(catalog);
            ThreadPoolExecutor provers = new ThreadPoolExecutor(limits.workers(), limits.workers(), 0,
                    TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(limits.queue()), runnable -> {
                        Thread t = new Thread(runnable, "zkml4j-prover");
                        t.setDaemon(true);
                        return t;
                    });
            RequestAuthenticator auth = new RequestAuthenticator(KeyPolicy.allow(validators), maxSkew);
            try {
                NodeServer server = NodeServer.start(host, port, tls, serverLimits, List.of(
                        auth.protect(new ProverService(hotkey, catalog, behavior, limits, provers)),
                        auth.protect(new RegistryService(catalog))));
                return new MinerNode(hotkey, server, provers);
            } catch (IOException | RuntimeException e) {
                provers.shutdownNow();
                throw e;
            }
        }
    }
}
