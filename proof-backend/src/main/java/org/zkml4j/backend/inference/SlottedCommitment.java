package org.zkml4j.backend.inference;

import java.util.List;
import java.util.random.RandomGenerator;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.pcs.Claim;
import org.zkml4j.backend.pcs.LigeroCommitment;
import org.zkml4j.backend.pcs.LigeroProverData;
import org.zkml4j.backend.pcs.OpeningProof;
import org.zkml4j.backend.pcs.PcsParameters;
import org.zkml4j.backend.pcs.ReusableLigeroPcs;
import org.zkml4j.backend.transcript.Transcript;

/**
 * A {@link ReusableLigeroPcs} commitment made once and opened once per proof, each time from the
 * next slot of its budget — with the prover's data and slot counter, or the verifier's view only.
 * A prover that persists its counter {@linkplain #reserve reserves} a slot, persists the counter,
 * then proves with the reservation, which opens that slot only. Each opening is held to
 * 2^−(bits+5), the share of the most openings a proof makes ({@link #MAX_OPENINGS}). Thread-safe.
 */
final class SlottedCommitment {
    private final ReusableLigeroPcs pcs;
    private final LigeroCommitment commitment;
    private final LigeroProverData data;
    /** True for a reservation: it may open slot {@code end − 1} only. */
    private final boolean reserved;
    /** One past the last slot this object may open: the budget, or a reserved slot + 1. */
    private final int end;
    private int nextSlot;

    private SlottedCommitment(ReusableLigeroPcs pcs, LigeroCommitment commitment, LigeroProverData data,
            int nextSlot, boolean reserved, int end) {
        this.pcs = pcs;
        this.commitment = commitment;
        this.data = data;
        this.nextSlot = nextSlot;
        this.reserved = reserved;
        this.end = end;
    }

    /** The most openings a proof makes: C1, C2, the masks' CM, and a model, input and output commitment. */
    static final int MAX_OPENINGS = 6;

    private static ReusableLigeroPcs scheme(int securityBits, int budget) {
        return new ReusableLigeroPcs(PcsParameters.forOpenings(securityBits, MAX_OPENINGS), budget);
    }

    /**
     * Commits {@code vectors} with randomness from {@code rng}.
     *
     * @param nextSlot the first unused slot (0 for a fresh commitment; a saved counter to resume)
     * @throws IllegalArgumentException if the budget or the slot is out of range
     */
    static SlottedCommitment commit(List<long[]> vectors, RandomGenerator rng, int securityBits, int budget,
            int nextSlot) {
        if (nextSlot < 0 || nextSlot > budget) {
            throw new IllegalArgumentException("next slot " + nextSlot + " outside [0, " + budget + "]");
        }
        ReusableLigeroPcs pcs = scheme(securityBits, budget);
        LigeroProverData data = pcs.commit(vectors, rng);
        return new SlottedCommitment(pcs, data.commitment(), data, nextSlot, false, budget);
    }

    /** Reads a verifier's view in bounded memory (the budget is part of the commitment). */
    static SlottedCommitment read(ProofReader in, int securityBits) throws InvalidProofException {
        LigeroCommitment c = scheme(securityBits, 2).readCommitment(in);
        return new SlottedCommitment(scheme(securityBits, c.budget()), c, null, 0, false, c.budget());
    }

    LigeroCommitment commitment() {
        return commitment;
    }

    int budget() {
        return commitment.budget();
    }

    synchronized int nextSlot() {
        return nextSlot;
    }

    /** Moves the counter forward to {@code slot} (resuming from a saved counter); never back. */
    synchronized void skipTo(int slot) {
        if (slot < nextSlot || slot > end) {
            throw new IllegalArgumentException("cannot move the next slot from " + nextSlot + " to " + slot
                    + " (budget " + budget() + ")");
        }
        nextSlot = slot;
    }

    /**
     * Takes the next slot for one proof: returns a commitment sharing this one's data that opens only
     * that slot (reservations may prove in any order), and moves this counter past it.
     *
     * @throws IllegalStateException once the budget is spent, or if this is a reservation
     */
    synchronized SlottedCommitment reserve(String what) {
        if (reserved) {
            throw new IllegalStateException("this is a reservation of the " + what + "'s slot " + (end - 1)
                    + ": prove with it, or reserve from the commitment it was reserved from");
        }
        int slot = take(what);
        pcs.reserveSlot(data, slot); // so reservations may prove in any order
        return new SlottedCommitment(pcs, commitment, data, slot, true, slot + 1);
    }

    /**
     * Opens the next slot at {@code claims}.
     *
     * @throws IllegalStateException once the budget (or this reservation) is spent
     */
    synchronized OpeningProof open(List<Claim> claims, Transcript transcript, RandomGenerator rng, String what) {
        // under the lock: the scheme takes unreserved slots in increasing order only
        return pcs.openSlot(data, take(what), claims, transcript, rng);
    }

    private int take(String what) {
        if (nextSlot < end) {
            return nextSlot++;
        }
        throw new IllegalStateException(reserved
                ? "the " + what + "'s reserved slot " + (end - 1) + " is used: reserve another proof"
                : "the " + what + "'s budget of " + budget() + " proofs is spent: commit again for a fresh commitment");
    }

    OpeningProof readProof(ProofReader in, List<Claim> claims) throws InvalidProofException {
        return pcs.readProof(in, commitment, claims);
    }

    void verify(List<Claim> claims, OpeningProof proof, Transcript transcript) throws InvalidProofException {
        pcs.verify(commitment, claims, proof, transcript);
    }
}
