package org.zkml4j.bridge.circuit;

import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.zkml4j.groth16.SnarkjsJson;
import org.zkml4j.groth16.VerifyingKey;

/**
 * A Groth16 (snarkjs/circom, BN254) circuit a node verifies: its verification_key.json bytes, the
 * parsed key, and its circuit id SHA-256(verification_key.json bytes) — how subnet 2 names circuits.
 * The id hashes the file as given: reformatting the JSON names a different circuit.
 */
public final class Groth16Circuit {
    private final String name;
    private final byte[] keyJson;
    private final VerifyingKey key;
    private final byte[] id;

    private Groth16Circuit(String name, byte[] keyJson, VerifyingKey key, byte[] id) {
        this.name = name;
        this.keyJson = keyJson;
        this.key = key;
        this.id = id;
    }

    /**
     * The circuit of {@code keyJson}.
     *
     * @throws org.zkml4j.groth16.SnarkjsFormatException if the key is malformed (one line, with its JSON path)
     */
    public static Groth16Circuit of(String name, byte[] keyJson) {
        byte[] copy = keyJson.clone();
        return new Groth16Circuit(name, copy, SnarkjsJson.verifyingKey(copy), circuitId(copy));
    }

    /** The circuit of a verification_key.json file, named after the file. */
    public static Groth16Circuit read(Path file) throws IOException {
        return of(file.getFileName().toString(), SnarkjsJson.read(file, SnarkjsJson.MAX_KEY_BYTES));
    }

    /** SHA-256 of the key file's bytes. */
    public static byte[] circuitId(byte[] keyJson) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(keyJson);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    public String name() {
        return name;
    }

    public VerifyingKey key() {
        return key;
    }

    /** The verification_key.json bytes (a copy). */
    public byte[] keyJson() {
        return keyJson.clone();
    }

    /** The circuit id (a copy). */
    public byte[] id() {
        return id.clone();
    }

    public String idHex() {
        return HexFormat.of().formatHex(id);
    }
}
