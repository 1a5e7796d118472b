package org.zkml4j.backend.pcs;

import java.util.List;
import java.util.random.RandomGenerator;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.transcript.Transcript;

/**
 * A hiding {@link LigeroPcs} commitment that may be opened up to {@code budget} (K) times, each
 * opening hiding the committed data: for a commitment computed once and opened in every proof
 * (COMMITTED model weights). See docs/commitment-reuse.md.
 *
 * <p>Every data row carries K·t random coefficients, so the at most K·t columns that K openings
 * reveal are jointly uniform. The commitment holds the data rows only: each opening draws three
 * fresh mask rows (R_a, R_b, R_ld), commits them in a Merkle tree of its own and absorbs that root
 * and its slot number before the challenges, so its u and q are masked afresh and the masks are
 * fixed before the verifier's randomness. Soundness is Ligero's with ρ_q = (2·cols + K·t)/N
 * ({@link #soundnessBits}). The prover data refuses a slot twice and an opening beyond the
 * budget; after K openings, commit again and publish the new commitment (rotate).
 *
 * <pre>{@code
 * ReusableLigeroPcs pcs = new ReusableLigeroPcs(PcsParameters.DEFAULT, 64);
 * LigeroProverData weights = pcs.commit(List.of(w), AesCtrRandom.create()); // root goes into the key
 * OpeningProof proof = pcs.open(weights, claims, transcript, rng);        // uses weights.nextSlot()
 * pcs.verify(weights.commitment(), claims, proof, verifierTranscript);
 * }</pre>
 *
 * The verifier accepts a commitment of any budget in [2, 1024]: soundness holds for every budget,
 * the budget given here is the one {@link #commit} uses.
 */
public final class ReusableLigeroPcs implements PolynomialCommitment {
    private final PcsParameters params;
    private final int budget;

    /** A scheme whose commitments allow {@code budget} openings, 2 ≤ budget ≤ 1024 (one opening: {@link LigeroPcs}). */
    public ReusableLigeroPcs(PcsParameters params, int budget) {
        if (budget < 2 || budget > LigeroLayout.MAX_BUDGET) {
            throw new IllegalArgumentException("opening budget " + budget + " outside [2, " + LigeroLayout.MAX_BUDGET
                    + "]; for a single opening use LigeroPcs");
        }
        this.params = params;
        this.budget = budget;
    }

    public PcsParameters parameters() {
        return params;
    }

    public int budget() {
        return budget;
    }

    /** The proven soundness of each opening for vectors of these lengths at this budget, in bits. */
    public double soundnessBits(int... vectorLengths) {
        return LigeroLayout.plan(vectorLengths, params, budget).soundnessBits();
    }

    @Override
    public LigeroProverData commit(List<long[]> vectors, RandomGenerator rng) {
        return LigeroPcs.commit(vectors, params, budget, rng);
    }

    /** Opens the data's next slot ({@link LigeroProverData#nextSlot()}); {@code rng} draws the opening's masks. */
    @Override
    public ReusableLigeroOpening open(ProverData data, List<Claim> claims, Transcript transcript,
                                      RandomGenerator rng) {
        return openSlot(data, reusable(data).nextSlot(), claims, transcript, rng);
    }

    /**
     * Opens slot {@code slot}: for a prover that resumes from a persisted counter (store the slot + 1
     * before publishing the proof, and re-create the prover data from the same secret seed). Slots
     * are used in increasing order; a lower slot is refused, and so is any slot ≥ budget.
     *
     * @throws IllegalStateException if the slot was used or skipped, or the budget is exhausted
     */
    public ReusableLigeroOpening openSlot(ProverData data, int slot, List<Claim> claims, Transcript transcript,
                                          RandomGenerator rng) {
        LigeroPcs.Opened o = LigeroPcs.open(reusable(data), slot, claims, transcript, rng);
        int[] columns = o.opening().columns;
        MaskOpening masks = new MaskOpening(o.masks().tree.root(), o.masks().salts(columns),
                o.masks().tree.prove(columns));
        return new ReusableLigeroOpening(slot, masks, o.opening());
    }

    /**
     * Takes slot {@code slot} now for an opening made later with {@link #openSlot}: a prover that
     * persists its counter reserves, stores slot + 1, then proves. Reserved slots may be opened in
     * any order (concurrent proofs finish in any order), each once.
     *
     * @throws IllegalStateException if the slot was used or skipped, or the budget is exhausted
     */
    public void reserveSlot(ProverData data, int slot) {
        reusable(data).reserveSlot(slot);
    }

    private static LigeroProverData reusable(ProverData data) {
        if (!(data instanceof LigeroProverData d) || d.budget() < 2) {
            throw new IllegalArgumentException("prover data was not made by ReusableLigeroPcs");
        }
        return d;
    }

    @Override
    public void verify(Commitment commitment, List<Claim> claims, OpeningProof proof, Transcript transcript)
            throws InvalidProofException {
        LigeroCommitment com = reusable(commitment);
        if (!(proof instanceof ReusableLigeroOpening opening)) {
            throw new InvalidProofException("opening proof was not made by ReusableLigeroPcs");
        }
        LigeroPcs.verify(com, opening.slot, opening.masks, claims, opening.opening, transcript, params);
    }

    @Override
    public ReusableLigeroOpening readProof(ProofReader in, Commitment commitment, List<Claim> claims)
            throws InvalidProofException {
        return ReusableLigeroOpening.read(in, reusable(commitment).layout());
    }

    @Override
    public LigeroCommitment readCommitment(ProofReader in) throws InvalidProofException {
        return LigeroCommitment.read(in, params.securityBits(), true);
    }

    private static LigeroCommitment reusable(Commitment commitment) throws InvalidProofException {
        if (!(commitment instanceof LigeroCommitment com) || com.budget() < 2) {
            throw new InvalidProofException("commitment was not made by ReusableLigeroPcs");
        }
        return com;
    }
}
