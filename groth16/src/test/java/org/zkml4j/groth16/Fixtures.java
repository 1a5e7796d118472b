package org.zkml4j.groth16;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The snarkjs fixtures under src/test/resources/snarkjs (made by make-fixtures.sh). */
final class Fixtures {
    private Fixtures() {
    }

    static byte[] bytes(String circuit, String file) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/snarkjs/" + circuit + "/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + circuit + "/" + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String circuit, String file) {
        return new String(bytes(circuit, file), StandardCharsets.UTF_8);
    }

    static VerifyingKey key(String circuit) {
        return SnarkjsJson.verifyingKey(bytes(circuit, "verification_key.json"));
    }

    static Proof proof(String circuit) {
        return SnarkjsJson.proof(bytes(circuit, "proof.json"));
    }

    static List<BigInteger> signals(String circuit) {
        return SnarkjsJson.publicSignals(bytes(circuit, "public.json"));
    }
}
