package org.zkml4j.bridge.cli;

import java.nio.file.Path;
import java.util.List;
import org.zkml4j.bridge.circuit.Circuit;
import org.zkml4j.bridge.circuit.Groth16Circuit;
import org.zkml4j.bridge.net.TlsFiles;
import org.zkml4j.bridge.verify.VerifierNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zkml4j verifier}: a standalone public verification node. */
@Command(name = "verifier", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Serve public verification (any signed caller, rate-limited per hotkey) for the given keys.")
public final class VerifierCommand extends CliCommand {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to listen on, 0.0.0.0 for all "
            + "(default: ${DEFAULT-VALUE})")
    private String host;

    @Option(names = "--port", defaultValue = "50052", description = "port to listen on, 0 for any (default: ${DEFAULT-VALUE})")
    private int port;

    @Option(names = "--key", split = ",", paramLabel = "M.vk",
            description = "verification keys of the circuits known by id (default: the built-in tiny MLP); "
                    + "callers may also send a key inline")
    private List<Path> keys = List.of();

    @Option(names = "--tls-dir", paramLabel = "DIR", description = "serve TLS with DIR/node.crt and node.key (made if absent)")
    private Path tlsDir;

    @Option(names = "--seconds", defaultValue = "0", description = "stop after this many seconds (0: run until killed)")
    private int seconds;

    @Option(names = "--system", defaultValue = "zkml4j", description = "zkml4j (default) or groth16: serve snarkjs "
            + "verification keys (--key verification_key.json[,...]; circuit id = SHA-256 of each file)")
    private String system;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535 || seconds < 0) {
            throw new CliException("--port must be in [0, 65535] and --seconds non-negative");
        }
        boolean groth16 = Groth16Files.selects(system);
        List<Circuit> circuits = groth16 ? List.of() : NodeFiles.verifyOnly(keys);
        List<Groth16Circuit> snarkjs = groth16 ? Groth16Files.circuits(keys) : List.of();
        TlsFiles tls = tlsDir == null ? null : NodeFiles.tls(tlsDir);
        try (VerifierNode node = VerifierNode.builder(circuits).groth16(snarkjs).host(host).port(port).tls(tls)
                .start()) {
            for (Groth16Circuit c : snarkjs) {
                out.println("groth16-bn254 circuit " + c.idHex() + " (" + c.name() + ", "
                        + c.key().publicSignalCount() + " public signals)");
            }
            out.println("verifier listening on " + host + ":" + node.port() + ", " + (circuits.size() + snarkjs.size())
                    + " circuits" + (tls == null ? " (plaintext)" : " (TLS, pin " + tls.certificate() + ")"));
            if (seconds > 0) {
                Thread.sleep(seconds * 1000L);
            } else {
                Runtime.getRuntime().addShutdownHook(new Thread(node::close));
                node.awaitTermination();
            }
        }
        return Cli.OK;
    }
}
