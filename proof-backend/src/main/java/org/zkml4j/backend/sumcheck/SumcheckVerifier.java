package org.zkml4j.backend.sumcheck;

import java.util.Objects;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.transcript.Transcript;

/**
 * Verifies a {@link SumcheckProof}: checks p_i(0) + p_i(1) against the running claim in every
 * round, and at the end that the shape's combination of the claimed final evaluations equals the
 * last round polynomial at its challenge. Makes the same transcript calls as
 * {@link SumcheckProver}.
 *
 * <p>On success the statement reduces to the returned evaluation claims f_j(r) = v_j, which the
 * caller must still check (e.g. by polynomial-commitment openings). Soundness error: at most
 * n·d/|F_ext| ≈ n·d·2^−128 (Schwartz–Zippel per round), given that the evaluation claims hold.
 *
 * <pre>{@code
 * Reduction res = SumcheckVerifier.verify(shape, sum, proof, new Transcript("app"));
 * // now check f_j(res.point()) == res.finalEvaluations()[j] for every j
 * }</pre>
 */
public final class SumcheckVerifier {
    private SumcheckVerifier() {}


    /**
     * Verifies {@code proof} of Σ = {@code claimedSum} for {@code shape}.
     *
     * @throws InvalidProofException naming the failed check (round index, or the final check)
     */
    public static Reduction verify(SumcheckShape shape, Ext claimedSum, SumcheckProof proof, Transcript transcript)
            throws InvalidProofException {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(claimedSum, "claimedSum");
        Objects.requireNonNull(proof, "proof");
        Objects.requireNonNull(transcript, "transcript");
        checkSizes(shape, proof.numRounds(), proof::roundRef, proof.finalRef().length);
        shape.absorbStatement(transcript, claimedSum, false);
        Ext[] point = new Ext[shape.numVars()];
        Ext last = verifyRounds(proof::roundRef, claimedSum, point, transcript);
        Ext[] finals = proof.finalRef();
        transcript.absorbExts(SumcheckProver.FINAL_LABEL, finals);
        if (!shape.combine(finals).equals(last)) {
            throw new InvalidProofException("sumcheck final check: combined final evaluations ≠ last round value");
        }
        return new Reduction(point, finals);
    }

    /** Access to round {@code i}'s evaluations (no copy). */
    @FunctionalInterface
    interface Rounds {
        Ext[] round(int i);
    }

    /** Checks that the proof's sizes match the shape. */
    static void checkSizes(SumcheckShape shape, int numRounds, Rounds rounds, int numFinals)
            throws InvalidProofException {
        if (numRounds != shape.numVars()) {
            throw new InvalidProofException("malformed proof: " + numRounds + " sumcheck rounds, expected "
                    + shape.numVars());
        }
        for (int i = 0; i < numRounds; i++) {
            if (rounds.round(i).length != shape.degree() + 1) {
                throw new InvalidProofException("malformed proof: sumcheck round " + i + " has "
                        + rounds.round(i).length + " evaluations, expected " + (shape.degree() + 1));
            }
        }
        if (numFinals != shape.numTables()) {
            throw new InvalidProofException("malformed proof: " + numFinals + " final evaluations, expected "
                    + shape.numTables());
        }
    }

    /**
     * Runs the round checks from {@code claim}: p_i(0) + p_i(1) = claim, absorb p_i, draw r_i,
     * claim ← p_i(r_i). Fills {@code point} and returns the last claim.
     */
    static Ext verifyRounds(Rounds rounds, Ext claim, Ext[] point, Transcript transcript)
            throws InvalidProofException {
        for (int i = 0; i < point.length; i++) {
            Ext[] evals = rounds.round(i);
            if (!evals[0].add(evals[1]).equals(claim)) {
                throw new InvalidProofException("sumcheck round " + i + ": p(0) + p(1) ≠ claim");
            }
            transcript.absorbExts(SumcheckProver.ROUND_LABEL, evals);
            Ext r = transcript.challengeExt(SumcheckProver.CHALLENGE_LABEL);
            claim = Lagrange.interpolate(evals, r);
            point[i] = r;
        }
        return claim;
    }
}
