package org.zkml4j.sdk;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A proof file ({@code .proof}, docs/formats.md): a statement and its proof, as {@code zkml4j prove}
 * writes it and any verifier reads it. In sdk-api so that reading one needs no network or engine
 * dependency. Encoding (version 1, big-endian): magic {@code "ZKPF"}, version u16, statement length u32 and bytes ({@link Statement#toBytes()}), proof
 * length u32 and bytes.
 *
 * @param statement what is proven
 * @param proof the proof bytes
 */
public record ProofFile(Statement statement, byte[] proof) {
    static final int MAGIC = 0x5A4B5046; // "ZKPF"
    static final int VERSION = 1;

    /** The canonical encoding. */
    public byte[] toBytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            byte[] s = statement.toBytes();
            out.writeInt(MAGIC);
            out.writeShort(VERSION);
            out.writeInt(s.length);
            out.write(s);
            out.writeInt(proof.length);
            out.write(proof);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("in-memory stream failed", e);
        }
    }

    /**
     * Decodes a proof file in bounded memory.
     *
     * @throws IOException naming what is malformed
     */
    public static ProofFile fromBytes(byte[] encoded) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded));
        try {
            if (in.readInt() != MAGIC) {
                throw new IOException("not a zkml4j proof file (bad magic)");
            }
            int version = in.readUnsignedShort();
            if (version != VERSION) {
                throw new IOException("proof file version " + version + " is not supported (expected " + VERSION + ")");
            }
            Statement statement = Statement.fromBytes(chunk(in, "statement"));
            byte[] proof = chunk(in, "proof");
            if (in.available() != 0) {
                throw new IOException("trailing bytes after the proof");
            }
            return new ProofFile(statement, proof);
        } catch (java.io.EOFException e) {
            throw new IOException("truncated proof file", e);
        }
    }

    private static byte[] chunk(DataInputStream in, String what) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException(what + " length " + length + " exceeds the file");
        }
        return in.readNBytes(length);
    }
}
