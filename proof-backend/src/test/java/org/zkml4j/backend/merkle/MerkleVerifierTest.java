package org.zkml4j.backend.merkle;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zkml4j.backend.io.InvalidProofException;

class MerkleVerifierTest {

    /** A random tree with its leaf hashes. */
    private static final class Fixture {
        final byte[][] leaves;
        final MerkleTree tree;
        final byte[] root;

        Fixture(int n, long seed) {
            leaves = MerkleReference.randomLeafHashes(new Random(seed), n);
            tree = MerkleTree.fromLeafHashes(MerkleReference.pack(leaves));
            root = tree.root();
        }

        int n() {
            return leaves.length;
        }

        void verify(int[] idx, MerkleMultiProof proof) throws InvalidProofException {
            MerkleVerifier.verify(root, n(), idx, MerkleReference.select(leaves, idx), proof);
        }

        void assertVerifies(int[] idx) {
            MerkleMultiProof proof = tree.prove(idx);
            assertEquals(MerkleReference.siblingCount(n(), idx), proof.nodeCount());
            assertDoesNotThrow(() -> verify(idx, proof));
        }
    }

    private static void assertRejected(org.junit.jupiter.api.function.Executable e) {
        InvalidProofException ex = assertThrows(InvalidProofException.class, e);
        assertTrue(ex.getMessage().startsWith("Merkle path invalid"), ex.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 8, 1024})
    void verify_singleLeafProofs(int n) {
        Fixture f = new Fixture(n, n);
        for (int i = 0; i < n; i++) {
            f.assertVerifies(new int[] {i});
            assertEquals(f.tree.depth(), f.tree.prove(new int[] {i}).nodeCount());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 8, 1024})
    void verify_allLeaves(int n) {
        Fixture f = new Fixture(n, n + 1);
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        f.assertVerifies(all);
        assertEquals(0, f.tree.prove(all).nodeCount());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 8, 1024})
    void verify_randomSubsets(int n) {
        Fixture f = new Fixture(n, n + 2);
        Random rng = new Random(n);
        for (int trial = 0; trial < 60; trial++) {
            int size = 1 + rng.nextInt(Math.min(n, trial < 30 ? 8 : n));
            f.assertVerifies(MerkleReference.randomSubset(rng, n, size));
        }
    }

    @Test
    void verify_duplicatesAndUnsortedIndicesInProve() {
        Fixture f = new Fixture(1024, 3);
        int[] raw = {700, 3, 700, 2, 1023, 3, 0, 700};
        MerkleMultiProof proof = f.tree.prove(raw);
        int[] idx = MerkleTree.sortedDistinct(raw);
        assertEquals(f.tree.prove(idx), proof);
        assertDoesNotThrow(() -> f.verify(idx, proof));
    }

    @Test
    void nodeCount_matchesNaiveSiblingSet() {
        Random rng = new Random(8);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 << rng.nextInt(11);
            int[] idx = MerkleReference.randomSubset(rng, n, 1 + rng.nextInt(Math.min(n, 40)));
            assertEquals(MerkleReference.siblingCount(n, idx), MerkleMultiProof.nodeCount(n, idx));
        }
        assertEquals(30, MerkleMultiProof.nodeCount(1 << 30, new int[] {(1 << 30) - 1}));
    }

    @Test
    void nodeCount_invalidArgumentsRejected() {
        assertThrows(IllegalArgumentException.class, () -> MerkleMultiProof.nodeCount(6, new int[] {0}));
        assertThrows(IllegalArgumentException.class, () -> MerkleMultiProof.nodeCount(8, new int[0]));
        assertThrows(IllegalArgumentException.class, () -> MerkleMultiProof.nodeCount(8, new int[] {8}));
        assertThrows(IllegalArgumentException.class, () -> MerkleMultiProof.nodeCount(8, new int[] {2, 1}));
        assertThrows(IllegalArgumentException.class, () -> MerkleMultiProof.nodeCount(8, new int[] {1, 1}));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 8, 1024})
    void verify_flippedSiblingRejected(int n) {
        Fixture f = new Fixture(n, n + 4);
        Random rng = new Random(n + 4);
        int[][] sets = {{0}, {n - 1}, MerkleReference.randomSubset(rng, n, Math.min(n - 1, 5)),
            MerkleReference.randomSubset(rng, n, Math.max(1, Math.min(n / 2 - 1, 40)))};
        for (int[] idx : sets) {
            MerkleMultiProof proof = f.tree.prove(idx);
            byte[] nodes = proof.nodes();
            assertTrue(nodes.length > 0);
            for (int b = 0; b < nodes.length; b++) {
                byte[] bad = nodes.clone();
                bad[b] ^= (byte) (1 << (b & 7));
                MerkleMultiProof tampered = new MerkleMultiProof(bad);
                assertRejected(() -> f.verify(idx, tampered));
            }
            assertDoesNotThrow(() -> f.verify(idx, proof));
        }
    }

    @Test
    void verify_reorderedSiblingsRejected() {
        Fixture f = new Fixture(64, 5);
        int[] idx = {3, 40};
        byte[] nodes = f.tree.prove(idx).nodes();
        byte[] swapped = nodes.clone();
        System.arraycopy(nodes, 0, swapped, 32, 32);
        System.arraycopy(nodes, 32, swapped, 0, 32);
        assertRejected(() -> f.verify(idx, new MerkleMultiProof(swapped)));
    }

    @Test
    void verify_wrongLeafHashRejected() {
        Fixture f = new Fixture(1024, 6);
        int[] idx = {1, 2, 3, 500, 1000};
        MerkleMultiProof proof = f.tree.prove(idx);
        for (int j = 0; j < idx.length; j++) {
            byte[][] hashes = MerkleReference.select(f.leaves, idx);
            hashes[j][31] ^= 0x40;
            assertRejected(() -> MerkleVerifier.verify(f.root, 1024, idx, hashes, proof));
        }
        byte[][] swapped = MerkleReference.select(f.leaves, idx);
        byte[] t = swapped[0];
        swapped[0] = swapped[3];
        swapped[3] = t;
        assertRejected(() -> MerkleVerifier.verify(f.root, 1024, idx, swapped, proof));
        byte[][] shortHash = MerkleReference.select(f.leaves, idx);
        shortHash[2] = new byte[31];
        assertRejected(() -> MerkleVerifier.verify(f.root, 1024, idx, shortHash, proof));
        byte[][] tooFew = MerkleReference.select(f.leaves, new int[] {1, 2, 3, 500});
        assertRejected(() -> MerkleVerifier.verify(f.root, 1024, idx, tooFew, proof));
    }

    @Test
    void verify_wrongIndexSetRejected() {
        Fixture f = new Fixture(1024, 7);
        int[] idx = {10, 300, 301, 900};
        MerkleMultiProof proof = f.tree.prove(idx);
        byte[][] hashes = MerkleReference.select(f.leaves, idx);
        // Same shape (same node count) but claimed at other positions.
        int[] shifted = {12, 302, 303, 902};
        assertEquals(proof.nodeCount(), MerkleMultiProof.nodeCount(1024, shifted));
        assertRejected(() -> MerkleVerifier.verify(f.root, 1024, shifted, hashes, proof));
        int[] moved = {11, 300, 301, 900};
        assertRejected(() -> MerkleVerifier.verify(f.root, 1024, moved, hashes, proof));
        // Right positions, but the hashes of other leaves.
        assertRejected(() -> MerkleVerifier.verify(f.root, 1024, idx, MerkleReference.select(f.leaves, shifted), proof));
        // Malformed index sets.
        assertRejected(() -> MerkleVerifier.verify(f.root, 1024, new int[] {300, 10, 301, 900}, hashes, proof));
        assertRejected(() -> MerkleVerifier.verify(f.root, 1024, new int[] {10, 300, 300, 900}, hashes, proof));
        assertRejected(() -> MerkleVerifier.verify(f.root, 1024, new int[] {10, 300, 301, 1024}, hashes, proof));
        assertRejected(() -> MerkleVerifier.verify(f.root, 1024, new int[] {-1, 300, 301, 900}, hashes, proof));
        assertRejected(() -> MerkleVerifier.verify(f.root, 1024, new int[0], new byte[0][], proof));
        // A proof for a different index set has a different node count.
        assertRejected(() -> f.verify(new int[] {10, 300, 900}, proof));
    }

    @Test
    void verify_wrongRootOrLeafCountRejected() {
        Fixture f = new Fixture(256, 8);
        int[] idx = {5, 77, 200};
        MerkleMultiProof proof = f.tree.prove(idx);
        byte[][] hashes = MerkleReference.select(f.leaves, idx);
        for (int b = 0; b < 32; b++) {
            byte[] root = f.root.clone();
            root[b] ^= 0x80;
            assertRejected(() -> MerkleVerifier.verify(root, 256, idx, hashes, proof));
        }
        assertRejected(() -> MerkleVerifier.verify(new Fixture(256, 9).root, 256, idx, hashes, proof));
        assertRejected(() -> MerkleVerifier.verify(new byte[31], 256, idx, hashes, proof));
        assertRejected(() -> MerkleVerifier.verify(f.root, 512, idx, hashes, proof));
        assertRejected(() -> MerkleVerifier.verify(f.root, 255, idx, hashes, proof));
        assertRejected(() -> MerkleVerifier.verify(f.root, 0, idx, hashes, proof));
    }

    @Test
    void verify_proofFromOtherTreeRejected() {
        Fixture a = new Fixture(128, 10);
        Fixture b = new Fixture(128, 11);
        int[] idx = {0, 64, 127};
        assertRejected(() -> a.verify(idx, b.tree.prove(idx)));
    }

    @Test
    void verify_singleLeafTree() {
        Fixture f = new Fixture(1, 12);
        MerkleMultiProof proof = f.tree.prove(new int[] {0, 0});
        assertEquals(0, proof.nodeCount());
        assertDoesNotThrow(() -> f.verify(new int[] {0}, proof));
        byte[][] wrong = {new byte[32]};
        assertRejected(() -> MerkleVerifier.verify(f.root, 1, new int[] {0}, wrong, proof));
        assertRejected(() -> MerkleVerifier.verify(f.root, 1, new int[] {1}, MerkleReference.select(f.leaves, new int[] {0}), proof));
    }
}
