package org.zkml4j.backend.io;

import java.util.Arrays;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.field.Goldilocks;

/**
 * Reads untrusted proof bytes. Every read is bounds-checked against what remains, so a hostile
 * length can never make the reader allocate more than the input's own size; every field element
 * must be canonical. Failures are {@link InvalidProofException}s saying what was malformed.
 */
public final class ProofReader {
    private final byte[] in;
    private int pos;

    public ProofReader(byte[] in) {
        this.in = in;
    }

    public int remaining() {
        return in.length - pos;
    }

    private void require(long bytes, String what) throws InvalidProofException {
        if (bytes < 0 || bytes > remaining()) {
            throw new InvalidProofException("malformed proof: truncated while reading " + what);
        }
    }

    public int readInt(String what) throws InvalidProofException {
        require(4, what);
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v |= (in[pos++] & 0xFF) << (8 * i);
        }
        return v;
    }

    public long readLong(String what) throws InvalidProofException {
        require(8, what);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v |= (in[pos++] & 0xFFL) << (8 * i);
        }
        return v;
    }

    /**
     * Reads a length field and checks it lies in [min, max] and that {@code length × elementBytes}
     * bytes remain, before anything is allocated.
     */
    public int readLength(String what, int min, int max, int elementBytes) throws InvalidProofException {
        int n = readInt(what + " length");
        if (n < min || n > max) {
            throw new InvalidProofException(
                    "malformed proof: " + what + " length " + n + " outside [" + min + ", " + max + "]");
        }
        require((long) n * elementBytes, what);
        return n;
    }

    public long readField(String what) throws InvalidProofException {
        require(Goldilocks.BYTES, what);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v |= (in[pos++] & 0xFFL) << (8 * i);
        }
        if (!Goldilocks.isCanonical(v)) {
            throw new InvalidProofException("malformed proof: non-canonical field element in " + what);
        }
        return v;
    }

    /** Reads {@code n} base-field elements (n comes from public parameters or a checked length). */
    public long[] readFields(String what, int n) throws InvalidProofException {
        require((long) n * Goldilocks.BYTES, what);
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = readField(what);
        }
        return a;
    }

    public Ext readExt(String what) throws InvalidProofException {
        long c0 = readField(what);
        long c1 = readField(what);
        return Ext.of(c0, c1);
    }

    /** Reads {@code n} extension elements (n from public parameters or a checked length). */
    public Ext[] readExts(String what, int n) throws InvalidProofException {
        require((long) n * 16, what);
        Ext[] a = new Ext[n];
        for (int i = 0; i < n; i++) {
            a[i] = readExt(what);
        }
        return a;
    }

    public byte[] readBytes(String what, int n) throws InvalidProofException {
        require(n, what);
        byte[] b = Arrays.copyOfRange(in, pos, pos + n);
        pos += n;
        return b;
    }

    /** Reads a block written by {@link ProofWriter#writeBlock}; its length is checked against what remains. */
    public byte[] readBlock(String what) throws InvalidProofException {
        return readBytes(what, readLength(what, 0, Integer.MAX_VALUE, 1));
    }

    /** Rejects trailing bytes after a complete proof. */
    public void expectEnd(String what) throws InvalidProofException {
        if (remaining() != 0) {
            throw new InvalidProofException("malformed proof: " + remaining() + " trailing bytes after " + what);
        }
    }
}
