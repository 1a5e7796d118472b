package org.zkml4j.backend.merkle;

import java.security.MessageDigest;
import java.util.Random;
import java.util.TreeSet;
import org.zkml4j.backend.field.Goldilocks;

/** Deliberately naive reference computations and test data for the Merkle tests. */
final class MerkleReference {
    private MerkleReference() {}

    static byte[] sha256(byte[]... parts) {
        MessageDigest md = MerkleTree.newSha256();
        for (byte[] p : parts) {
            md.update(p);
        }
        return md.digest();
    }

    static byte[] leafHash(byte[] salt, long[] elements) {
        byte[] enc = new byte[elements.length * 8];
        for (int i = 0; i < elements.length; i++) {
            Goldilocks.encode(elements[i], enc, 8 * i);
        }
        return sha256(new byte[] {0}, salt, enc);
    }

    static byte[] node(byte[] left, byte[] right) {
        return sha256(new byte[] {1}, left, right);
    }

    /** Root by plain recursion over the leaf hashes in [from, to). */
    static byte[] root(byte[][] leaves, int from, int to) {
        if (to - from == 1) {
            return leaves[from];
        }
        int mid = (from + to) >>> 1;
        return node(root(leaves, from, mid), root(leaves, mid, to));
    }

    /** Size of the needed-sibling set, computed with sets: siblings of known nodes that are not known. */
    static int siblingCount(int leafCount, int[] indices) {
        TreeSet<Integer> known = new TreeSet<>();
        for (int i : indices) {
            known.add(i);
        }
        int count = 0;
        for (int n = leafCount; n > 1; n >>>= 1) {
            TreeSet<Integer> parents = new TreeSet<>();
            for (int i : known) {
                if (!known.contains(i ^ 1)) {
                    count++;
                }
                parents.add(i >>> 1);
            }
            known = parents;
        }
        return count;
    }

    static long[] randomElements(Random rng, int n) {
        long[] e = new long[n];
        for (int i = 0; i < n; i++) {
            e[i] = Goldilocks.reduce(rng.nextLong());
        }
        return e;
    }

    static byte[] randomSalt(Random rng) {
        byte[] s = new byte[MerkleTree.SALT_BYTES];
        rng.nextBytes(s);
        return s;
    }

    static byte[][] randomLeafHashes(Random rng, int n) {
        byte[][] h = new byte[n][MerkleTree.HASH_BYTES];
        for (byte[] x : h) {
            rng.nextBytes(x);
        }
        return h;
    }

    static byte[] pack(byte[][] hashes) {
        byte[] p = new byte[hashes.length * MerkleTree.HASH_BYTES];
        for (int i = 0; i < hashes.length; i++) {
            System.arraycopy(hashes[i], 0, p, i * MerkleTree.HASH_BYTES, MerkleTree.HASH_BYTES);
        }
        return p;
    }

    /** The leaf hashes at these indices, in that order. */
    static byte[][] select(byte[][] leaves, int[] indices) {
        byte[][] out = new byte[indices.length][];
        for (int j = 0; j < indices.length; j++) {
            out[j] = leaves[indices[j]].clone();
        }
        return out;
    }

    /** A random sorted distinct subset of [0, n) of the given size. */
    static int[] randomSubset(Random rng, int n, int size) {
        TreeSet<Integer> s = new TreeSet<>();
        while (s.size() < size) {
            s.add(rng.nextInt(n));
        }
        return s.stream().mapToInt(Integer::intValue).toArray();
    }
}
