package org.zkml4j.bridge.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.zkml4j.bridge.auth.Hotkey;
import org.zkml4j.bridge.miner.MinerBehavior;
import org.zkml4j.bridge.miner.MinerNode;
import org.zkml4j.bridge.net.TlsFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zkml4j miner}: serves proofs to the validators it admits. */
@Command(name = "miner", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Serve proofs of the given models to the validators whose hotkeys are listed.")
public final class MinerCommand extends CliCommand {
    @Option(names = "--validators", required = true, split = ",", paramLabel = "HEX",
            description = "hex hotkeys of the validators this miner answers")
    private List<String> validators;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to listen on (default: ${DEFAULT-VALUE})")
    private String host;

    @Option(names = "--port", defaultValue = "50051", description = "port to listen on, 0 for any (default: ${DEFAULT-VALUE})")
    private int port;

    @Option(names = "--hotkey", defaultValue = "miner.key", paramLabel = "FILE",
            description = "this miner's hotkey, created if absent (default: ${DEFAULT-VALUE})")
    private Path hotkey;

    @Option(names = "--model", split = ",", paramLabel = "M.zkm",
            description = "compiled models to prove (default: the built-in tiny MLP)")
    private List<Path> models = List.of();

    @Option(names = "--behavior", defaultValue = "honest", description = "honest, cheating or slow:MS (for tests)")
    private String behavior;

    @Option(names = "--tls-dir", paramLabel = "DIR", description = "serve TLS with DIR/node.crt and node.key (made if absent)")
    private Path tlsDir;

    @Option(names = "--seconds", defaultValue = "0", description = "stop after this many seconds (0: run until killed)")
    private int seconds;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535 || seconds < 0) {
            throw new CliException("--port must be in [0, 65535] and --seconds non-negative");
        }
        Hotkey key = Hotkey.loadOrCreate(hotkey);
        TlsFiles tls = tlsDir == null ? null : NodeFiles.tls(tlsDir);
        try (MinerNode miner = MinerNode.builder(key, NodeFiles.provable(models)).admit(Set.copyOf(validators))
                .host(host).port(port).behavior(MinerBehavior.parse(behavior)).tls(tls).start()) {
            out.println("miner " + key.publicKeyHex() + " listening on " + host + ":" + miner.port()
                    + (tls == null ? " (plaintext)" : " (TLS, pin " + tls.certificate() + ")"));
            if (seconds > 0) {
                Thread.sleep(seconds * 1000L);
            } else {
                Runtime.getRuntime().addShutdownHook(new Thread(miner::close));
                miner.awaitTermination();
            }
        }
        return Cli.OK;
    }
}
