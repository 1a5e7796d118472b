package org.zkml4j.bridge.cli;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.zkml4j.bridge.auth.Hotkey;
import org.zkml4j.bridge.auth.RequestSigner;
import org.zkml4j.bridge.circuit.Circuit;
import org.zkml4j.bridge.circuit.DefaultCircuits;
import org.zkml4j.bridge.cli.Options.UsageException;
import org.zkml4j.bridge.miner.MinerBehavior;
import org.zkml4j.bridge.miner.MinerNode;
import org.zkml4j.bridge.net.Channels;
import org.zkml4j.bridge.net.SelfSignedCertificate;
import org.zkml4j.bridge.net.TlsFiles;
import org.zkml4j.bridge.score.OmronReward;
import org.zkml4j.bridge.score.ScoreBoard;
import org.zkml4j.bridge.score.ScoreFile;
import org.zkml4j.bridge.v1.VerificationGrpc;
import org.zkml4j.bridge.v1.VerifyRequest;
import org.zkml4j.bridge.v1.VerifyResponse;
import org.zkml4j.bridge.validator.MinerEndpoint;
import org.zkml4j.bridge.validator.RoundReport;
import org.zkml4j.bridge.validator.Validator;
import org.zkml4j.bridge.validator.WeightedCircuit;
import org.zkml4j.bridge.verify.VerifierNode;
import org.zkml4j.sdk.VerifiableModel;
import org.zkml4j.sdk.VerificationKey;

/**
 * The bridge's command-line commands, dispatched from {@code ./zkml4j}. Exit codes: 0 success
 * (verify-remote: valid), 1 invalid proof, 2 bad usage, an unreadable file or an unreachable node.
 *
 * <pre>
 * zkml4j miner --validators HEX[,HEX] [--port 50051] [--hotkey miner.key] [--model M.zkm[,…]] [--tls-dir D] [--seconds N]
 * zkml4j validator --miners HOST:PORT@HEX[,…] [--hotkey validator.key] [--key M.vk[,…]] [--rounds 10] …
 * zkml4j verify-remote --target HOST:PORT --proof P.proof (--key M.vk | --circuit-id HEX) [--tls-ca CERT]
 * zkml4j subnet [--miners 4] [--cheaters 1] [--slow 1] [--rounds 5] [--tls true]
 * </pre>
 */
public final class BridgeCli {
    /** The commands this class runs. */
    public static final Set<String> COMMANDS = Set.of("miner", "validator", "verify-remote", "subnet");
    /** Usage lines for the commands, to append to the main usage text. */
    public static final String USAGE_TEXT = String.join("\n",
            "       zkml4j miner --validators HEX[,HEX] [--port 50051] [--host 127.0.0.1] [--hotkey miner.key]"
                    + " [--model M.zkm[,M2.zkm]] [--behavior honest] [--tls-dir DIR] [--seconds N]",
            "       zkml4j validator --miners HOST:PORT@HEX[,...] [--hotkey validator.key] [--key M.vk[,M2.vk]]"
                    + " [--rounds 10] [--interval-ms 1000] [--deadline-ms 5000] [--rows 1] [--scores validator-scores.txt]"
                    + " [--tls-ca CERT] [--serve-port P]",
            "       zkml4j verify-remote --target HOST:PORT --proof P.proof (--key M.vk | --circuit-id HEX)"
                    + " [--hotkey F] [--tls-ca CERT] [--deadline-ms 10000]",
            "       zkml4j subnet [--miners 4] [--cheaters 1] [--slow 1] [--slow-ms 300] [--rounds 5]"
                    + " [--deadline-ms 5000] [--tls false] [--scores FILE] [--model M.zkm[,...]]");
    static final int OK = 0;
    static final int INVALID = 1;
    static final int USAGE = 2;

    private BridgeCli() {}

