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
 * Each opening is held to 2^−(bits+3), like every opening of a proof that uses one. Thread-safe.
 */
final class SlottedCommitment {
    private final ReusableLigeroPcs pcs;
    private final LigeroCommitment commitment;
    private final LigeroProverData data;
    private int nextSlot;

    private SlottedCommitment(ReusableLigeroPcs pcs, LigeroCommitment commitment, LigeroProverData data,
            int nextSlot) {
        this.pcs = pcs;
        this.commitment = commitment;
        this.data = data;
        this.nextSlot = nextSlot;
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
        return new SlottedCommitment(pcs, data.commitment(), data, nextSlot);
    }

    /** Reads a verifier's view in bounded memory (the budget is part of the commitment). */
    static SlottedCommitment read(ProofReader in, int securityBits) throws InvalidProofException {
        LigeroCommitment c = scheme(securityBits, 2).readCommitment(in);
        return new SlottedCommitment(scheme(securityBits, c.budget()), c, null, 0);
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
        if (slot < nextSlot || slot > budget()) {
            throw new IllegalArgumentException("cannot move the next slot from " + nextSlot + " to " + slot);
        }
        nextSlot = slot;
    }

    /**
     * Opens the next slot at {@code claims}.
     *
     * @throws IllegalStateException once the budget is spent
     */
    synchronized OpeningProof open(List<Claim> claims, Transcript transcript, RandomGenerator rng, String what) {
        // under the lock: the scheme takes slots in increasing order only
        if (nextSlot >= budget()) {
            throw new IllegalStateException("the " + what + "'s budget of " + budget()
                    + " proofs is spent: commit again for a fresh commitment");
        }
        return pcs.openSlot(data, nextSlot++, claims, transcript, rng);
    }

    OpeningProof readProof(ProofReader in, List<Claim> claims) throws InvalidProofException {
        return pcs.readProof(in, commitment, claims);
    }

    void verify(List<Claim> claims, OpeningProof proof, Transcript transcript) throws InvalidProofException {
        pcs.verify(commitment, claims, proof, transcript);
    }
}
