package org.zkml4j.backend.io;

import java.io.ByteArrayOutputStream;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.field.Goldilocks;

/**
 * Appends proof data in the canonical little-endian encoding read back by {@link ProofReader}.
 * Lengths are written only where the reader cannot derive them from public parameters.
 */
public final class ProofWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final byte[] scratch = new byte[16];

    public ProofWriter writeInt(int v) {
        for (int i = 0; i < 4; i++) {
            out.write(v >>> (8 * i));
        }
        return this;
    }

    public ProofWriter writeLong(long v) {
        for (int i = 0; i < 8; i++) {
            out.write((int) (v >>> (8 * i)));
        }
        return this;
    }

    /** Writes one canonical base-field element. */
    public ProofWriter writeField(long a) {
        Goldilocks.encode(a, scratch, 0);
        out.write(scratch, 0, Goldilocks.BYTES);
        return this;
    }

    /** Writes base-field elements without a length prefix. */
    public ProofWriter writeFields(long[] a) {
        for (long v : a) {
            writeField(v);
        }
        return this;
    }

    public ProofWriter writeExt(Ext e) {
        e.encode(scratch, 0);
        out.write(scratch, 0, 16);
        return this;
    }

    /** Writes extension elements without a length prefix. */
    public ProofWriter writeExts(Ext[] es) {
        for (Ext e : es) {
            writeExt(e);
        }
        return this;
    }

    /** Writes raw bytes without a length prefix. */
    public ProofWriter writeBytes(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    /** Writes a length-prefixed byte block (e.g. an embedded proof whose claims come later). */
    public ProofWriter writeBlock(byte[] b) {
        writeInt(b.length);
        return writeBytes(b);
    }

    public int size() {
        return out.size();
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
