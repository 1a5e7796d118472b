package org.zkml4j.sdk;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * What a verifier needs to check proofs of one model: the proof engine's id and its payload (for
 * the built-in engine: the compiled circuit and the proof-system parameters). Its circuit id is
 * SHA-256 of the canonical encoding.
 *
 * <p>Encoding (version 1, big-endian): magic {@code "ZKVK"}, version u16, engine id (u16 length +
 * UTF-8), payload length u32, payload.
 */
public final class VerificationKey {
    static final int MAGIC = 0x5A4B564B; // "ZKVK"
    static final int VERSION = 1;
    /** Largest payload accepted when decoding. */
    public static final int MAX_PAYLOAD = 1 << 30;

    private final String engine;
    private final byte[] payload;

    public VerificationKey(String engine, byte[] payload) {
        if (engine == null || engine.isEmpty() || engine.length() > 256) {
            throw new IllegalArgumentException("engine id must be 1..256 characters");
        }
        this.engine = engine;
        this.payload = payload.clone();
    }

    /** The id of the proof engine that made (and can check) proofs for this key. */
    public String engine() {
        return engine;
    }

    /** The engine's payload (a copy). */
    public byte[] payload() {
        return payload.clone();
    }

    /** The canonical encoding. */
    public byte[] toBytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeShort(VERSION);
            out.writeUTF(engine);
            out.writeInt(payload.length);
            out.write(payload);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("in-memory stream failed", e);
        }
    }

    /**
     * Decodes a key.
     *
     * @throws IOException naming what is malformed (magic, version, lengths, trailing bytes)
     */
    public static VerificationKey fromBytes(byte[] encoded) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded));
        try {
            if (in.readInt() != MAGIC) {
                throw new IOException("not a zkml4j verification key (bad magic)");
            }
            int version = in.readUnsignedShort();
            if (version != VERSION) {
                throw new IOException("verification key version " + version + " is not supported (expected " + VERSION + ")");
            }
            String engine = in.readUTF();
            int length = in.readInt();
            if (length < 0 || length > in.available()) {
                throw new IOException("verification key payload length " + length + " exceeds the data");
            }
            byte[] payload = in.readNBytes(length);
            if (in.available() != 0) {
                throw new IOException("trailing bytes after the verification key");
            }
            return new VerificationKey(engine, payload);
        } catch (java.io.EOFException | IllegalArgumentException e) {
            throw new IOException("truncated or malformed verification key", e);
        }
    }

    /** SHA-256 of {@link #toBytes()}: how the subnet and statements name this model. */
    public byte[] circuitId() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(toBytes());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK must provide SHA-256", e);
        }
    }

    /** The circuit id in hex. */
    public String circuitIdHex() {
        return HexFormat.of().formatHex(circuitId());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerificationKey k && engine.equals(k.engine) && Arrays.equals(payload, k.payload);
    }

    @Override
    public int hashCode() {
        return 31 * engine.hashCode() + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "VerificationKey[" + engine + ", " + circuitIdHex().substring(0, 16) + "…, " + payload.length
                + " bytes]";
    }
}
