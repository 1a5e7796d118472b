package org.zkml4j.backend.pcs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.io.ProofWriter;
import org.zkml4j.backend.merkle.MerkleTree;
import org.zkml4j.backend.transcript.Transcript;

/**
 * A {@link LigeroPcs} or {@link ReusableLigeroPcs} commitment: the Merkle root over the encoded
 * columns, the vector lengths and the opening budget (1 for {@link LigeroPcs}, whose encoding and
 * transcript are those of format v1; a reusable commitment states its budget in both).
 */
public final class LigeroCommitment implements Commitment {
    static final String SCHEME = "zkml4j/ligero-rs/v1";
    static final String REUSABLE_SCHEME = "zkml4j/ligero-rs-reusable/v1";
    static final int MAX_VECTORS = 1 << 12;

    private final int securityBits;
    private final int budget;
    private final int[] lengths;
    private final byte[] root;

    LigeroCommitment(int securityBits, int budget, int[] lengths, byte[] root) {
        this.securityBits = securityBits;
        this.budget = budget;
        this.lengths = lengths.clone();
        this.root = root.clone();
    }

    /** How many hiding openings the commitment was made for. */
    public int budget() {
        return budget;
    }

    LigeroLayout layout() {
        return LigeroLayout.plan(lengths, new PcsParameters(securityBits), budget);
    }

    byte[] root() {
        return root.clone();
    }

    int securityBits() {
        return securityBits;
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
        LigeroLayout layout = layout();
        transcript.absorb("pcs/scheme", (budget == 1 ? SCHEME : REUSABLE_SCHEME).getBytes(StandardCharsets.UTF_8));
        if (budget > 1) {
            transcript.absorbLong("pcs/budget", budget);
        }
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
        out.writeInt(securityBits);
        if (budget > 1) {
            out.writeInt(budget);
        }
        out.writeInt(lengths.length);
        for (int n : lengths) {
            out.writeInt(n);
        }
        out.writeBytes(root);
    }

    /**
     * Reads a commitment; {@code reusable} says whether the encoding carries a budget (in [2,
     * {@link LigeroLayout#MAX_BUDGET}]) after the security bits.
     */
    static LigeroCommitment read(ProofReader in, int expectedSecurityBits, boolean reusable)
            throws InvalidProofException {
        int bits = in.readInt("commitment security bits");
        if (bits < PcsParameters.MIN_SECURITY_BITS || bits > PcsParameters.MAX_SECURITY_BITS) {
            throw new InvalidProofException("malformed proof: no commitment where one should start; the proof was "
                    + "made for another kind of statement (input or output visibility, committed inputs or outputs) "
                    + "or its bytes are corrupted");
        }
        if (bits != expectedSecurityBits) {
            throw new SecurityMismatchException(bits, expectedSecurityBits);
        }
        int budget = reusable ? in.readInt("commitment opening budget") : 1;
        if (reusable && (budget < 2 || budget > LigeroLayout.MAX_BUDGET)) {
            throw new InvalidProofException("malformed commitment: opening budget " + budget + " outside [2, "
                    + LigeroLayout.MAX_BUDGET + "]");
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
        LigeroCommitment c = new LigeroCommitment(bits, budget, lengths,
                in.readBytes("commitment root", MerkleTree.HASH_BYTES));
        try {
            c.layout();
        } catch (IllegalArgumentException e) {
            throw new InvalidProofException("malformed commitment: " + e.getMessage());
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LigeroCommitment c && securityBits == c.securityBits && budget == c.budget
                && Arrays.equals(lengths, c.lengths) && Arrays.equals(root, c.root);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(root);
    }

    @Override
    public String toString() {
        return "LigeroCommitment" + Arrays.toString(lengths) + (budget > 1 ? " budget " + budget : "");
    }
}
