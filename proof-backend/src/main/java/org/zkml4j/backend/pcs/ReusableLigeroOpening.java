package org.zkml4j.backend.pcs;

import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.io.ProofWriter;

/**
 * A {@link ReusableLigeroPcs} opening: the slot whose masks it uses, then a {@link LigeroOpening}
 * whose columns carry every row (three mask rows per slot).
 */
public final class ReusableLigeroOpening implements OpeningProof {
    final int slot;
    final LigeroOpening opening;

    ReusableLigeroOpening(int slot, LigeroOpening opening) {
        this.slot = slot;
        this.opening = opening;
    }

    /** The opening slot, in [0, budget). */
    public int slot() {
        return slot;
    }

    @Override
    public void writeTo(ProofWriter out) {
        out.writeInt(slot);
        opening.writeTo(out);
    }

    /** Reads an opening whose sizes follow from the layout; the slot must lie within the budget. */
    static ReusableLigeroOpening read(ProofReader in, LigeroLayout layout) throws InvalidProofException {
        int slot = in.readInt("opening slot");
        if (slot < 0 || slot >= layout.budget()) {
            throw new InvalidProofException("malformed proof: opening slot " + slot + " outside [0, "
                    + layout.budget() + ")");
        }
        return new ReusableLigeroOpening(slot, LigeroOpening.read(in, layout));
    }
}
