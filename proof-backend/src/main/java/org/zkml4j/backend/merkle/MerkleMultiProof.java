package org.zkml4j.backend.merkle;

import java.util.Arrays;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.io.ProofWriter;

/**
 * A batch opening proof for a set of leaves of a {@link MerkleTree}: the sibling hashes a verifier
 * cannot compute from the opened leaves, level by level from the leaves up and in ascending index
 * order within a level. Their number follows from the leaf count and the opened indices, so the
 * encoding carries no length. Immutable.
 */
public final class MerkleMultiProof {
    /** Sibling hashes packed back to back, 32 bytes each. */
    private final byte[] nodes;

    MerkleMultiProof(byte[] nodes) {
        this.nodes = nodes;
    }

    /** Number of sibling hashes in this proof. */
    public int nodeCount() {
        return nodes.length / MerkleTree.HASH_BYTES;
    }

    /** Packed sibling hashes (not a copy; callers in this package must not modify it). */
    byte[] nodes() {
        return nodes;
    }

    /** Writes the sibling hashes, 32 bytes each, with no length prefix. */
    public void writeTo(ProofWriter out) {
        out.writeBytes(nodes);
    }

    /**
     * Reads a proof for the given leaves of a tree with {@code leafCount} leaves. The node count is
     * computed from these public parameters, never read from the input, and the input is checked
     * to hold that many bytes before anything is allocated.
     *
     * @throws InvalidProofException if the input is truncated, or the leaf count / indices are not
     *     valid (power of two; non-empty, sorted, distinct and in range)
     */
    public static MerkleMultiProof read(ProofReader in, int leafCount, int[] sortedDistinctIndices)
            throws InvalidProofException {
        String bad = MerkleTree.checkIndices(leafCount, sortedDistinctIndices);
        if (bad != null) {
            throw new InvalidProofException("Merkle path invalid: " + bad);
        }
        int count = MerkleTree.countSiblings(Integer.numberOfTrailingZeros(leafCount), sortedDistinctIndices);
        long bytes = (long) count * MerkleTree.HASH_BYTES;
        if (bytes > in.remaining()) {
            throw new InvalidProofException("malformed proof: truncated while reading Merkle proof nodes");
        }
        return new MerkleMultiProof(in.readBytes("Merkle proof nodes", (int) bytes));
    }

    /**
     * Number of sibling hashes a proof for these leaves holds (its encoded size is 32 × that).
     *
     * @throws IllegalArgumentException if the leaf count is not a power of two or the indices are
     *     not non-empty, sorted, distinct and in range
     */
    public static int nodeCount(int leafCount, int[] sortedDistinctIndices) {
        String bad = MerkleTree.checkIndices(leafCount, sortedDistinctIndices);
        if (bad != null) {
            throw new IllegalArgumentException(bad);
        }
        return MerkleTree.countSiblings(Integer.numberOfTrailingZeros(leafCount), sortedDistinctIndices);
    }

    /** Equal when both hold the same sibling hashes in the same order. */
    @Override
    public boolean equals(Object o) {
        return o instanceof MerkleMultiProof && Arrays.equals(nodes, ((MerkleMultiProof) o).nodes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(nodes);
    }

    @Override
    public String toString() {
        return "MerkleMultiProof[" + nodeCount() + " nodes]";
    }
}