    /** Runs {@code command} with {@code args}; returns the exit code. */
    public static int run(String command, String[] args, PrintStream out, PrintStream err) {
        try {
            return switch (command) {
                case "miner" -> miner(Options.parse(args, Set.of("validators", "port", "host", "hotkey", "model",
                        "behavior", "tls-dir", "seconds")), out);
                case "validator" -> validator(Options.parse(args, Set.of("miners", "hotkey", "key", "rounds",
                        "interval-ms", "deadline-ms", "rows", "scores", "tls-ca", "serve-port")), out);
                case "verify-remote" -> verifyRemote(Options.parse(args, Set.of("target", "proof", "key",
                        "circuit-id", "hotkey", "tls-ca", "deadline-ms")), out, err);
                case "subnet" -> subnet(Options.parse(args, Set.of("miners", "cheaters", "slow", "slow-ms", "rounds",
                        "deadline-ms", "tls", "scores", "model")), out);
                default -> throw new UsageException("unknown command '" + command + "'");
            };
        } catch (UsageException e) {
            err.println("zkml4j: " + e.getMessage());
            err.println("usage:" + USAGE_TEXT.substring("      ".length()));
            return USAGE;
        } catch (NoSuchFileException e) {
            err.println("zkml4j: no such file: " + e.getFile());
            return USAGE;
        } catch (StatusRuntimeException e) {
            err.println("zkml4j: remote call failed: " + e.getStatus().getCode() + ": " + e.getStatus().getDescription());
            return USAGE;
        } catch (IOException | RuntimeException e) {
            err.println("zkml4j: " + e.getMessage());
            return USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("zkml4j: interrupted");
            return USAGE;
        }
    }

    private static int miner(Options o, PrintStream out) throws UsageException, IOException, InterruptedException {
        List<String> validators = o.list("validators");
        if (validators.isEmpty()) {
            throw new UsageException("missing --validators (the hex hotkeys this miner answers)");
        }
        Hotkey hotkey = Hotkey.loadOrCreate(Path.of(o.get("hotkey", "miner.key")));
        TlsFiles tls = o.has("tls-dir") ? tlsFiles(Path.of(o.get("tls-dir", ""))) : null;
        try (MinerNode miner = MinerNode.builder(hotkey, provableCircuits(o.list("model")))
                .admit(Set.copyOf(validators)).host(o.get("host", "127.0.0.1"))
                .port((int) o.integer("port", 50051, 0, 65535))
                .behavior(MinerBehavior.parse(o.get("behavior", "honest"))).tls(tls).start()) {
            out.println("miner " + hotkey.publicKeyHex() + " listening on " + o.get("host", "127.0.0.1") + ":"
                    + miner.port() + (tls == null ? " (plaintext)" : " (TLS, pin " + tls.certificate() + ")"));
            long seconds = o.integer("seconds", 0, 0, Integer.MAX_VALUE);
            if (seconds > 0) {
                Thread.sleep(seconds * 1000);
            } else {
                Runtime.getRuntime().addShutdownHook(new Thread(miner::close));
                miner.awaitTermination();
            }
        }
        return OK;
    }

