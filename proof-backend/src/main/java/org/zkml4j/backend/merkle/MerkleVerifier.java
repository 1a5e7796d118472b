package org.zkml4j.backend.merkle;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import org.zkml4j.backend.io.InvalidProofException;

/** Checks {@link MerkleMultiProof}s against a {@link MerkleTree} root. Stateless. */
public final class MerkleVerifier {
    private MerkleVerifier() {}

    /**
     * Recomputes the root from the opened leaves' hashes and the proof's sibling hashes, and checks
     * it equals {@code root}.
     *
     * @param root the committed 32-byte root
     * @param leafCount the tree's leaf count (a power of two)
     * @param sortedDistinctIndices the opened leaves, sorted ascending without repeats
     * @param leafHashes the opened leaves' hashes (see {@link MerkleTree#hashLeaf}), in the order of
     *     {@code sortedDistinctIndices}
     * @param proof the sibling hashes
     * @throws InvalidProofException ("Merkle path invalid: …") if the recomputed root differs, the
     *     indices are empty, unsorted, repeated or out of range, the leaf count is not a power of
     *     two, a hash is not 32 bytes, or the leaf-hash or sibling count does not fit the indices
     */
    public static void verify(byte[] root, int leafCount, int[] sortedDistinctIndices, byte[][] leafHashes,
            MerkleMultiProof proof) throws InvalidProofException {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(leafHashes, "leafHashes");
        Objects.requireNonNull(proof, "proof");
        if (root.length != MerkleTree.HASH_BYTES) {
            throw invalid("root is " + root.length + " bytes, not 32");
        }
        String bad = MerkleTree.checkIndices(leafCount, sortedDistinctIndices);
        if (bad != null) {
            throw invalid(bad);
        }
        int k = sortedDistinctIndices.length;
        if (leafHashes.length != k) {
            throw invalid(leafHashes.length + " leaf hashes for " + k + " indices");
        }
        int depth = Integer.numberOfTrailingZeros(leafCount);
        int expected = MerkleTree.countSiblings(depth, sortedDistinctIndices);
        if (proof.nodeCount() != expected) {
            throw invalid("proof has " + proof.nodeCount() + " nodes, expected " + expected);
        }

        final int h = MerkleTree.HASH_BYTES;
        byte[] cur = new byte[k * h];
        for (int j = 0; j < k; j++) {
            byte[] leaf = leafHashes[j];
            if (leaf == null || leaf.length != h) {
                throw invalid("leaf hash " + j + " is not 32 bytes");
            }
            System.arraycopy(leaf, 0, cur, j * h, h);
        }
        int[] idx = sortedDistinctIndices.clone();
        byte[] nodes = proof.nodes();
        int p = 0;
        MessageDigest md = MerkleTree.newSha256();
        // Known nodes of the current level live in cur/idx[0..k); parents are written in place,
        // at a slot no later than the ones just read, after their inputs went into the digest.
        for (int level = 0; level < depth; level++) {
            int w = 0;
            for (int r = 0; r < k; ) {
                int i = idx[r];
                md.update(MerkleTree.NODE_PREFIX);
                if ((i & 1) == 0 && r + 1 < k && idx[r + 1] == i + 1) {
                    md.update(cur, r * h, 2 * h);
                    r += 2;
                } else {
                    if ((i & 1) == 0) {
                        md.update(cur, r * h, h);
                        md.update(nodes, p, h);
                    } else {
                        md.update(nodes, p, h);
                        md.update(cur, r * h, h);
                    }
                    p += h;
                    r++;
                }
                MerkleTree.finish(md, cur, w * h);
                idx[w++] = i >>> 1;
            }
            k = w;
        }
        if (!Arrays.equals(cur, 0, h, root, 0, h)) {
            throw invalid("recomputed root does not match the commitment");
        }
    }

    private static InvalidProofException invalid(String why) {
        return new InvalidProofException("Merkle path invalid: " + why);
    }
}
