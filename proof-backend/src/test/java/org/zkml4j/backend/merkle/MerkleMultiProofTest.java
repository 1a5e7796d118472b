package org.zkml4j.backend.merkle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.io.ProofWriter;

class MerkleMultiProofTest {

    private static byte[] bytes(MerkleMultiProof p) {
        ProofWriter w = new ProofWriter();
        p.writeTo(w);
        return w.toByteArray();
    }

    @Test
    void roundTrip_writeReadVerifies() throws InvalidProofException {
        Random rng = new Random(1);
        byte[][] leaves = MerkleReference.randomLeafHashes(rng, 1024);
        MerkleTree tree = MerkleTree.fromLeafHashes(MerkleReference.pack(leaves));
        for (int trial = 0; trial < 20; trial++) {
            int[] idx = MerkleReference.randomSubset(rng, 1024, 1 + rng.nextInt(64));
            MerkleMultiProof proof = tree.prove(idx);
            ProofWriter w = new ProofWriter();
            w.writeInt(0x1234);
            proof.writeTo(w);
            w.writeInt(0x5678);
            assertEquals(4 + 32 * proof.nodeCount() + 4, w.size());
            ProofReader r = new ProofReader(w.toByteArray());
            assertEquals(0x1234, r.readInt("head"));
            MerkleMultiProof back = MerkleMultiProof.read(r, 1024, idx);
            assertEquals(0x5678, r.readInt("tail"));
            r.expectEnd("test");
            assertEquals(proof, back);
            assertEquals(proof.hashCode(), back.hashCode());
            assertArrayEquals(bytes(proof), bytes(back));
            MerkleVerifier.verify(tree.root(), 1024, idx, MerkleReference.select(leaves, idx), back);
        }
    }

    @Test
    void roundTrip_emptyProofReadsNothing() throws InvalidProofException {
        MerkleTree tree = MerkleTree.fromLeafHashes(new byte[2 * 32]);
        MerkleMultiProof proof = tree.prove(new int[] {1, 0});
        assertEquals(0, bytes(proof).length);
        ProofReader r = new ProofReader(new byte[0]);
        assertEquals(proof, MerkleMultiProof.read(r, 2, new int[] {0, 1}));
    }

    @Test
    void read_truncatedBytesThrowInvalidProof() {
        MerkleTree tree = MerkleTree.fromLeafHashes(
                MerkleReference.pack(MerkleReference.randomLeafHashes(new Random(2), 64)));
        int[] idx = {1, 17, 40};
        byte[] full = bytes(tree.prove(idx));
        for (int len = 0; len < full.length; len++) {
            byte[] cut = java.util.Arrays.copyOf(full, len);
            assertThrows(InvalidProofException.class, () -> MerkleMultiProof.read(new ProofReader(cut), 64, idx));
        }
        assertDoesNotThrow(() -> MerkleMultiProof.read(new ProofReader(full), 64, idx));
    }

    @Test
    void read_hugeTreeOnTinyInputFailsBeforeAllocating() {
        // 2^30 leaves and 4096 spread-out indices would need ~2.4 MB of nodes; the input has 7 bytes.
        int[] idx = new int[4096];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i << 18;
        }
        int count = MerkleMultiProof.nodeCount(1 << 30, idx);
        assertEquals(4096 * 18, count, "18 private siblings each; level 18 is then complete");
        assertThrows(InvalidProofException.class,
                () -> MerkleMultiProof.read(new ProofReader(new byte[7]), 1 << 30, idx));
    }

    @Test
    void read_invalidPublicParametersThrowInvalidProof() {
        ProofReader r = new ProofReader(new byte[1024]);
        assertThrows(InvalidProofException.class, () -> MerkleMultiProof.read(r, 6, new int[] {0}));
        assertThrows(InvalidProofException.class, () -> MerkleMultiProof.read(r, 8, new int[0]));
        assertThrows(InvalidProofException.class, () -> MerkleMultiProof.read(r, 8, new int[] {9}));
        assertThrows(InvalidProofException.class, () -> MerkleMultiProof.read(r, 8, new int[] {3, 2}));
        assertThrows(InvalidProofException.class, () -> MerkleMultiProof.read(r, 8, new int[] {2, 2}));
        assertEquals(1024, r.remaining());
    }
}