    private static int validator(Options o, PrintStream out) throws UsageException, IOException, InterruptedException {
        Hotkey hotkey = Hotkey.loadOrCreate(Path.of(o.get("hotkey", "validator.key")));
        List<String> specs = o.list("miners");
        if (specs.isEmpty()) {
            out.println("validator hotkey " + hotkey.publicKeyHex() + " (miners admit it with --validators)");
            throw new UsageException("missing --miners HOST:PORT@HOTKEY[,...]");
        }
        TlsFiles pinned = o.has("tls-ca") ? TlsFiles.pinned(Path.of(o.get("tls-ca", ""))) : null;
        List<Circuit> circuits = verifyOnlyCircuits(o.list("key"));
        List<MinerEndpoint> miners = new ArrayList<>();
        VerifierNode verifier = null;
        try {
            for (String spec : specs) {
                int at = spec.indexOf('@');
                if (at < 0 || !spec.substring(at + 1).matches("[0-9a-f]{64}")) {
                    throw new UsageException("miner '" + spec + "' must be HOST:PORT@HOTKEY (64 hex digits)");
                }
                String[] hostPort = Channels.hostAndPort(spec.substring(0, at));
                miners.add(new MinerEndpoint(spec.substring(at + 1), spec.substring(0, at),
                        Channels.open(hostPort[0], Integer.parseInt(hostPort[1]), pinned)));
            }
            for (MinerEndpoint m : miners) {
                if (!Channels.connect(m.channel(), Duration.ofSeconds(5))) {
                    out.println("warning: miner " + m.address() + " is not reachable yet (it scores as ERROR until it is)");
                }
            }
            if (o.has("serve-port")) {
                verifier = VerifierNode.builder(circuits).port((int) o.integer("serve-port", 0, 0, 65535)).start();
                out.println("public verification service on 127.0.0.1:" + verifier.port());
            }
            ScoreBoard board = new ScoreBoard(OmronReward.DEFAULTS,
                    new ScoreFile(Path.of(o.get("scores", "validator-scores.txt"))));
            Validator validator = Validator.builder(new RequestSigner(hotkey), miners,
                    circuits.stream().map(c -> new WeightedCircuit(c, 1.0)).toList(), board)
                    .deadline(Duration.ofMillis(o.integer("deadline-ms", 5000, 1, 600_000)))
                    .rowsPerRequest((int) o.integer("rows", 1, 1, 1024)).build();
            out.println("validator " + hotkey.publicKeyHex() + ", " + miners.size() + " miners, "
                    + circuits.size() + " circuits");
            long rounds = o.integer("rounds", 10, 0, Integer.MAX_VALUE);
            long interval = o.integer("interval-ms", 1000, 0, 3_600_000);
            for (long r = 1; rounds == 0 || r <= rounds; r++) {
                RoundReport report = validator.runRound();
                out.print(ScoreTable.render(report, board, hotkeyHex -> "miner"));
                out.flush();
                if (rounds == 0 || r < rounds) {
                    Thread.sleep(interval);
                }
            }
            return OK;
        } finally {
            for (MinerEndpoint m : miners) {
                m.channel().shutdownNow();
            }
            if (verifier != null) {
                verifier.close();
            }
        }
    }

    private static int verifyRemote(Options o, PrintStream out, PrintStream err)
            throws UsageException, IOException, InterruptedException {
        String[] target = Channels.hostAndPort(o.required("target"));
        ProofFile file = ProofFile.fromBytes(Files.readAllBytes(Path.of(o.required("proof"))));
        VerifyRequest.Builder request = VerifyRequest.newBuilder()
                .setStatement(ByteString.copyFrom(file.statement().toBytes())).setProof(ByteString.copyFrom(file.proof()));
        if (o.has("key") == o.has("circuit-id")) {
            throw new UsageException("give exactly one of --key M.vk and --circuit-id HEX");
        }
        if (o.has("key")) {
            request.setVerificationKey(ByteString.copyFrom(Files.readAllBytes(Path.of(o.required("key")))));
        } else {
            String id = o.required("circuit-id");
            if (!id.matches("[0-9a-f]{64}")) {
                throw new UsageException("--circuit-id must be 64 lowercase hex digits");
            }
            request.setCircuitId(ByteString.copyFrom(HexFormat.of().parseHex(id)));
        }
        Hotkey hotkey = o.has("hotkey") ? Hotkey.loadOrCreate(Path.of(o.get("hotkey", "")))
                : Hotkey.generate(new SecureRandom());
        TlsFiles pinned = o.has("tls-ca") ? TlsFiles.pinned(Path.of(o.get("tls-ca", ""))) : null;
        ManagedChannel channel = Channels.open(target[0], Integer.parseInt(target[1]), pinned);
        try {
            VerifyRequest built = request.build();
            VerifyResponse response = new RequestSigner(hotkey)
                    .sign(VerificationGrpc.newBlockingStub(channel), VerificationGrpc.getVerifyMethod(), built)
                    .withDeadlineAfter(o.integer("deadline-ms", 10_000, 1, 600_000), TimeUnit.MILLISECONDS)
                    .verify(built);
            if (response.getValid()) {
                out.println("valid");
                return OK;
            }
            err.println("invalid: " + response.getReason());
            return INVALID;
        } finally {
            channel.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
        }
    }

