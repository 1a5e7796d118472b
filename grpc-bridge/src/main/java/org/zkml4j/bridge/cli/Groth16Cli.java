package org.zkml4j.bridge.cli;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.zkml4j.bridge.auth.Hotkey;
import org.zkml4j.bridge.auth.RequestSigner;
import org.zkml4j.bridge.circuit.Groth16Circuit;
import org.zkml4j.bridge.cli.Options.UsageException;
import org.zkml4j.bridge.net.Channels;
import org.zkml4j.bridge.net.TlsFiles;
import org.zkml4j.bridge.v1.ProofSystem;
import org.zkml4j.bridge.v1.VerificationGrpc;
import org.zkml4j.bridge.v1.VerifyRequest;
import org.zkml4j.bridge.v1.VerifyResponse;
import org.zkml4j.bridge.verify.VerifierNode;
import org.zkml4j.groth16.Groth16;
import org.zkml4j.groth16.SnarkjsJson;
import org.zkml4j.groth16.Verdict;
import org.zkml4j.groth16.VerifyingKey;

/**
 * The {@code --system groth16} commands: snarkjs files verified here, on a verification node, or
 * served by one. The command line dispatches here when it sees {@code --system groth16}
 * ({@link #selects}); {@code --system zkml4j} is the default and may be given or left out. Exit
 * codes: 0 valid (or a node that stopped), 1 invalid proof, 2 bad usage, an unreadable or malformed
 * file, or a refused call.
 *
 * <pre>
 * zkml4j verify --system groth16 --key verification_key.json --proof proof.json --public public.json
 * zkml4j verify-remote --system groth16 --target HOST:PORT (--key verification_key.json | --circuit-id HEX)
 *        --proof proof.json --public public.json [--hotkey F] [--tls-ca CERT] [--deadline-ms 10000]
 * zkml4j verifier --system groth16 --key vk.json[,vk2.json] [--port 50052] [--host 127.0.0.1] [--tls-dir D] [--seconds N]
 * </pre>
 */
public final class Groth16Cli {
    /** Usage lines, to append to the main usage text. */
    public static final String USAGE_TEXT = String.join("\n",
            "       zkml4j verify --system groth16 --key verification_key.json --proof proof.json --public public.json",
            "       zkml4j verify-remote --system groth16 --target HOST:PORT (--key verification_key.json | --circuit-id HEX)"
                    + " --proof proof.json --public public.json [--hotkey F] [--tls-ca CERT] [--deadline-ms 10000]",
            "       zkml4j verifier --system groth16 --key vk.json[,vk2.json] [--port 50052] [--host 127.0.0.1]"
                    + " [--tls-dir DIR] [--seconds N]   (a verification node; circuit id = SHA-256 of each key file)");
    private static final int OK = 0;
    private static final int INVALID = 1;
    private static final int USAGE = 2;

    private Groth16Cli() {}

    /** Whether {@code args} (command first) ask for a system other than zkml4j: this class answers them. */
    public static boolean selects(String[] args) {
        return !system(args).equals("zkml4j");
    }

    /** {@code args} without a {@code --system zkml4j} pair, for the zkml4j commands that do not know it. */
    public static String[] withoutDefaultSystem(String[] args) {
        List<String> kept = new ArrayList<>(Arrays.asList(args));
        for (int i = 1; i + 1 < kept.size(); i++) {
            if (kept.get(i).equals("--system") && kept.get(i + 1).equals("zkml4j")) {
                kept.subList(i, i + 2).clear();
                break;
            }
        }
        return kept.toArray(new String[0]);
    }

