package org.zkml4j.backend.merkle;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * A binary SHA-256 Merkle tree over a power-of-two number of leaf hashes, kept in full so that
 * batch proofs can be cut from it. Immutable once built and safe to share between threads.
 *
 * <p>Leaves are hashed with {@link #hashLeaf(byte[], long[])}; inner nodes are
 * {@code SHA256(0x01 ‖ left ‖ right)}. Proofs are checked by {@link MerkleVerifier}.
 */
public final class MerkleTree {
    /** Length of a leaf salt in bytes. */
    public static final int SALT_BYTES = 16;
    /** Length of a node hash in bytes. */
    public static final int HASH_BYTES = 32;

    static final byte LEAF_PREFIX = 0x00;
    static final byte NODE_PREFIX = 0x01;

    /** Levels with at least this many parents are hashed in parallel. */
    private static final int PARALLEL_MIN_PARENTS = 4096;
    /** Parents hashed per parallel task. */
    private static final int PARALLEL_CHUNK = 1024;
    /** Field elements encoded per digest update in {@link #hashLeaf}. */
    private static final int ENCODE_CHUNK = 64;

    private static final VarHandle LE_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final ThreadLocal<byte[]> ENCODE_BUFFER =
            ThreadLocal.withInitial(() -> new byte[ENCODE_CHUNK * Long.BYTES]);

    /** levels[0] holds the leaf hashes, levels[depth] the root; each is packed, 32 bytes a node. */
    private final byte[][] levels;

    private MerkleTree(byte[][] levels) {
        this.levels = levels;
    }

    /**
     * The leaf hash of a salted leaf holding these field elements:
     * {@code SHA256(0x00 ‖ salt ‖ LE64(e_0) ‖ … ‖ LE64(e_{m-1}))}.
     *
     * @param salt exactly {@link #SALT_BYTES} bytes
     * @param elements canonical Goldilocks elements (hashed as given)
     * @return a fresh 32-byte hash
     */
    public static byte[] hashLeaf(byte[] salt, long[] elements) {
        byte[] out = new byte[HASH_BYTES];
        hashLeaf(newSha256(), salt, elements, out, 0);
        return out;
    }

    /**
     * As {@link #hashLeaf(byte[], long[])}, reusing a caller-owned SHA-256 digest and writing the
     * 32-byte hash into {@code out[outOffset ..]}. The digest is reset first and left reset; it
     * must not be shared between threads. Allocates nothing per call once warmed up.
     *
     * @throws IllegalArgumentException if the salt length is not {@link #SALT_BYTES} or the digest
     *     is not 32 bytes wide
     * @throws IndexOutOfBoundsException if {@code out} has no room at {@code outOffset}
     */
    public static void hashLeaf(MessageDigest sha256, byte[] salt, long[] elements, byte[] out, int outOffset) {
        Objects.requireNonNull(elements, "elements");
        checkSalt(salt);
        if (sha256.getDigestLength() != HASH_BYTES) {
            throw new IllegalArgumentException("digest must be SHA-256, got " + sha256.getAlgorithm());
        }
        Objects.checkFromIndexSize(outOffset, HASH_BYTES, out.length);
        sha256.reset();
        sha256.update(LEAF_PREFIX);
        sha256.update(salt);
        byte[] buf = ENCODE_BUFFER.get();
        for (int i = 0; i < elements.length; ) {
            int n = Math.min(ENCODE_CHUNK, elements.length - i);
            for (int j = 0; j < n; j++) {
                LE_LONG.set(buf, j * Long.BYTES, elements[i + j]);
            }
            sha256.update(buf, 0, n * Long.BYTES);
            i += n;
        }
        finish(sha256, out, outOffset);
    }

    /**
     * Builds the tree over leaf hashes packed back to back ({@code leafCount × 32} bytes). The
     * input is copied. Large levels are hashed in parallel on the common fork-join pool.
     *
     * @throws IllegalArgumentException if the leaf count is not a power of two ≥ 1 or the length
     *     is not a multiple of 32
     */
    public static MerkleTree fromLeafHashes(byte[] packedLeafHashes) {
        int len = packedLeafHashes.length;
        if (len == 0 || len % HASH_BYTES != 0) {
            throw new IllegalArgumentException("packed leaf hashes length " + len + " is not a positive multiple of 32");
        }
        int leafCount = len / HASH_BYTES;
        if (Integer.bitCount(leafCount) != 1) {
            throw new IllegalArgumentException("leaf count " + leafCount + " is not a power of two");
        }
        int depth = Integer.numberOfTrailingZeros(leafCount);
        byte[][] levels = new byte[depth + 1][];
        levels[0] = packedLeafHashes.clone();
        MessageDigest md = newSha256();
        for (int level = 1; level <= depth; level++) {
            byte[] child = levels[level - 1];
            int parents = leafCount >>> level;
            byte[] parent = new byte[parents * HASH_BYTES];
            if (parents >= PARALLEL_MIN_PARENTS) {
                int chunks = (parents + PARALLEL_CHUNK - 1) / PARALLEL_CHUNK;
                IntStream.range(0, chunks).parallel().forEach(c -> {
                    int from = c * PARALLEL_CHUNK;
                    hashParents(newSha256(), child, parent, from, Math.min(parents, from + PARALLEL_CHUNK));
                });
            } else {
                hashParents(md, child, parent, 0, parents);
            }
            levels[level] = parent;
        }
        return new MerkleTree(levels);
    }

    private static void hashParents(MessageDigest md, byte[] child, byte[] parent, int from, int to) {
        for (int j = from; j < to; j++) {
            md.update(NODE_PREFIX);
            md.update(child, j * 2 * HASH_BYTES, 2 * HASH_BYTES);
            finish(md, parent, j * HASH_BYTES);
        }
    }

    /** The root hash (a copy). */
    public byte[] root() {
        return levels[levels.length - 1].clone();
    }

    /** Number of leaves, a power of two. */
    public int leafCount() {
        return levels[0].length / HASH_BYTES;
    }

    /** log2 of the leaf count; 0 for a single leaf, whose hash is then the root. */
    public int depth() {
        return levels.length - 1;
    }

    /** The hash of one leaf (a copy). */
    public byte[] leafHash(int index) {
        Objects.checkIndex(index, leafCount());
        return Arrays.copyOfRange(levels[0], index * HASH_BYTES, (index + 1) * HASH_BYTES);
    }

    /**
     * A batch proof opening the given leaves. Indices may come in any order and repeat; the proof
     * is for {@link #sortedDistinct(int[]) sortedDistinct(leafIndices)}, which is the index order
     * the verifier expects.
     *
     * @throws IllegalArgumentException if no index is given or one is outside {@code [0, leafCount)}
     */
    public MerkleMultiProof prove(int[] leafIndices) {
        int[] idx = sortedDistinct(leafIndices);
        String bad = checkIndices(leafCount(), idx);
        if (bad != null) {
            throw new IllegalArgumentException(bad);
        }
        int depth = depth();
        byte[] nodes = new byte[countSiblings(depth, idx) * HASH_BYTES];
        int p = 0;
        int k = idx.length;
        for (int level = 0; level < depth; level++) {
            byte[] lv = levels[level];
            int w = 0;
            for (int r = 0; r < k; ) {
                int i = idx[r];
                if ((i & 1) == 0 && r + 1 < k && idx[r + 1] == i + 1) {
                    r += 2;
                } else {
                    System.arraycopy(lv, (i ^ 1) * HASH_BYTES, nodes, p, HASH_BYTES);
                    p += HASH_BYTES;
                    r++;
                }
                idx[w++] = i >>> 1;
            }
            k = w;
        }
        return new MerkleMultiProof(nodes);
    }

    /** A sorted copy of {@code indices} with repeats removed (ranges are not checked). */
    public static int[] sortedDistinct(int[] indices) {
        int[] a = indices.clone();
        Arrays.sort(a);
        int w = 0;
        for (int r = 0; r < a.length; r++) {
            if (w == 0 || a[r] != a[w - 1]) {
                a[w++] = a[r];
            }
        }
        return w == a.length ? a : Arrays.copyOf(a, w);
    }

    // ---- shared with MerkleMultiProof / MerkleVerifier ----

    /** Null when leafCount is a power of two ≥ 1 and idx is non-empty, sorted, distinct, in range; else why not. */
    static String checkIndices(int leafCount, int[] idx) {
        if (leafCount < 1 || Integer.bitCount(leafCount) != 1) {
            return "leaf count " + leafCount + " is not a power of two";
        }
        if (idx.length == 0) {
            return "no leaf indices";
        }
        int prev = -1;
        for (int i : idx) {
            if (i < 0 || i >= leafCount) {
                return "leaf index " + i + " outside [0, " + leafCount + ")";
            }
            if (i <= prev) {
                return "leaf indices not sorted and distinct";
            }
            prev = i;
        }
        return null;
    }

    /**
     * Number of sibling nodes a batch proof for valid sorted distinct indices holds: walking up
     * level by level, each known node whose sibling is not also known needs that sibling.
     */
    static int countSiblings(int depth, int[] sortedDistinctIndices) {
        int[] idx = sortedDistinctIndices.clone();
        int k = idx.length;
        int count = 0;
        for (int level = 0; level < depth; level++) {
            int w = 0;
            for (int r = 0; r < k; ) {
                int i = idx[r];
                if ((i & 1) == 0 && r + 1 < k && idx[r + 1] == i + 1) {
                    r += 2;
                } else {
                    count++;
                    r++;
                }
                idx[w++] = i >>> 1;
            }
            k = w;
        }
        return count;
    }

    static void checkSalt(byte[] salt) {
        if (salt.length != SALT_BYTES) {
            throw new IllegalArgumentException("salt must be " + SALT_BYTES + " bytes, got " + salt.length);
        }
    }

    /** A fresh SHA-256 digest, e.g. to reuse across {@link #hashLeaf(MessageDigest, byte[], long[], byte[], int)} calls. */
    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e); // mandatory on every JDK
        }
    }

    /** Completes the digest into out[offset .. offset + 32) and resets it. */
    static void finish(MessageDigest md, byte[] out, int offset) {
        try {
            md.digest(out, offset, HASH_BYTES);
        } catch (DigestException e) {
            throw new IllegalStateException(e); // unreachable: caller checked the room
        }
    }
}
