package org.zkml4j.bridge.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.zkml4j.bridge.auth.Hotkey;
import org.zkml4j.bridge.auth.RequestSigner;
import org.zkml4j.bridge.circuit.Circuit;
import org.zkml4j.bridge.net.Channels;
import org.zkml4j.bridge.net.TlsFiles;
import org.zkml4j.bridge.score.OmronReward;
import org.zkml4j.bridge.score.ScoreBoard;
import org.zkml4j.bridge.score.ScoreFile;
import org.zkml4j.bridge.validator.MinerEndpoint;
import org.zkml4j.bridge.validator.RoundReport;
import org.zkml4j.bridge.validator.Validator;
import org.zkml4j.bridge.validator.WeightedCircuit;
import org.zkml4j.bridge.verify.VerifierNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zkml4j validator}: asks miners for proofs, verifies and scores them, round after round. */
@Command(name = "validator", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Challenge miners each round, verify their proofs and keep their scores.")
public final class ValidatorCommand extends CliCommand {
    @Option(names = "--miners", split = ",", paramLabel = "HOST:PORT@HEX",
            description = "the miners to challenge, each with its hex hotkey")
    private List<String> minerSpecs = List.of();

    @Option(names = "--hotkey", defaultValue = "validator.key", paramLabel = "FILE",
            description = "this validator's hotkey, created if absent (default: ${DEFAULT-VALUE})")
    private Path hotkey;

    @Option(names = "--key", split = ",", paramLabel = "M.vk",
            description = "verification keys of the circuits to ask for (default: the built-in tiny MLP)")
    private List<Path> keys = List.of();

    @Option(names = "--rounds", defaultValue = "10", description = "rounds to run, 0 for ever (default: ${DEFAULT-VALUE})")
    private int rounds;

    @Option(names = "--interval-ms", defaultValue = "1000", description = "pause between rounds (default: ${DEFAULT-VALUE})")
    private long intervalMs;

    @Option(names = "--deadline-ms", defaultValue = "5000", description = "time a miner has to answer (default: ${DEFAULT-VALUE})")
    private long deadlineMs;

    @Option(names = "--rows", defaultValue = "1", description = "input rows per request (default: ${DEFAULT-VALUE})")
    private int rows;

    @Option(names = "--scores", defaultValue = "validator-scores.txt", paramLabel = "FILE",
            description = "where scores persist (default: ${DEFAULT-VALUE})")
    private Path scores;

    @Option(names = "--tls-ca", paramLabel = "CERT", description = "the TLS certificate pinned for every miner")
    private Path tlsCa;

    @Option(names = "--miner-cert", paramLabel = "HEX=CERT",
            description = "the TLS certificate pinned for the miner with this hotkey (overrides --tls-ca; repeatable)")
    private Map<String, Path> minerCerts = Map.of();

    @Option(names = "--serve-port", paramLabel = "P", description = "also serve public verification on port P")
    private Integer servePort;

    @Option(names = "--serve-host", defaultValue = "127.0.0.1",
            description = "address the verification service listens on (default: ${DEFAULT-VALUE})")
    private String serveHost;

    @Option(names = "--serve-tls-dir", paramLabel = "DIR",
            description = "serve the verification service over TLS with DIR/node.crt and node.key (made if absent)")
    private Path serveTlsDir;

    @Override
    public Integer call() throws Exception {
        check(rounds >= 0, "--rounds must be >= 0");
        check(intervalMs >= 0 && intervalMs <= 3_600_000, "--interval-ms must be in [0, 3600000]");
        check(deadlineMs >= 1 && deadlineMs <= 600_000, "--deadline-ms must be in [1, 600000]");
        check(rows >= 1 && rows <= 1024, "--rows must be in [1, 1024]");
        check(servePort == null || (servePort >= 0 && servePort <= 65535), "--serve-port must be in [0, 65535]");
        Hotkey key = Hotkey.loadOrCreate(hotkey);
        if (minerSpecs.isEmpty()) {
            out.println("validator hotkey " + key.publicKeyHex() + " (miners admit it with --validators)");
            throw new CliException("missing --miners HOST:PORT@HOTKEY[,...]");
        }
        List<Circuit> circuits = NodeFiles.verifyOnly(keys);
        List<MinerEndpoint> miners = new ArrayList<>();
        VerifierNode verifier = null;
        try {
            for (String spec : minerSpecs) {
                int at = spec.indexOf('@');
                if (at < 0 || !spec.substring(at + 1).matches("[0-9a-f]{64}")) {
                    throw new CliException("miner '" + spec + "' must be HOST:PORT@HOTKEY (64 hex digits)");
                }
                String hex = spec.substring(at + 1);
                String[] hostPort = Channels.hostAndPort(spec.substring(0, at));
                Path cert = minerCerts.getOrDefault(hex, tlsCa);
                miners.add(new MinerEndpoint(hex, spec.substring(0, at), Channels.open(hostPort[0],
                        Integer.parseInt(hostPort[1]), cert == null ? null : TlsFiles.pinned(cert))));
            }
            for (String hex : minerCerts.keySet()) {
                if (miners.stream().noneMatch(m -> m.hotkey().equals(hex))) {
                    throw new CliException("--miner-cert names " + hex + ", which is not in --miners");
                }
            }
            for (MinerEndpoint m : miners) {
                if (!Channels.connect(m.channel(), Duration.ofSeconds(5))) {
                    out.println("warning: miner " + m.address() + " is not reachable yet (it scores as ERROR until it is)");
                }
            }
            if (servePort != null) {
                TlsFiles serveTls = serveTlsDir == null ? null : NodeFiles.tls(serveTlsDir);
                verifier = VerifierNode.builder(circuits).host(serveHost).port(servePort).tls(serveTls).start();
                out.println("public verification service on " + serveHost + ":" + verifier.port()
                        + (serveTls == null ? " (plaintext)" : " (TLS, pin " + serveTls.certificate() + ")"));
            }
            ScoreBoard board = new ScoreBoard(OmronReward.DEFAULTS, new ScoreFile(scores));
            Validator validator = Validator.builder(new RequestSigner(key), miners,
                    circuits.stream().map(c -> new WeightedCircuit(c, 1.0)).toList(), board)
                    .deadline(Duration.ofMillis(deadlineMs)).rowsPerRequest(rows).build();
            out.println("validator " + key.publicKeyHex() + ", " + miners.size() + " miners, " + circuits.size()
                    + " circuits");
            for (long r = 1; rounds == 0 || r <= rounds; r++) {
                RoundReport report = validator.runRound();
                out.print(ScoreTable.render(report, board, hotkeyHex -> "miner"));
                out.flush();
                if (rounds == 0 || r < rounds) {
                    Thread.sleep(intervalMs);
                }
            }
            return Cli.OK;
        } finally {
            for (MinerEndpoint m : miners) {
                m.channel().shutdownNow();
            }
            if (verifier != null) {
                verifier.close();
            }
        }
    }

    private static void check(boolean ok, String message) throws CliException {
        if (!ok) {
            throw new CliException(message);
        }
    }
}
