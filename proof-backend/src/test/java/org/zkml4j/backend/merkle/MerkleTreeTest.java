package org.zkml4j.backend.merkle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MerkleTreeTest {

    @Test
    void hashLeaf_matchesSpecifiedEncoding() {
        Random rng = new Random(1);
        for (int n : new int[] {0, 1, 7, 63, 64, 65, 200}) {
            byte[] salt = MerkleReference.randomSalt(rng);
            long[] e = MerkleReference.randomElements(rng, n);
            assertArrayEquals(MerkleReference.leafHash(salt, e), MerkleTree.hashLeaf(salt, e), "n=" + n);
        }
    }

    @Test
    void hashLeaf_knownVector() {
        // SHA-256(00 ‖ 16×00 ‖ 01 00 00 00 00 00 00 00), with the byte string spelled out by hand.
        byte[] msg = new byte[1 + 16 + 8];
        msg[17] = 1;
        assertArrayEquals(MerkleReference.sha256(msg), MerkleTree.hashLeaf(new byte[16], new long[] {1}));
    }

    @Test
    void hashLeaf_reusedDigestMatchesAndResetsDirtyState() throws Exception {
        Random rng = new Random(2);
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] out = new byte[100];
        for (int n : new int[] {3, 130}) {
            byte[] salt = MerkleReference.randomSalt(rng);
            long[] e = MerkleReference.randomElements(rng, n);
            md.update(new byte[] {9, 9, 9}); // leftover state must not leak into the hash
            MerkleTree.hashLeaf(md, salt, e, out, 50);
            assertArrayEquals(MerkleTree.hashLeaf(salt, e), Arrays.copyOfRange(out, 50, 82));
            assertArrayEquals(MerkleTree.hashLeaf(salt, e), MerkleReference.sha256(concatLeaf(salt, e)));
        }
        assertThrows(IndexOutOfBoundsException.class,
                () -> MerkleTree.hashLeaf(md, new byte[16], new long[1], new byte[40], 9));
    }

    private static byte[] concatLeaf(byte[] salt, long[] e) {
        byte[] b = new byte[1 + salt.length + 8 * e.length];
        System.arraycopy(salt, 0, b, 1, salt.length);
        for (int i = 0; i < e.length; i++) {
            org.zkml4j.backend.field.Goldilocks.encode(e[i], b, 1 + salt.length + 8 * i);
        }
        return b;
    }

    @Test
    void hashLeaf_wrongSaltLengthRejected() {
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.hashLeaf(new byte[15], new long[1]));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.hashLeaf(new byte[17], new long[1]));
    }

    @Test
    void hashLeaf_reusedDigestAllocationDoesNotGrowWithElements() throws Exception {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] salt = new byte[16];
        long[] e = MerkleReference.randomElements(new Random(3), 4096);
        byte[] out = new byte[32];
        for (int i = 0; i < 2000; i++) {
            MerkleTree.hashLeaf(md, salt, e, out, 0); // warm up
        }
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        int calls = 200;
        for (int i = 0; i < calls; i++) {
            MerkleTree.hashLeaf(md, salt, e, out, 0);
        }
        long perCall = (mx.getThreadAllocatedBytes(tid) - before) / calls;
        // Encoding 4096 elements naively would allocate ≥ 32 KiB per call.
        assertTrue(perCall < 256, "allocated " + perCall + " bytes per call");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 8, 1024})
    void root_matchesNaiveRecursion(int n) {
        byte[][] leaves = MerkleReference.randomLeafHashes(new Random(n), n);
        MerkleTree tree = MerkleTree.fromLeafHashes(MerkleReference.pack(leaves));
        assertArrayEquals(MerkleReference.root(leaves, 0, n), tree.root());
        assertEquals(n, tree.leafCount());
        assertEquals(Integer.numberOfTrailingZeros(n), tree.depth());
        for (int i = 0; i < n; i++) {
            assertArrayEquals(leaves[i], tree.leafHash(i));
        }
    }

    @Test
    void root_twoLeavesIsDomainSeparatedNode() {
        byte[] a = MerkleTree.hashLeaf(new byte[16], new long[] {1, 2});
        byte[] b = MerkleTree.hashLeaf(new byte[16], new long[] {3});
        byte[] expected = MerkleReference.sha256(new byte[] {1}, a, b);
        assertArrayEquals(expected, MerkleTree.fromLeafHashes(MerkleReference.pack(new byte[][] {a, b})).root());
    }

    @Test
    void root_singleLeafIsLeafHash() {
        byte[] a = MerkleTree.hashLeaf(new byte[16], new long[] {5});
        MerkleTree t = MerkleTree.fromLeafHashes(a);
        assertArrayEquals(a, t.root());
        assertEquals(0, t.depth());
    }

    @Test
    void root_parallelBuildMatchesNaiveFor32768Leaves() {
        int n = 32768;
        byte[][] leaves = MerkleReference.randomLeafHashes(new Random(7), n);
        assertArrayEquals(MerkleReference.root(leaves, 0, n),
                MerkleTree.fromLeafHashes(MerkleReference.pack(leaves)).root());
    }

    @Test
    void root_changesWhenAnyLeafElementOrSaltChanges() {
        Random rng = new Random(4);
        int n = 8, m = 3;
        byte[][] salts = new byte[n][];
        long[][] elems = new long[n][];
        for (int i = 0; i < n; i++) {
            salts[i] = MerkleReference.randomSalt(rng);
            elems[i] = MerkleReference.randomElements(rng, m);
        }
        byte[] base = rootOf(salts, elems);
        Set<String> seen = new HashSet<>();
        seen.add(Arrays.toString(base));
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                long old = elems[i][j];
                elems[i][j] = org.zkml4j.backend.field.Goldilocks.add(old, 1);
                assertTrue(seen.add(Arrays.toString(rootOf(salts, elems))), "element " + i + "," + j);
                elems[i][j] = old;
            }
            for (int b = 0; b < MerkleTree.SALT_BYTES; b++) {
                salts[i][b] ^= 0x01;
                assertTrue(seen.add(Arrays.toString(rootOf(salts, elems))), "salt " + i + "," + b);
                salts[i][b] ^= 0x01;
            }
        }
        assertArrayEquals(base, rootOf(salts, elems));
    }

    private static byte[] rootOf(byte[][] salts, long[][] elems) {
        byte[] packed = new byte[salts.length * 32];
        MessageDigest md = MerkleTree.newSha256();
        for (int i = 0; i < salts.length; i++) {
            MerkleTree.hashLeaf(md, salts[i], elems[i], packed, 32 * i);
        }
        return MerkleTree.fromLeafHashes(packed).root();
    }

    @Test
    void fromLeafHashes_invalidShapesRejected() {
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.fromLeafHashes(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.fromLeafHashes(new byte[33]));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.fromLeafHashes(new byte[3 * 32]));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.fromLeafHashes(new byte[6 * 32]));
    }

    @Test
    void fromLeafHashes_copiesInputAndRootIsCopy() {
        byte[] packed = MerkleReference.pack(MerkleReference.randomLeafHashes(new Random(5), 4));
        MerkleTree t = MerkleTree.fromLeafHashes(packed);
        byte[] r = t.root();
        packed[0] ^= 1;
        t.root()[0] ^= 1;
        assertArrayEquals(r, t.root());
    }

    @Test
    void sortedDistinct_sortsAndDeduplicates() {
        assertArrayEquals(new int[] {1, 3, 5, 9}, MerkleTree.sortedDistinct(new int[] {9, 3, 1, 3, 5, 9, 9}));
        assertArrayEquals(new int[0], MerkleTree.sortedDistinct(new int[0]));
        int[] in = {2, 1};
        MerkleTree.sortedDistinct(in);
        assertArrayEquals(new int[] {2, 1}, in, "input untouched");
    }

    @Test
    void prove_outOfRangeOrEmptyIndicesRejected() {
        MerkleTree t = MerkleTree.fromLeafHashes(new byte[8 * 32]);
        assertThrows(IllegalArgumentException.class, () -> t.prove(new int[] {8}));
        assertThrows(IllegalArgumentException.class, () -> t.prove(new int[] {0, -1}));
        assertThrows(IllegalArgumentException.class, () -> t.prove(new int[] {Integer.MAX_VALUE}));
        assertThrows(IllegalArgumentException.class, () -> t.prove(new int[0]));
    }
}
