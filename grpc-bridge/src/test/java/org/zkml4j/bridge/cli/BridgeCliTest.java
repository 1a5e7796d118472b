package org.zkml4j.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zkml4j.bridge.TestCircuits;
import org.zkml4j.bridge.auth.Hotkey;
import org.zkml4j.bridge.circuit.Circuit;
import org.zkml4j.bridge.miner.MinerNode;
import org.zkml4j.bridge.verify.VerifierNode;
import org.zkml4j.sdk.ProofFile;
import org.zkml4j.sdk.Statement;
import org.zkml4j.sdk.VerifiedPrediction;

class BridgeCliTest {
    @TempDir
    Path dir;

    /** Exit code and captured streams of one command. */
    record Run(int code, String out, String err) {}

    static Run run(String command, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = BridgeCli.run(command, args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path proofFile(String name, Statement statement, byte[] proof) throws IOException {
        return Files.write(dir.resolve(name), new ProofFile(statement, proof).toBytes());
    }

    @Test
    void subnet_printsScoreTableAndZeroWeightForTheCheater() {
        Run r = run("subnet", "--miners", "2", "--cheaters", "1", "--slow", "0", "--rounds", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("round 2  circuit tiny-mlp"), r.out());
        assertTrue(r.out().contains("INVALID_PROOF"), r.out());
        assertTrue(r.out().matches("(?s).*final weights:.*cheating\\s+0\\.000.*"), r.out());
    }

    @Test
    void verifyRemote_validExitsZeroTamperedExitsOne() throws Exception {
        Circuit circuit = TestCircuits.small();
        VerifiedPrediction p = circuit.model().predict(new float[] {0.25f, 0.5f}, 7);
        Path key = Files.write(dir.resolve("small.vk"), circuit.key().toBytes());
        Path good = proofFile("good.proof", p.statement(), p.proof());
        Path bad = proofFile("bad.proof", p.statement().withNonce(8), p.proof());
        try (VerifierNode node = VerifierNode.builder(List.of(circuit)).start()) {
            String target = "127.0.0.1:" + node.port();
            Run valid = run("verify-remote", "--target", target, "--proof", good.toString(), "--circuit-id",
                    circuit.idHex());
            assertEquals(0, valid.code(), valid.err());
            assertEquals("valid", valid.out().strip());
            Run inline = run("verify-remote", "--target", target, "--proof", good.toString(), "--key", key.toString());
            assertEquals(0, inline.code(), inline.err());
            Run invalid = run("verify-remote", "--target", target, "--proof", bad.toString(), "--key", key.toString());
            assertEquals(1, invalid.code());
            assertTrue(invalid.err().startsWith("invalid: "), invalid.err());
        }
    }

    @Test
    void verifyRemote_networkFailuresAreOneClearLine() throws Exception {
        Circuit circuit = TestCircuits.small();
        VerifiedPrediction p = circuit.model().predict(new float[] {0.25f, 0.5f}, 7);
        Path good = proofFile("good.proof", p.statement(), p.proof());
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Run refused = run("verify-remote", "--target", "127.0.0.1:" + closed, "--proof", good.toString(),
                "--circuit-id", circuit.idHex());
        assertEquals(2, refused.code());
        assertEquals("zkml4j: connection refused: no node listens at that host and port", refused.err().strip());
        org.zkml4j.bridge.net.TlsFiles mine = org.zkml4j.bridge.net.SelfSignedCertificate.generate(dir.resolve("a"),
                java.time.Duration.ofDays(1));
        org.zkml4j.bridge.net.TlsFiles other = org.zkml4j.bridge.net.SelfSignedCertificate.generate(dir.resolve("b"),
                java.time.Duration.ofDays(1));
        try (VerifierNode plain = VerifierNode.builder(List.of(circuit)).start();
                VerifierNode tls = VerifierNode.builder(List.of(circuit)).tls(mine).start()) {
            Run tlsToPlain = run("verify-remote", "--target", "127.0.0.1:" + plain.port(), "--proof", good.toString(),
                    "--circuit-id", circuit.idHex(), "--tls-ca", mine.certificate().toString());
            assertEquals(2, tlsToPlain.code());
            assertTrue(tlsToPlain.err().startsWith("zkml4j: the node speaks plaintext but TLS was asked for"),
                    tlsToPlain.err());
            Run wrongPin = run("verify-remote", "--target", "127.0.0.1:" + tls.port(), "--proof", good.toString(),
                    "--circuit-id", circuit.idHex(), "--tls-ca", other.certificate().toString());
            assertEquals(2, wrongPin.code());
            assertTrue(wrongPin.err().startsWith("zkml4j: the node's TLS certificate is not the pinned one"),
                    wrongPin.err());
            Run plainToTls = run("verify-remote", "--target", "127.0.0.1:" + tls.port(), "--proof", good.toString(),
                    "--circuit-id", circuit.idHex());
            assertEquals(2, plainToTls.code());
            assertTrue(plainToTls.err().startsWith("zkml4j: the node is unavailable or closed the connection (a TLS "
                    + "node reached in plaintext? give --tls-ca)"), plainToTls.err());
            Run pinned = run("verify-remote", "--target", "127.0.0.1:" + tls.port(), "--proof", good.toString(),
                    "--circuit-id", circuit.idHex(), "--tls-ca", mine.certificate().toString());
            assertEquals(0, pinned.code(), pinned.err());
            Run late = run("verify-remote", "--target", "127.0.0.1:" + plain.port(), "--proof", good.toString(),
                    "--circuit-id", circuit.idHex(), "--deadline-ms", "1");
            assertEquals(2, late.code());
            assertTrue(late.err().startsWith("zkml4j: the node did not answer within the deadline"), late.err());
        }
    }

    @Test
    void validator_scoresAMinerOverTheNetwork() throws Exception {
        Circuit circuit = TestCircuits.small();
        Path validatorKey = dir.resolve("validator.key");
        Hotkey validator = Hotkey.loadOrCreate(validatorKey);
        Path key = Files.write(dir.resolve("small.vk"), circuit.key().toBytes());
        Path scores = dir.resolve("scores.txt");
        try (MinerNode miner = MinerNode.builder(Hotkey.generate(new SecureRandom()), List.of(circuit))
                .admit(Set.of(validator.publicKeyHex())).start()) {
            Run r = run("validator", "--miners", "127.0.0.1:" + miner.port() + "@" + miner.hotkey().publicKeyHex(),
                    "--hotkey", validatorKey.toString(), "--key", key.toString(), "--rounds", "2", "--interval-ms", "0",
                    "--rows", "3", "--scores", scores.toString());
            assertEquals(0, r.code(), r.err());
            assertEquals(2, r.out().split("VERIFIED", -1).length - 1, r.out());
            assertTrue(Files.readString(scores).contains(miner.hotkey().publicKeyHex()));
        }
    }

    @Test
    void miner_servesForTheGivenTime() throws IOException {
        Hotkey validator = Hotkey.generate(new SecureRandom());
        Run r = run("miner", "--validators", validator.publicKeyHex(), "--port", "0", "--seconds", "1", "--hotkey",
                dir.resolve("miner.key").toString(), "--tls-dir", dir.resolve("tls").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("listening on 127.0.0.1:"), r.out());
        assertTrue(r.out().contains("(TLS, pin "), r.out());
        assertTrue(Files.exists(dir.resolve("tls/node.crt")));
    }

    @Test
    void hotkey_newThenShowAndNeverOverwrite() throws IOException {
        Path file = dir.resolve("node.key");
        Run made = run("hotkey", "new", file.toString());
        assertEquals(0, made.code(), made.err());
        assertTrue(made.out().strip().matches("[0-9a-f]{64}"), made.out());
        assertEquals(made.out(), run("hotkey", "show", file.toString()).out());
        Run again = run("hotkey", "new", file.toString());
        assertEquals(2, again.code());
        assertEquals("zkml4j: " + file + " exists; a hotkey is never overwritten (zkml4j hotkey show " + file + ")",
                again.err().strip());
        java.nio.file.Files.setPosixFilePermissions(file,
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Run exposed = run("miner", "--validators", made.out().strip(), "--hotkey", file.toString(), "--seconds", "1");
        assertEquals(2, exposed.code());
        assertTrue(exposed.err().contains("a hotkey must be owner-only: chmod 600"), exposed.err());
        assertEquals(0, run("hotkey", "--help").code());
        assertEquals(2, run("hotkey").code());
    }

    @Test
    void verifier_servesTheGivenKeysForTheGivenTime() throws IOException {
        Path key = Files.write(dir.resolve("small.vk"), TestCircuits.small().key().toBytes());
        Run r = run("verifier", "--port=0", "--seconds=1", "--key", key.toString(), "--tls-dir",
                dir.resolve("tls").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("verifier listening on 127.0.0.1:"), r.out());
        assertTrue(r.out().contains("1 circuits (TLS, pin "), r.out());
    }

    @Test
    void committedWeightsModels_areRefusedByMinersWithTheTrueReason() throws IOException {
        org.zkml4j.sdk.VerifiableModel committed = org.zkml4j.sdk.VerifiableModel.compile(
                org.zkml4j.sdk.model.ModelGraph.of(2, new org.zkml4j.sdk.model.Dense(new float[][] {{1f, -1f}},
                        new float[] {0.5f})), new float[][] {{1, 1}, {-1, 0.5f}},
                org.zkml4j.sdk.ProvingOptions.builder().activationBits(6).weightBits(4).securityBits(80)
                        .weightVisibility(org.zkml4j.sdk.Visibility.COMMITTED).build());
        Path zkm = dir.resolve("c.zkm");
        try (java.io.OutputStream out = Files.newOutputStream(zkm)) {
            committed.save(out);
        }
        Path vk = Files.write(dir.resolve("c.vk"), committed.verificationKey().toBytes());
        Run miner = run("miner", "--validators", Hotkey.generate(new SecureRandom()).publicKeyHex(), "--model",
                zkm.toString(), "--hotkey", dir.resolve("m.key").toString(), "--seconds", "1");
        assertEquals(2, miner.code());
        assertTrue(miner.err().startsWith("zkml4j: c has committed weights"), miner.err());
        // a public verifier checks committed-weights proofs all the same
        Run verifier = run("verifier", "--port=0", "--seconds=1", "--key", vk.toString());
        assertEquals(0, verifier.code(), verifier.err());
    }

    @Test
    void validator_pinsEachMinersCertificateSeparately() throws Exception {
        Circuit circuit = TestCircuits.small();
        Path validatorKey = dir.resolve("validator.key");
        Hotkey validator = Hotkey.loadOrCreate(validatorKey);
        Path key = Files.write(dir.resolve("small.vk"), circuit.key().toBytes());
        org.zkml4j.bridge.net.TlsFiles a = org.zkml4j.bridge.net.SelfSignedCertificate.generate(dir.resolve("a"),
                java.time.Duration.ofDays(1));
        org.zkml4j.bridge.net.TlsFiles b = org.zkml4j.bridge.net.SelfSignedCertificate.generate(dir.resolve("b"),
                java.time.Duration.ofDays(1));
        try (MinerNode first = MinerNode.builder(Hotkey.generate(new SecureRandom()), List.of(circuit))
                .admit(Set.of(validator.publicKeyHex())).tls(a).start();
                MinerNode second = MinerNode.builder(Hotkey.generate(new SecureRandom()), List.of(circuit))
                        .admit(Set.of(validator.publicKeyHex())).tls(b).start()) {
            String one = first.hotkey().publicKeyHex();
            String two = second.hotkey().publicKeyHex();
            Run r = run("validator", "--miners", "127.0.0.1:" + first.port() + "@" + one + ",127.0.0.1:"
                    + second.port() + "@" + two, "--miner-cert", one + "=" + a.certificate(), "--miner-cert",
                    two + "=" + b.certificate(), "--hotkey", validatorKey.toString(), "--key", key.toString(),
                    "--rounds", "1", "--scores", dir.resolve("s.txt").toString(), "--serve-port", "0",
                    "--serve-tls-dir", dir.resolve("serve").toString());
            assertEquals(0, r.code(), r.err());
            assertEquals(2, r.out().split("VERIFIED", -1).length - 1, r.out());
            assertTrue(r.out().contains("public verification service on 127.0.0.1:"), r.out());
            assertTrue(r.out().contains("(TLS, pin "), r.out());
        }
    }

    @Test
    void badUsage_exitsTwoWithAClearMessage() {
        Run unknown = run("subnet", "--bogus", "1");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("Unknown options: '--bogus'"), unknown.err());
        Run missing = run("verify-remote", "--proof", "x");
        assertEquals(2, missing.code());
        Run noMiners = run("validator", "--hotkey", dir.resolve("v.key").toString());
        assertEquals(2, noMiners.code());
        assertTrue(noMiners.out().startsWith("validator hotkey "), noMiners.out());
        Run badMiner = run("validator", "--hotkey", dir.resolve("v.key").toString(), "--miners", "localhost:1");
        assertEquals(2, badMiner.code());
        assertTrue(badMiner.err().contains("HOST:PORT@HOTKEY"), badMiner.err());
        Run noFile = run("verify-remote", "--target", "127.0.0.1:1", "--proof", dir.resolve("none").toString(),
                "--circuit-id", "00");
        assertEquals(2, noFile.code());
        assertTrue(noFile.err().contains("no such file"), noFile.err());
    }
}
