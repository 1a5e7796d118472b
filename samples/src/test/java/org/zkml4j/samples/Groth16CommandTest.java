package org.zkml4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./zkml4j verify --system groth16 …} reaches the Groth16 verifier; {@code --system zkml4j} the usual one. */
class Groth16CommandTest {
    @TempDir
    Path dir;

    private Path fixture(String file) throws IOException {
        try (InputStream in = Groth16CommandTest.class.getResourceAsStream("/snarkjs/multiplier/" + file)) {
            return Files.write(dir.resolve(file), in.readAllBytes());
        }
    }

    private static int run(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void verify_systemGroth16VerifiesSnarkjsFiles() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = run(out, err, "verify", "--system", "groth16", "--key", fixture("verification_key.json").toString(),
                "--proof", fixture("proof.json").toString(), "--public", fixture("public.json").toString());
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertEquals("valid\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void verify_systemZkml4jIsTheDefaultCommand() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = run(out, err, "verify", "--system", "zkml4j", "--key", dir.resolve("absent.vk").toString(),
                "--proof", dir.resolve("absent.proof").toString());
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no such file"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void verify_aChangedSignalIsInvalidAndMalformedFilesAreBadUsage() throws IOException {
        Path key = fixture("verification_key.json"), proof = fixture("proof.json"), pub = fixture("public.json");
        String[] signals = Files.readString(pub).split("\"");
        Path changed = Files.writeString(dir.resolve("changed.json"),
                Files.readString(pub).replaceFirst("\"" + signals[1] + "\"", "\"" + (Long.parseLong(signals[1]) + 1) + "\""));
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        assertEquals(1, run(out, err, "verify", "--system", "groth16", "--key", key.toString(), "--proof",
                proof.toString(), "--public", changed.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("invalid: pairing check failed"),
                err.toString(StandardCharsets.UTF_8));
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"pi_a\": 1}");
        ByteArrayOutputStream err2 = new ByteArrayOutputStream();
        assertEquals(2, run(new ByteArrayOutputStream(), err2, "verify", "--system", "groth16", "--key", key.toString(),
                "--proof", broken.toString(), "--public", pub.toString()));
        assertEquals("zkml4j: proof.json: $.pi_a: expected a JSON array\n", err2.toString(StandardCharsets.UTF_8));
        assertEquals(2, run(new ByteArrayOutputStream(), new ByteArrayOutputStream(), "verify", "--system", "groth16",
                "--key", key.toString(), "--proof", proof.toString()));
        assertEquals(2, run(new ByteArrayOutputStream(), new ByteArrayOutputStream(), "verify", "--system", "plonk",
                "--key", key.toString(), "--proof", proof.toString()));
    }
}
