package org.zkml4j.bridge.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.zkml4j.bridge.miner.MinerBehavior;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zkml4j subnet}: a whole proving subnet on loopback, with honest, cheating and slow miners. */
@Command(name = "subnet", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Run miners, a validator and a public verifier on loopback and print the scores.")
public final class SubnetCommand extends CliCommand {
    @Option(names = "--miners", defaultValue = "4", description = "miners in all, 1..32 (default: ${DEFAULT-VALUE})")
    private int miners;

    @Option(names = "--cheaters", defaultValue = "1", description = "of which cheating (default: ${DEFAULT-VALUE})")
    private int cheaters;

    @Option(names = "--slow", defaultValue = "1", description = "of which slow (default: ${DEFAULT-VALUE})")
    private int slow;

    @Option(names = "--slow-ms", defaultValue = "300", description = "a slow miner's delay (default: ${DEFAULT-VALUE})")
    private long slowMs;

    @Option(names = "--rounds", defaultValue = "5", description = "rounds to run (default: ${DEFAULT-VALUE})")
    private int rounds;

    @Option(names = "--deadline-ms", defaultValue = "5000", description = "time a miner has to answer (default: ${DEFAULT-VALUE})")
    private long deadlineMs;

    @Option(names = "--tls", description = "TLS with a pinned self-signed certificate")
    private boolean tls;

    @Option(names = "--scores", paramLabel = "FILE", description = "where scores persist (default: memory only)")
    private Path scores;

    @Option(names = "--model", split = ",", paramLabel = "M.zkm", description = "compiled models to prove (default: the tiny MLP)")
    private List<Path> models = List.of();

    @Override
    public Integer call() throws Exception {
        if (miners < 1 || miners > 32 || cheaters < 0 || slow < 0 || cheaters + slow > miners) {
            throw new CliException("--miners must be in [1, 32], with --cheaters plus --slow at most --miners");
        }
        if (slowMs < 0 || slowMs > 60_000 || rounds < 1 || rounds > 100_000 || deadlineMs < 1 || deadlineMs > 600_000) {
            throw new CliException("--slow-ms must be in [0, 60000], --rounds in [1, 100000], --deadline-ms in "
                    + "[1, 600000]");
        }
        List<MinerBehavior> behaviors = new ArrayList<>();
        for (int i = 0; i < miners; i++) {
            behaviors.add(i < miners - cheaters - slow ? MinerBehavior.honest()
                    : i < miners - slow ? MinerBehavior.cheating() : MinerBehavior.slow(Duration.ofMillis(slowMs)));
        }
        LocalSubnet.Builder builder = LocalSubnet.builder().miners(behaviors).deadline(Duration.ofMillis(deadlineMs));
        for (Path model : models) {
            builder.circuit(NodeFiles.baseName(model), NodeFiles.model(model));
        }
        if (scores != null) {
            builder.scores(scores);
        }
        Path tlsDirectory = tls ? Files.createTempDirectory("zkml4j-subnet-tls") : null;
        if (tlsDirectory != null) {
            builder.tls(tlsDirectory);
        }
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
        return Cli.OK;
    }
}
