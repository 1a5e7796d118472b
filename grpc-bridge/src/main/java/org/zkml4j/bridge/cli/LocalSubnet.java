package org.zkml4j.bridge.cli;

import io.grpc.ManagedChannel;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.zkml4j.bridge.auth.Hotkey;
import org.zkml4j.bridge.auth.RequestSigner;
import org.zkml4j.bridge.circuit.Circuit;
import org.zkml4j.bridge.circuit.DefaultCircuits;
import org.zkml4j.bridge.miner.MinerBehavior;
import org.zkml4j.bridge.miner.MinerNode;
import org.zkml4j.bridge.net.Channels;
import org.zkml4j.bridge.net.SelfSignedCertificate;
import org.zkml4j.bridge.net.TlsFiles;
import org.zkml4j.bridge.score.OmronReward;
import org.zkml4j.bridge.score.ScoreBoard;
import org.zkml4j.bridge.score.ScoreFile;
import org.zkml4j.bridge.validator.MinerEndpoint;
import org.zkml4j.bridge.validator.RoundReport;
import org.zkml4j.bridge.validator.Validator;
import org.zkml4j.bridge.validator.WeightedCircuit;
import org.zkml4j.bridge.verify.VerifierNode;
import org.zkml4j.sdk.VerifiableModel;

/**
 * A whole subnet on loopback: N miners (each with its own hotkey and behaviour, on real sockets,
 * optionally TLS with a pinned self-signed certificate), one validator that queries them, and a
 * public verification node beside it.
 *
 * <pre>{@code
 * try (LocalSubnet net = LocalSubnet.builder()
 *         .circuit("mnist", dl4jModel)
 *         .miners(List.of(MinerBehavior.honest(), MinerBehavior.cheating()))
 *         .start()) {
 *     RoundReport r = net.runRound();
 * }
 * }</pre>
 */
public final class LocalSubnet implements AutoCloseable {
    private final List<MinerNode> miners;
    private final List<ManagedChannel> channels;
    private final Map<String, String> roles;
    private final Validator validator;
    private final VerifierNode verifier;

    private LocalSubnet(List<MinerNode> miners, List<ManagedChannel> channels, Map<String, String> roles,
                        Validator validator, VerifierNode verifier) {
        this.miners = miners;
        this.channels = channels;
        this.roles = roles;
        this.validator = validator;
        this.verifier = verifier;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs one validator round. */
    public RoundReport runRound() throws IOException, InterruptedException {
        return validator.runRound();
    }

    /** The validator's scores. */
    public ScoreBoard board() {
        return validator.board();
    }

    /** Each miner's behaviour name, by hotkey. */
    public Map<String, String> roles() {
        return roles;
    }

    /** The port of the public verification node. */
    public int verifierPort() {
        return verifier.port();
    }

    @Override
    public void close() {
        for (ManagedChannel c : channels) {
            c.shutdownNow();
        }
        for (ManagedChannel c : channels) {
            try {
                c.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        miners.forEach(MinerNode::close);
        verifier.close();
    }

    /** Builds a {@link LocalSubnet}; every setting is optional. */
    public static final class Builder {
        private final Map<String, VerifiableModel> models = new LinkedHashMap<>();
        private List<MinerBehavior> behaviors = List.of(MinerBehavior.honest(), MinerBehavior.honest(),
                MinerBehavior.cheating(), MinerBehavior.slow(Duration.ofMillis(300)));
        private Duration deadline = Duration.ofSeconds(5);
        private Path tlsDirectory;
        private Path scores;

        private Builder() {}

        /** Adds a circuit every miner proves (default, when none is added: the tiny MLP). */
        public Builder circuit(String name, VerifiableModel model) {
            models.put(name, model);
            return this;
        }

        /** One miner per behaviour (default: honest, honest, cheating, slow:300). */
        public Builder miners(List<MinerBehavior> behaviors) {
            if (behaviors.isEmpty()) {
                throw new IllegalArgumentException("a subnet needs at least one miner");
            }
            this.behaviors = List.copyOf(behaviors);
            return this;
        }

        /** Each miner's time to answer (default 5 s). */
        public Builder deadline(Duration deadline) {
            this.deadline = deadline;
            return this;
        }

        /** Serve TLS, with a self-signed certificate written to (and pinned from) {@code directory}. */
        public Builder tls(Path directory) {
            this.tlsDirectory = directory;
            return this;
        }

        /** Persist the validator's scores in {@code file} (default: in memory). */
        public Builder scores(Path file) {
            this.scores = file;
            return this;
        }

        /** Starts every node and connects the validator to each miner. */
        public LocalSubnet start() throws IOException, InterruptedException {
            List<Circuit> circuits = new ArrayList<>();
            if (models.isEmpty()) {
                circuits.add(Circuit.provable(DefaultCircuits.TINY_MLP, DefaultCircuits.tinyMlp()));
            }
            models.forEach((name, model) -> circuits.add(Circuit.provable(name, model)));
            SecureRandom random = new SecureRandom();
            Hotkey validatorKey = Hotkey.generate(random);
            TlsFiles tls = tlsDirectory == null ? null
                    : SelfSignedCertificate.generate(tlsDirectory, Duration.ofDays(1));
            List<MinerNode> miners = new ArrayList<>();
            List<ManagedChannel> channels = new ArrayList<>();
            List<MinerEndpoint> endpoints = new ArrayList<>();
            Map<String, String> roles = new LinkedHashMap<>();
            VerifierNode verifier = null;
            try {
                for (MinerBehavior behavior : behaviors) {
                    MinerNode miner = MinerNode.builder(Hotkey.generate(random), circuits)
                            .admit(Set.of(validatorKey.publicKeyHex())).behavior(behavior).tls(tls).start();
                    miners.add(miner);
                    ManagedChannel channel = Channels.open("127.0.0.1", miner.port(),
                            tls == null ? null : TlsFiles.pinned(tls.certificate()));
                    channels.add(channel);
                    String hotkey = miner.hotkey().publicKeyHex();
                    endpoints.add(new MinerEndpoint(hotkey, "127.0.0.1:" + miner.port(), channel));
                    roles.put(hotkey, behavior.name());
                }
                for (ManagedChannel channel : channels) {
                    if (!Channels.connect(channel, Duration.ofSeconds(10))) {
                        throw new IOException("a local miner did not accept a connection within 10 s");
                    }
                }
                verifier = VerifierNode.builder(circuits).tls(tls).start();
                List<WeightedCircuit> weighted = circuits.stream().map(c -> new WeightedCircuit(c, 1.0)).toList();
                ScoreBoard board = new ScoreBoard(OmronReward.DEFAULTS, scores == null ? null : new ScoreFile(scores));
                Validator validator = Validator.builder(new RequestSigner(validatorKey), endpoints, weighted, board)
                        .deadline(deadline).build();
                return new LocalSubnet(miners, channels, roles, validator, verifier);
            } catch (IOException | InterruptedException | RuntimeException e) {
                channels.forEach(ManagedChannel::shutdownNow);
                miners.forEach(MinerNode::close);
                if (verifier != null) {
                    verifier.close();
                }
                throw e;
            }
        }
    }
}
