package org.zkml4j.bridge.cli;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.zkml4j.bridge.circuit.Groth16Circuit;
import org.zkml4j.bridge.v1.ProofSystem;
import org.zkml4j.bridge.v1.VerifyRequest;
import org.zkml4j.groth16.Groth16;
import org.zkml4j.groth16.SnarkjsJson;
import org.zkml4j.groth16.Verdict;

/**
 * What the {@code --system groth16} forms of {@code verify}, {@code verify-remote} and
 * {@code verifier} do with snarkjs's files ({@code verification_key.json}, {@code proof.json},
 * {@code public.json}), each read within its size cap. {@code --system zkml4j} is the default.
 */
public final class Groth16Files {
    /** The {@code --system} option's description, shared by the three commands. */
    public static final String SYSTEM_HELP = "zkml4j (default) or groth16: snarkjs files — --key verification_key.json, "
            + "--proof proof.json, --public public.json";

    private Groth16Files() {}

    /**
     * Whether {@code system} is groth16.
     *
     * @throws CliException for a system other than zkml4j and groth16
     */
    public static boolean selects(String system) throws CliException {
        return switch (system) {
            case "zkml4j" -> false;
            case "groth16" -> true;
            default -> throw new CliException("unknown --system " + system + " (known: zkml4j, groth16)");
        };
    }

    /**
     * Checks that {@code --public} is given exactly with groth16.
     *
     * @throws CliException otherwise
     */
    public static void requirePublic(boolean groth16, Path publicSignals) throws CliException {
        if (groth16 && publicSignals == null) {
            throw new CliException("--system groth16 needs --public public.json");
        }
        if (!groth16 && publicSignals != null) {
            throw new CliException("--public is for --system groth16");
        }
    }

    /** Verifies snarkjs files here. */
    public static Verdict verify(Path key, Path proof, Path publicSignals) throws IOException {
        return Groth16.verify(SnarkjsJson.verifyingKey(SnarkjsJson.read(key, SnarkjsJson.MAX_KEY_BYTES)),
                SnarkjsJson.proof(SnarkjsJson.read(proof, SnarkjsJson.MAX_PROOF_BYTES)),
                SnarkjsJson.publicSignals(SnarkjsJson.read(publicSignals, SnarkjsJson.MAX_PUBLIC_BYTES)));
    }

    /** A verification request for snarkjs files; the caller names the circuit (inline key or id). */
    static VerifyRequest.Builder request(Path proof, Path publicSignals) throws IOException {
        return VerifyRequest.newBuilder().setProofSystem(ProofSystem.PROOF_SYSTEM_GROTH16_BN254)
                .setProof(ByteString.copyFrom(SnarkjsJson.read(proof, SnarkjsJson.MAX_PROOF_BYTES)))
                .setStatement(ByteString.copyFrom(SnarkjsJson.read(publicSignals, SnarkjsJson.MAX_PUBLIC_BYTES)));
    }

    /** A verification key's bytes, to send inline. */
    static byte[] key(Path key) throws IOException {
        return SnarkjsJson.read(key, SnarkjsJson.MAX_KEY_BYTES);
    }

    /** The circuits of snarkjs verification keys, for a verification node. */
    static List<Groth16Circuit> circuits(List<Path> keys) throws IOException, CliException {
        if (keys.isEmpty()) {
            throw new CliException("--system groth16 needs --key verification_key.json[,...]");
        }
        List<Groth16Circuit> circuits = new ArrayList<>();
        for (Path key : keys) {
            circuits.add(Groth16Circuit.read(key));
        }
        return circuits;
    }
}
