package org.zkml4j.groth16;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zkml4j.groth16.bn254.Bn254;
import org.zkml4j.groth16.bn254.Fp;

class SnarkjsJsonTest {
    private static final String PROOF = Fixtures.text("multiplier", "proof.json");
    private static final String KEY = Fixtures.text("multiplier", "verification_key.json");
    private static final String A_X = "20569396654759656918386709485196604906090474855555660456176157777458965897770";

    private static String message(Function<byte[], ?> reader, String json) {
        SnarkjsFormatException e = assertThrows(SnarkjsFormatException.class,
                () -> reader.apply(json.getBytes(StandardCharsets.UTF_8)));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    private static String proofError(String json) {
        return message(SnarkjsJson::proof, json);
    }

    @Test
    void proof_reportsPathOfEachBadCoordinate() {
        assertEquals("proof.json: $.pi_a[0]: expected a decimal string without sign or leading zeros (at most 78 digits)",
                proofError(PROOF.replace(A_X, "0" + A_X)));
        assertEquals("proof.json: $.pi_a[0]: expected a decimal string without sign or leading zeros (at most 78 digits)",
                proofError(PROOF.replace(A_X, "-" + A_X)));
        assertEquals("proof.json: $.pi_a[0]: expected a decimal string",
                proofError(PROOF.replace("\"" + A_X + "\"", A_X)));
        assertEquals("proof.json: $.pi_a[0]: value is not below p (non-canonical)",
                proofError(PROOF.replace(A_X, new BigInteger(A_X).add(Fp.MODULUS).toString())));
        assertEquals("proof.json: $.pi_a: G1 point is not on the curve y² = x³ + 3",
                proofError(PROOF.replace(A_X, "1")));
        assertEquals("proof.json: $.pi_b: G2 point is not on the twist y² = x³ + 3/(9 + u)",
                proofError(PROOF.replace("3740819615118689143341788719429009075428715910247492912546554578226353361999", "5")));
    }

    @Test
    void proof_rejectsStructuralProblems() {
        assertEquals("proof.json: $.pi_b: missing", proofError(PROOF.replace("\"pi_b\"", "\"pi_x\"")));
        assertEquals("proof.json: $.protocol: must be \"groth16\"", proofError(PROOF.replace("\"groth16\"", "\"plonk\"")));
        assertEquals("proof.json: $.curve: must be \"bn128\"", proofError(PROOF.replace("\"bn128\"", "\"bls12381\"")));
        assertEquals("proof.json: $: expected a JSON object", proofError("[]"));
        assertEquals("proof.json: $.pi_a: is the point at infinity",
                proofError(PROOF.replaceFirst("(?s)\"pi_a\": \\[.*?\\]", "\"pi_a\": [\"0\", \"1\", \"0\"]")));
        assertEquals("proof.json: $.pi_a[2]: must be \"1\" (affine) or the point at infinity [\"0\", \"1\", \"0\"]",
                proofError(PROOF.replaceFirst("(?s)(\"pi_a\": \\[[^\\]]*?)\"1\"", "$1\"2\"")));
        assertTrue(proofError("{\"pi_a\": [").startsWith("proof.json: not valid JSON ("));
        assertTrue(proofError("{} {}").startsWith("proof.json: "));
        assertTrue(proofError("{'pi_a': 1}").startsWith("proof.json: not valid JSON ("));
        assertEquals("proof.json: $.pi_a: duplicate key", proofError(PROOF.replace("\"pi_c\"", "\"pi_a\"")));
        assertEquals("proof.json: not valid JSON (malformed JSON at line 28 column 4 path $)", proofError(PROOF + " []"));
    }

    @Test
    void parse_boundsDepthAndSize() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertTrue(proofError(deep).startsWith("proof.json: "));
        String huge = " ".repeat(SnarkjsJson.MAX_PROOF_BYTES + 1);
        assertEquals("proof.json: larger than 65536 bytes", proofError(huge));
    }

    @Test
    void read_refusesOversizedFileWithoutReadingIt(@TempDir Path dir) throws IOException {
        Path big = dir.resolve("proof.json");
        Files.write(big, new byte[SnarkjsJson.MAX_PROOF_BYTES + 10]);
        SnarkjsFormatException e = assertThrows(SnarkjsFormatException.class,
                () -> SnarkjsJson.read(big, SnarkjsJson.MAX_PROOF_BYTES));
        assertEquals("proof.json: larger than 65536 bytes", e.getMessage());
    }

    @Test
    void publicSignals_rangeCheckedNotReduced() {
        assertEquals(List.of(BigInteger.ZERO, Bn254.ORDER.subtract(BigInteger.ONE)),
                SnarkjsJson.publicSignals(("[\"0\", \"" + Bn254.ORDER.subtract(BigInteger.ONE) + "\"]").getBytes(StandardCharsets.UTF_8)));
        assertEquals("public.json: $[1]: value is not below r (non-canonical)",
                message(SnarkjsJson::publicSignals, "[\"3\", \"" + Bn254.ORDER + "\"]"));
        assertEquals("public.json: $[0]: expected a decimal string", message(SnarkjsJson::publicSignals, "[33]"));
        assertEquals("public.json: $: expected a JSON array", message(SnarkjsJson::publicSignals, "{}"));
        assertEquals("public.json: $[0]: expected a decimal string without sign or leading zeros (at most 78 digits)",
                message(SnarkjsJson::publicSignals, "[\"" + "9".repeat(1000) + "\"]"));
    }

    @Test
    void verifyingKey_checksCountsTagsAndDegeneracy() {
        assertEquals("verification_key.json: $.nPublic: must be the number of IC points minus one (1)",
                message(SnarkjsJson::verifyingKey, KEY.replace("\"nPublic\": 1", "\"nPublic\": 2")));
        assertEquals("verification_key.json: $.IC: expected at least 1 elements, got 0",
                message(SnarkjsJson::verifyingKey, KEY.replaceFirst("(?s)\"IC\": \\[.*\\]", "\"IC\": []")));
        assertEquals("verification_key.json: $.vk_delta_2: is the point at infinity",
                message(SnarkjsJson::verifyingKey, KEY.replaceFirst("(?s)(\"vk_delta_2\": \\[.*?\\[.*?\\].*?\\[.*?\\].*?\\[)\\s*\"1\"",
                        "$1\"0\"")));
    }

    @Test
    void verifyingKey_acceptsUnusedPublicSignalAtInfinity() {
        String withInfinity = KEY.replaceFirst("(?s)(\"IC\": \\[.*?\\],)\\s*\\[.*?\\]\\s*\\]", "$1 [\"0\", \"1\", \"0\"] ]");
        VerifyingKey vk = SnarkjsJson.verifyingKey(withInfinity.getBytes(StandardCharsets.UTF_8));
        assertTrue(vk.ic().get(1).isInfinity());
    }
}
