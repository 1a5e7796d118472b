package org.zkml4j.samples;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.zkml4j.sdk.CommittedInputs;

/**
 * The {@code X.cmt.secret} file of committed inputs: the commitment's secret and its slot counter,
 * kept together — re-created from the secret alone, the commitment would open used slots again.
 * Format (big-endian): magic {@code "ZKIS"}, u16 version (1), u32 next unused slot, u16 secret
 * length, the secret. The 32-byte files written before version 1 (no counter) are refused.
 */
record InputSecret(byte[] secret, int nextSlot) {
    static final int MAGIC = 0x5A4B4953; // "ZKIS"
    static final int VERSION = 1;
    private static final int MAX_SECRET = 1024;

    /** What to persist of {@code inputs}: its secret and counter. */
    static InputSecret of(CommittedInputs inputs) {
        return new InputSecret(inputs.secret(), inputs.nextSlot());
    }

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeShort(VERSION);
            out.writeInt(nextSlot);
            out.writeShort(secret.length);
            out.write(secret);
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory stream failed", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads the bytes of {@code file}.
     *
     * @throws IOException naming the file if they are not a version-1 input secret
     */
    static InputSecret read(byte[] bytes, Path file) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (bytes.length < 12 || in.getInt() != MAGIC) {
            throw new IOException(file + " is not an input secret" + (bytes.length == 32
                    ? " with its slot counter (a secret written before the counter was kept): commit the inputs "
                            + "again (commit-input) and publish the new commitment"
                    : " (bad magic)"));
        }
        int version = Short.toUnsignedInt(in.getShort());
        if (version != VERSION) {
            throw new IOException(file + " is an input secret of version " + version + ", not " + VERSION);
        }
        int nextSlot = in.getInt();
        int length = Short.toUnsignedInt(in.getShort());
        if (nextSlot < 0 || length < 1 || length > MAX_SECRET || length != in.remaining()) {
            throw new IOException(file + " is a malformed input secret (next slot " + nextSlot + ", secret of "
                    + length + " bytes, " + in.remaining() + " left)");
        }
        byte[] secret = new byte[length];
        in.get(secret);
        return new InputSecret(secret, nextSlot);
    }
}
