package org.zkml4j.bridge.cli;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;

/**
 * Reads the proof files {@code zkml4j prove} writes (docs/formats.md, {@code ZKPF}): a statement
 * and a proof, each length-prefixed. The statement is kept as bytes; the node it is sent to
 * decodes and checks it.
 *
 * @param statement canonical statement bytes
 * @param proof proof bytes
 */
record ProofFile(byte[] statement, byte[] proof) {
    private static final int MAGIC = 0x5A4B5046; // "ZKPF"

    /** @throws IOException naming what is malformed */
    static ProofFile fromBytes(byte[] encoded) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded));
        try {
            if (in.readInt() != MAGIC) {
                throw new IOException("not a zkml4j proof file (bad magic)");
            }
            int version = in.readUnsignedShort();
            if (version != 1) {
                throw new IOException("proof file version " + version + " is not supported (expected 1)");
            }
            byte[] statement = chunk(in, "statement");
            byte[] proof = chunk(in, "proof");
            if (in.available() != 0) {
                throw new IOException("trailing bytes after the proof");
            }
            return new ProofFile(statement, proof);
        } catch (EOFException e) {
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
