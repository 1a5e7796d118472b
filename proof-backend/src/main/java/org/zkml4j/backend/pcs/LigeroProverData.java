package org.zkml4j.backend.pcs;

import java.util.concurrent.atomic.AtomicBoolean;
import org.zkml4j.backend.merkle.MerkleTree;

/**
 * The prover's side of a {@link LigeroPcs} commitment: row coefficients, encoded rows, salts and
 * the Merkle tree. Holds secrets; never serialised. It may be opened once: a second opening would
 * reveal fresh columns and a second masked combination, breaking hiding.
 */
public final class LigeroProverData implements ProverData {
    final LigeroLayout layout;
    /** Row polynomials' coefficients (data rows, then the three mask rows). */
    final long[][] coefficients;
    /** Row polynomials evaluated on the code domain, row-major: row i at [i·N, (i+1)·N). */
    final long[] encoded;
    final byte[][] salts;
    final MerkleTree tree;
    private final LigeroCommitment commitment;
    private final AtomicBoolean opened = new AtomicBoolean();

    LigeroProverData(LigeroLayout layout, long[][] coefficients, long[] encoded, byte[][] salts, MerkleTree tree,
                     LigeroCommitment commitment) {
        this.layout = layout;
        this.coefficients = coefficients;
        this.encoded = encoded;
        this.salts = salts;
        this.tree = tree;
        this.commitment = commitment;
    }

    @Override
    public LigeroCommitment commitment() {
        return commitment;
    }

    /** Marks the data opened; throws if it already was. */
    void markOpened() {
        if (!opened.compareAndSet(false, true)) {
            throw new IllegalStateException("a hiding commitment may be opened once; commit again for a new opening");
        }
    }
}
