package org.zkml4j.backend.pcs;

import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.io.ProofWriter;
import org.zkml4j.backend.merkle.MerkleMultiProof;
import org.zkml4j.backend.merkle.MerkleTree;

/**
 * A {@link ReusableLigeroPcs} opening: its slot, the root of its own three mask rows, a
 * {@link LigeroOpening} whose columns carry the data rows then the mask rows, and the mask
 * columns' salts and Merkle batch path.
 */
public final class ReusableLigeroOpening implements OpeningProof {
    final int slot;
    final MaskOpening masks;
    final LigeroOpening opening;

    ReusableLigeroOpening(int slot, MaskOpening masks, LigeroOpening opening) {
        this.slot = slot;
        this.masks = masks;
        this.opening = opening;
    }

    /** The opening slot, in [0, budget). */
    public int slot() {
        return slot;
    }

    @Override
    public void writeTo(ProofWriter out) {
        out.writeInt(slot).writeBytes(masks.root());
        opening.writeTo(out);
        for (byte[] salt : masks.salts()) {
            out.writeBytes(salt);
        }
        masks.merkle().writeTo(out);
    }

    /** Reads an opening whose sizes follow from the layout; the slot must lie within the budget. */
    static ReusableLigeroOpening read(ProofReader in, LigeroLayout layout) throws InvalidProofException {
        int slot = in.readInt("opening slot");
        if (slot < 0 || slot >= layout.budget()) {
            throw new InvalidProofException("malformed proof: opening slot " + slot + " outside [0, "
                    + layout.budget() + ")");
        }
        byte[] root = in.readBytes("mask root", MerkleTree.HASH_BYTES);
        LigeroOpening opening = LigeroOpening.read(in, layout);
        byte[][] salts = new byte[opening.columns.length][];
        for (int k = 0; k < salts.length; k++) {
            salts[k] = in.readBytes("mask column salt", MerkleTree.SALT_BYTES);
        }
        MerkleMultiProof merkle = MerkleMultiProof.read(in, layout.domain(), opening.columns);
        return new ReusableLigeroOpening(slot, new MaskOpening(root, salts, merkle), opening);
    }
}
