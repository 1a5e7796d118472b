package org.zkml4j.bridge.cli;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.zkml4j.bridge.auth.Hotkey;
import org.zkml4j.bridge.auth.RequestSigner;
import org.zkml4j.bridge.net.Channels;
import org.zkml4j.bridge.net.TlsFiles;
import org.zkml4j.bridge.v1.VerificationGrpc;
import org.zkml4j.bridge.v1.VerifyRequest;
import org.zkml4j.bridge.v1.VerifyResponse;
import org.zkml4j.sdk.ProofFile;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zkml4j verify-remote}: asks a verification node whether a proof file is valid. */
@Command(name = "verify-remote", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Ask a verification node to verify a proof file. Exit 0 valid, 1 invalid, 2 error.")
public final class VerifyRemoteCommand extends CliCommand {
    @Option(names = "--target", required = true, paramLabel = "HOST:PORT", description = "the verification node")
    private String target;

    @Option(names = "--proof", required = true, paramLabel = "P.proof", description = "the proof file (groth16: proof.json)")
    private Path proof;

    @Option(names = "--system", defaultValue = "zkml4j", description = Groth16Files.SYSTEM_HELP)
    private String system;

    @Option(names = "--public", paramLabel = "public.json", description = "groth16: the public signals")
    private Path publicSignals;

    @ArgGroup(multiplicity = "1")
    private Circuit circuit;

    /** Which circuit: the key itself or the id of one the node knows. */
    static final class Circuit {
        @Option(names = "--key", paramLabel = "M.vk", description = "send this verification key along")
        private Path key;

        @Option(names = "--circuit-id", paramLabel = "HEX", description = "a circuit the node knows, by id")
        private String id;
    }

    @Option(names = "--hotkey", paramLabel = "FILE", description = "sign with this hotkey (default: a fresh one)")
    private Path hotkey;

    @Option(names = "--tls-ca", paramLabel = "CERT", description = "the node's pinned TLS certificate")
    private Path tlsCa;

    @Option(names = "--deadline-ms", defaultValue = "10000", description = "time allowed (default: ${DEFAULT-VALUE})")
    private long deadlineMs;

    @Override
    public Integer call() throws Exception {
        if (deadlineMs < 1 || deadlineMs > 600_000) {
            throw new CliException("--deadline-ms must be in [1, 600000]");
        }
        String[] hostPort = Channels.hostAndPort(target);
        boolean groth16 = Groth16Files.selects(system);
        Groth16Files.requirePublic(groth16, publicSignals);
        VerifyRequest.Builder request;
        if (groth16) {
            request = Groth16Files.request(proof, publicSignals);
        } else {
            ProofFile file = ProofFile.fromBytes(InputFiles.read(proof));
            request = VerifyRequest.newBuilder().setStatement(ByteString.copyFrom(file.statement().toBytes()))
                    .setProof(ByteString.copyFrom(file.proof()));
        }
        if (circuit.key != null) {
            request.setVerificationKey(ByteString.copyFrom(groth16 ? Groth16Files.key(circuit.key)
                    : InputFiles.read(circuit.key)));
        } else {
            if (!circuit.id.matches("[0-9a-f]{64}")) {
                throw new CliException("--circuit-id must be 64 lowercase hex digits");
            }
            request.setCircuitId(ByteString.copyFrom(HexFormat.of().parseHex(circuit.id)));
        }
        Hotkey signer = hotkey != null ? Hotkey.loadOrCreate(hotkey) : Hotkey.generate(new SecureRandom());
        TlsFiles pinned = tlsCa == null ? null : TlsFiles.pinned(tlsCa);
        ManagedChannel channel = Channels.open(hostPort[0], Integer.parseInt(hostPort[1]), pinned);
        try {
            VerifyRequest built = request.build();
            VerifyResponse response = new RequestSigner(signer)
                    .sign(VerificationGrpc.newBlockingStub(channel), VerificationGrpc.getVerifyMethod(), built)
                    .withDeadlineAfter(deadlineMs, TimeUnit.MILLISECONDS).verify(built);
            if (response.getValid()) {
                out.println("valid");
                return Cli.OK;
            }
            err.println("invalid: " + response.getReason());
            return Cli.INVALID;
        } finally {
            channel.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
        }
    }
}