    /** Runs {@code args} (command first, {@code --system groth16} among them); returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            if (!system(args).equals("groth16")) {
                throw new UsageException("unknown --system " + system(args) + " (known: zkml4j, groth16)");
            }
            return switch (args[0]) {
                case "verify" -> verify(Options.parse(rest, Set.of("system", "key", "proof", "public")), out, err);
                case "verify-remote" -> verifyRemote(Options.parse(rest, Set.of("system", "target", "key", "circuit-id",
                        "proof", "public", "hotkey", "tls-ca", "deadline-ms")), out, err);
                case "verifier" -> verifier(Options.parse(rest, Set.of("system", "key", "port", "host", "seconds", "tls-dir")),
                        out);
                default -> throw new UsageException("--system groth16 works with verify, verify-remote and verifier, not '"
                        + args[0] + "'");
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

    private static int verify(Options o, PrintStream out, PrintStream err) throws UsageException, IOException {
        VerifyingKey key = SnarkjsJson.verifyingKey(SnarkjsJson.read(Path.of(o.required("key")), SnarkjsJson.MAX_KEY_BYTES));
        Verdict verdict = Groth16.verify(key,
                SnarkjsJson.proof(SnarkjsJson.read(Path.of(o.required("proof")), SnarkjsJson.MAX_PROOF_BYTES)),
                SnarkjsJson.publicSignals(SnarkjsJson.read(Path.of(o.required("public")), SnarkjsJson.MAX_PUBLIC_BYTES)));
        return report(verdict.valid(), verdict.reason(), out, err);
    }

    private static int verifyRemote(Options o, PrintStream out, PrintStream err)
            throws UsageException, IOException, InterruptedException {
        String[] target = Channels.hostAndPort(o.required("target"));
        VerifyRequest.Builder request = VerifyRequest.newBuilder().setProofSystem(ProofSystem.PROOF_SYSTEM_GROTH16_BN254)
                .setProof(ByteString.copyFrom(SnarkjsJson.read(Path.of(o.required("proof")), SnarkjsJson.MAX_PROOF_BYTES)))
                .setStatement(ByteString.copyFrom(
                        SnarkjsJson.read(Path.of(o.required("public")), SnarkjsJson.MAX_PUBLIC_BYTES)));
        if (o.has("key") == o.has("circuit-id")) {
            throw new UsageException("give exactly one of --key verification_key.json and --circuit-id HEX");
        }
        if (o.has("key")) {
            request.setVerificationKey(ByteString.copyFrom(
                    SnarkjsJson.read(Path.of(o.required("key")), SnarkjsJson.MAX_KEY_BYTES)));
        } else {
            String id = o.required("circuit-id");
            if (!id.matches("[0-9a-f]{64}")) {
                throw new UsageException("--circuit-id must be 64 lowercase hex digits");
            }
            request.setCircuitId(ByteString.copyFrom(HexFormat.of().parseHex(id)));
        }
        Hotkey hotkey = o.has("hotkey") ? Hotkey.loadOrCreate(Path.of(o.required("hotkey")))
                : Hotkey.generate(new SecureRandom());
        TlsFiles pinned = o.has("tls-ca") ? TlsFiles.pinned(Path.of(o.required("tls-ca"))) : null;
        ManagedChannel channel = Channels.open(target[0], Integer.parseInt(target[1]), pinned);
        try {
            VerifyRequest built = request.build();
            VerifyResponse response = new RequestSigner(hotkey)
                    .sign(VerificationGrpc.newBlockingStub(channel), VerificationGrpc.getVerifyMethod(), built)
                    .withDeadlineAfter(o.integer("deadline-ms", 10_000, 1, 600_000), TimeUnit.MILLISECONDS)
                    .verify(built);
            return report(response.getValid(), response.getReason(), out, err);
        } finally {
            channel.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
        }
    }

    private static int verifier(Options o, PrintStream out) throws UsageException, IOException, InterruptedException {
        List<String> keys = o.list("key");
        if (keys.isEmpty()) {
            throw new UsageException("missing --key verification_key.json[,...]");
        }
        List<Groth16Circuit> circuits = new ArrayList<>();
        for (String file : keys) {
            circuits.add(Groth16Circuit.read(Path.of(file)));
        }
        String host = o.get("host", "127.0.0.1");
        TlsFiles tls = o.has("tls-dir") ? BridgeCli.tlsFiles(Path.of(o.required("tls-dir"))) : null;
        try (VerifierNode node = VerifierNode.builder(List.of()).groth16(circuits).host(host).tls(tls)
                .port((int) o.integer("port", 50052, 0, 65535)).start()) {
            for (Groth16Circuit c : circuits) {
                out.println("groth16-bn254 circuit " + c.idHex() + " (" + c.name() + ", "
                        + c.key().publicSignalCount() + " public signals)");
            }
            out.println("verifier listening on " + host + ":" + node.port()
                    + (tls == null ? " (plaintext)" : " (TLS, pin " + tls.certificate() + ")"));
            long seconds = o.integer("seconds", 0, 0, Integer.MAX_VALUE);
            if (seconds > 0) {
                Thread.sleep(seconds * 1000);
            } else {
                Runtime.getRuntime().addShutdownHook(new Thread(node::close));
                node.awaitTermination();
            }
        }
        return OK;
    }

    private static int report(boolean valid, String reason, PrintStream out, PrintStream err) {
        if (valid) {
            out.println("valid");
            return OK;
        }
        err.println("invalid: " + reason);
        return INVALID;
    }

    private static String system(String[] args) {
        for (int i = 1; i + 1 < args.length; i++) {
            if (args[i].equals("--system")) {
                return args[i + 1];
            }
        }
        return "zkml4j";
    }
}
