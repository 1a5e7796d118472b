package org.zkml4j.backend.pcs;

import java.util.BitSet;

/**
 * The prover's side of a {@link LigeroPcs} or {@link ReusableLigeroPcs} commitment: row
 * coefficients, the encoded matrix with its salts and Merkle tree. Holds secrets; never serialised.
 *
 * <p>It may be opened {@link #budget()} times (once for {@link LigeroPcs}), each opening taking the
 * next slot number, slots in increasing order — or {@linkplain #reserveSlot reserved} in increasing
 * order and opened later, in any order. The rows' random coefficients hide only budget·t opened
 * columns, so an opening beyond the budget, or with a slot already used or skipped (and not
 * reserved), is refused with {@link IllegalStateException}.
 */
public final class LigeroProverData implements ProverData {
    final LigeroLayout layout;
    /** Committed rows' coefficients: data rows, then (budget one only) the three mask rows. */
    final long[][] coefficients;
    final EncodedMatrix matrix;
    private final LigeroCommitment commitment;
    private int nextSlot;
    /** Slots reserved and not opened yet. */
    private final BitSet reserved = new BitSet();

    LigeroProverData(LigeroLayout layout, long[][] coefficients, EncodedMatrix matrix, LigeroCommitment commitment) {
        this.layout = layout;
        this.coefficients = coefficients;
        this.matrix = matrix;
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
     * Uses {@code slot} for an opening: a reserved one, or one after every slot used or reserved so far.
     *
     * @throws IllegalStateException if the slot is beyond the budget, or neither reserved nor after
     *     every slot used so far
     */
    synchronized void useSlot(int slot) {
        if (slot >= 0 && reserved.get(slot)) {
            reserved.clear(slot);
        } else {
            take(slot);
        }
    }

    /**
     * Takes {@code slot} now for an opening made later ({@link ReusableLigeroPcs#openSlot}), for a
     * prover that persists slot + 1 before proving; reserved slots may be opened in any order, each once.
     *
     * @throws IllegalStateException if the slot is beyond the budget or not after every slot used so far
     */
    synchronized void reserveSlot(int slot) {
        take(slot);
        reserved.set(slot);
    }

    private void take(int slot) {
        if (slot < 0) {
            throw new IllegalArgumentException("slot " + slot + " is negative");
        }
        if (layout.budget() == 1 && nextSlot > 0) {
            throw new IllegalStateException("a hiding commitment may be opened once; commit again for a new opening");
        }
        if (slot >= layout.budget()) {
            throw new IllegalStateException("the opening budget of " + layout.budget() + " openings is exhausted (slot "
                    + slot + " requested); commit again and publish the new key");
        }
        if (slot < nextSlot) {
            throw new IllegalStateException("slot " + slot + " was already used or skipped (next slot is " + nextSlot
                    + "); each slot stands for t of the budget's hidden columns");
        }
        nextSlot = slot + 1;
    }
}
