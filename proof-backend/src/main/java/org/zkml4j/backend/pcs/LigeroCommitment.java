package org.zkml4j.backend.pcs;

import java.util.Arrays;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.io.ProofWriter;
import org.zkml4j.backend.merkle.MerkleTree;
import org.zkml4j.backend.transcript.Transcript;

/** A {@link LigeroPcs} commitment: the Merkle root over the encoded columns and the vector lengths. */
public final class LigeroCommitment implements Commitment {
    static final String SCHEME = "zkml4j/ligero-rs/v1";
    static final int MAX_VECTORS = 1 << 12;

    private final int securityBits;
    private final int[] lengths;
    private final byte[] root;

    LigeroCommitment(int securityBits, int[] lengths, byte[] root) {
        this.securityBits = securityBits;
        this.lengths = lengths.clone();
        this.root = root.clone();
    }

    byte[] root() {
        return root.clone();
    }

    int securityBits() {
        return securityBits;
    }

    int[] lengths() {
        return lengths.clone();
    }

    @Override
    public int vectorLength(int i) {
        return lengths[i];
    }

    @Override
    public int vectorCount() {
        return lengths.length;
    }

    @Override
    public void absorbInto(Transcript transcript) {
        LigeroLayout layout = LigeroLayout.plan(lengths, new PcsParameters(securityBits));
        transcript.absorb("pcs/scheme", SCHEME.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        transcript.absorbLong("pcs/security-bits", securityBits);
        transcript.absorbLong("pcs/log-cols", layout.logCols());
        transcript.absorbLong("pcs/queries", layout.queries());
        transcript.absorbLong("pcs/log-domain", layout.logDomain());
        transcript.absorbLong("pcs/vectors", lengths.length);
        for (int n : lengths) {
            transcript.absorbLong("pcs/vector-length", n);
        }
        transcript.absorb("pcs/root", root);
    }

    @Override
    public void writeTo(ProofWriter out) {
        out.writeInt(securityBits).writeInt(lengths.length);
        for (int n : lengths) {
            out.writeInt(n);
        }
        out.writeBytes(root);
    }

    static LigeroCommitment read(ProofReader in, int expectedSecurityBits) throws InvalidProofException {
        int bits = in.readInt("commitment security bits");
        if (bits != expectedSecurityBits) {
            throw new InvalidProofException("commitment made for " + bits + "-bit security, verifier requires "
                    + expectedSecurityBits);
        }
        int count = in.readLength("commitment vectors", 1, MAX_VECTORS, 4);
        int[] lengths = new int[count];
        long total = 0;
        for (int i = 0; i < count; i++) {
            int n = in.readInt("commitment vector length");
            if (n <= 0 || Integer.bitCount(n) != 1) {
                throw new InvalidProofException("malformed commitment: vector " + i + " length " + n
                        + " is not a power of two");
            }
            total += n;
            lengths[i] = n;
        }
        if (total > LigeroLayout.MAX_TOTAL) {
            throw new InvalidProofException("malformed commitment: " + total + " elements exceed 2^31");
        }
        return new LigeroCommitment(bits, lengths, in.readBytes("commitment root", MerkleTree.HASH_BYTES));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LigeroCommitment c && securityBits == c.securityBits
                && Arrays.equals(lengths, c.lengths) && Arrays.equals(root, c.root);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(root);
    }

    @Override
    public String toString() {
        return "LigeroCommitment" + Arrays.toString(lengths);
    }
}
