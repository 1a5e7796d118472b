package org.zkml4j.backend.pcs;

import org.zkml4j.backend.merkle.MerkleTree;

/**
 * The prover's side of a {@link LigeroPcs} or {@link ReusableLigeroPcs} commitment: row
 * coefficients, encoded rows, salts and the Merkle tree. Holds secrets; never serialised.
 *
 * <p>It may be opened once per slot of its budget (one slot for {@link LigeroPcs}), slots in
 * increasing order: reusing a slot would reveal a second masked combination under the same masks,
 * and an opening beyond the budget would reveal more columns than the rows' random coefficients
 * hide. Both are refused with {@link IllegalStateException}.
 */
public final class LigeroProverData implements ProverData {
    final LigeroLayout layout;
    /** Row polynomials' coefficients (data rows, then three mask rows per slot). */
    final long[][] coefficients;
    /** Row polynomials evaluated on the code domain, row-major: row i at [i·N, (i+1)·N). */
    final long[] encoded;
    final byte[][] salts;
    final MerkleTree tree;
    private final LigeroCommitment commitment;
    private int nextSlot;

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

    /** How many hiding openings the commitment allows. */
    public int budget() {
        return layout.budget();
    }

    /** The slot the next opening uses: one past the highest slot opened so far (0 before any). */
    public synchronized int nextSlot() {
        return nextSlot;
    }

    /**
     * Reserves {@code slot} for an opening.
     *
     * @throws IllegalStateException if the slot is beyond the budget or not after every slot used so far
     */
    synchronized void useSlot(int slot) {
        if (slot < 0) {
            throw new IllegalArgumentException("slot " + slot + " is negative");
        }
        if (slot >= layout.budget()) {
            throw new IllegalStateException("the opening budget of " + layout.budget() + (layout.budget() == 1
                    ? " opening is used; commit again for a new opening"
                    : " openings is exhausted (slot " + slot + " requested); commit again and publish the new key"));
        }
        if (slot < nextSlot) {
            throw new IllegalStateException("slot " + slot + " was already used or skipped (next slot is " + nextSlot
                    + "); a slot opened twice would reuse its masks");
        }
        nextSlot = slot + 1;
    }
}
