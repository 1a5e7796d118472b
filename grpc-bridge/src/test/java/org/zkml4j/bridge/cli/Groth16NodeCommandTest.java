package org.zkml4j.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zkml4j.bridge.circuit.Groth16Circuit;
import org.zkml4j.bridge.verify.VerifierNode;

/** {@code --system groth16} on the bridge's commands: a node serving snarkjs keys and remote verification, exit codes 0/1/2. */
class Groth16NodeCommandTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = BridgeCli.run(args[0], java.util.Arrays.copyOfRange(args, 1, args.length),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path fixture(String circuit, String file) throws IOException {
        try (InputStream in = Groth16NodeCommandTest.class.getResourceAsStream("/snarkjs/" + circuit + "/" + file)) {
            Path copy = dir.resolve(circuit + "-" + file);
            Files.write(copy, in.readAllBytes());
            return copy;
        }
    }

    @Test
    void anUnknownSystemOrAMissingKeyIsBadUsage() throws IOException {
        Run unknown = run("verifier", "--system", "plonk", "--port", "0", "--seconds", "1");
        assertEquals(2, unknown.code());
        assertEquals("zkml4j: unknown --system plonk (known: zkml4j, groth16)\n", unknown.err());
        assertEquals(2, run("verifier", "--system", "groth16", "--port", "0", "--seconds", "1").code());
        Run noPublic = run("verify-remote", "--system", "groth16", "--target", "127.0.0.1:1", "--circuit-id",
                "00".repeat(32), "--proof", fixture("multiplier", "proof.json").toString());
        assertEquals(2, noPublic.code());
        assertTrue(noPublic.err().contains("needs --public"), noPublic.err());
    }

    @Test
    void verifier_servesTheKeysOverPinnedTls() throws Exception {
        Path key = fixture("multiplier", "verification_key.json");
        Path tlsDir = dir.resolve("tls");
        ByteArrayOutputStream nodeOut = new ByteArrayOutputStream();
        PrintStream nodePrint = new PrintStream(nodeOut, true, StandardCharsets.UTF_8);
        Thread node = new Thread(() -> BridgeCli.run("verifier", new String[] {"--system", "groth16", "--key",
            key.toString(), "--port", "0", "--tls-dir", tlsDir.toString(), "--seconds", "20"}, nodePrint, nodePrint));
        node.setDaemon(true);
        node.start();
        Matcher listening = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+), \\d+ circuits \\(TLS").matcher("");
        for (int i = 0; i < 200 && !listening.reset(nodeOut.toString(StandardCharsets.UTF_8)).find(); i++) {
            Thread.sleep(50);
        }
        assertTrue(listening.find(0), nodeOut.toString(StandardCharsets.UTF_8));
        String id = Groth16Circuit.read(key).idHex();
        assertTrue(nodeOut.toString(StandardCharsets.UTF_8).contains("groth16-bn254 circuit " + id));
        Run valid = run("verify-remote", "--system", "groth16", "--target", "127.0.0.1:" + listening.group(1),
                "--circuit-id", id, "--proof", fixture("multiplier", "proof.json").toString(), "--public",
                fixture("multiplier", "public.json").toString(), "--tls-ca", tlsDir.resolve("node.crt").toString());
        assertEquals(0, valid.code(), valid.err());
        node.interrupt();
    }

    @Test
    void verifyRemote_byInlineKeyAndByCircuitId() throws Exception {
        Path key = fixture("multiplier", "verification_key.json");
        Path proof = fixture("multiplier", "proof.json");
        Path pub = fixture("multiplier", "public.json");
        Path wrong = Files.writeString(dir.resolve("wrong.json"), "[\"34\"]");
        Groth16Circuit circuit = Groth16Circuit.read(key);
        try (VerifierNode node = VerifierNode.builder(List.of()).groth16(List.of(circuit)).start()) {
            String target = "127.0.0.1:" + node.port();
            Run inline = run("verify-remote", "--system", "groth16", "--target", target, "--key", key.toString(),
                    "--proof", proof.toString(), "--public", pub.toString());
            assertEquals(0, inline.code(), inline.err());
            Run byId = run("verify-remote", "--system", "groth16", "--target", target, "--circuit-id", circuit.idHex(),
                    "--proof", proof.toString(), "--public", pub.toString());
            assertEquals(0, byId.code(), byId.err());
            Run invalid = run("verify-remote", "--system", "groth16", "--target", target, "--circuit-id",
                    circuit.idHex(), "--proof", proof.toString(), "--public", wrong.toString());
            assertEquals(1, invalid.code());
            Run unknown = run("verify-remote", "--system", "groth16", "--target", target, "--circuit-id",
                    "00".repeat(32), "--proof", proof.toString(), "--public", pub.toString());
            assertEquals(2, unknown.code());
            assertTrue(unknown.err().contains("NOT_FOUND"), unknown.err());
        }
    }
}