    private static int subnet(Options o, PrintStream out) throws UsageException, IOException, InterruptedException {
        int miners = (int) o.integer("miners", 4, 1, 32);
        int cheaters = (int) o.integer("cheaters", 1, 0, miners);
        int slow = (int) o.integer("slow", 1, 0, miners - cheaters);
        Duration slowDelay = Duration.ofMillis(o.integer("slow-ms", 300, 0, 60_000));
        List<MinerBehavior> behaviors = new ArrayList<>();
        for (int i = 0; i < miners; i++) {
            behaviors.add(i < miners - cheaters - slow ? MinerBehavior.honest()
                    : i < miners - slow ? MinerBehavior.cheating() : MinerBehavior.slow(slowDelay));
        }
        LocalSubnet.Builder builder = LocalSubnet.builder().miners(behaviors)
                .deadline(Duration.ofMillis(o.integer("deadline-ms", 5000, 1, 600_000)));
        for (String model : o.list("model")) {
            builder.circuit(baseName(Path.of(model)), loadModel(Path.of(model)));
        }
        if (o.has("scores")) {
            builder.scores(Path.of(o.get("scores", "")));
        }
        Path tlsDirectory = o.flag("tls") ? Files.createTempDirectory("zkml4j-subnet-tls") : null;
        if (tlsDirectory != null) {
            builder.tls(tlsDirectory);
        }
        long rounds = o.integer("rounds", 5, 1, 100_000);
        try (LocalSubnet net = builder.start()) {
            out.println("local subnet: " + miners + " miners (" + cheaters + " cheating, " + slow + " slow), 1 validator,"
                    + " public verifier on 127.0.0.1:" + net.verifierPort() + (tlsDirectory == null ? ", plaintext"
                    : ", TLS pinned to " + tlsDirectory.resolve("node.crt")));
            for (long r = 1; r <= rounds; r++) {
                out.print(ScoreTable.render(net.runRound(), net.board(), net.roles()::get));
                out.flush();
            }
            out.println("final weights:");
            net.board().weights().entrySet().stream()
                    .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                    .forEach(e -> out.printf("  %s %-11s %.3f%n", e.getKey().substring(0, 8), net.roles().get(e.getKey()),
                            e.getValue()));
        }
        return OK;
    }

    /** The node certificate and key in {@code directory}, generated (self-signed) when absent. */
    static TlsFiles tlsFiles(Path directory) throws IOException {
        TlsFiles files = new TlsFiles(directory.resolve("node.crt"), directory.resolve("node.key"));
        if (Files.exists(files.certificate()) && Files.exists(files.privateKey())) {
            return files;
        }
        return SelfSignedCertificate.generate(directory, Duration.ofDays(365));
    }

    private static List<Circuit> provableCircuits(List<String> models) throws IOException {
        if (models.isEmpty()) {
            return List.of(Circuit.provable(DefaultCircuits.TINY_MLP, DefaultCircuits.tinyMlp()));
        }
        List<Circuit> circuits = new ArrayList<>();
        for (String m : models) {
            circuits.add(Circuit.provable(baseName(Path.of(m)), loadModel(Path.of(m))));
        }
        return circuits;
    }

    private static List<Circuit> verifyOnlyCircuits(List<String> keys) throws IOException {
        if (keys.isEmpty()) {
            return List.of(Circuit.verifyOnly(DefaultCircuits.TINY_MLP, DefaultCircuits.tinyMlp().verificationKey()));
        }
        List<Circuit> circuits = new ArrayList<>();
        for (String k : keys) {
            Path path = Path.of(k);
            circuits.add(Circuit.verifyOnly(baseName(path), VerificationKey.fromBytes(Files.readAllBytes(path))));
        }
        return circuits;
    }

    private static VerifiableModel loadModel(Path file) throws IOException {
        return VerifiableModel.load(new ByteArrayInputStream(Files.readAllBytes(file)));
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
