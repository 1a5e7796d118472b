package org.zkml4j.backend.sumcheck;

import java.util.Objects;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.transcript.Transcript;

/**
 * Proves Σ_{x ∈ {0,1}^n} Σ_t c_t Π_{j ∈ t} f_j(x) = S, binding the lowest variable first.
 *
 * <p>Transcript: absorbs the statement (shape and claimed sum), then for each round the round
 * polynomial's values before drawing that round's challenge, and finally the final evaluations;
 * callers may draw further challenges afterwards. Not zero knowledge: see {@link ZkSumcheck}.
 *
 * <pre>{@code
 * SumcheckProver.Result res = SumcheckProver.prove(instance, instance.sum(), new Transcript("app"));
 * // send res.proof(); the caller must still prove the final evaluations res.finalEvaluations()
 * }</pre>
 */
public final class SumcheckProver {
    private SumcheckProver() {}

    /**
     * A proof and the claims it reduces to.
     *
     * @param proof the proof to send
     * @param reduction the point r and the evaluations f_j(r) (sent inside the proof)
     */
    public record Result(SumcheckProof proof, Reduction reduction) {
        /** The challenges r_0..r_{n−1}. */
        public Ext[] point() {
            return reduction.point();
        }

        /** f_j(r) for every table. */
        public Ext[] finalEvaluations() {
            return reduction.finalEvaluations();
        }
    }

    /**
     * Proves that the instance sums to {@code claimedSum}.
     *
     * @throws IllegalArgumentException if the instance does not sum to {@code claimedSum} (detected
     *     after the last round; the transcript has then advanced)
     */
    public static Result prove(SumcheckInstance instance, Ext claimedSum, Transcript transcript) {
        return prove(instance, claimedSum, transcript, true);
    }

    /** As {@link #prove}, optionally skipping the final self-check (tests forge false claims). */
    static Result prove(SumcheckInstance instance, Ext claimedSum, Transcript transcript, boolean check) {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(claimedSum, "claimedSum");
        Objects.requireNonNull(transcript, "transcript");
        SumcheckShape shape = instance.shape();
        shape.absorbStatement(transcript, claimedSum, false);
        SumcheckEngine engine = new SumcheckEngine(instance, claimedSum);
        int n = shape.numVars();
        Ext[][] rounds = new Ext[n][];
        Ext[] point = new Ext[n];
        for (int i = 0; i < n; i++) {
            Ext[] evals = engine.roundEvaluations();
            transcript.absorbExts(ROUND_LABEL, evals);
            Ext r = transcript.challengeExt(CHALLENGE_LABEL);
            engine.bind(r, evals);
            rounds[i] = evals;
            point[i] = r;
        }
        Ext[] finals = engine.finalEvaluations();
        transcript.absorbExts(FINAL_LABEL, finals);
        if (check && !shape.combine(finals).equals(engine.claim())) {
            throw new IllegalArgumentException("the instance does not sum to the claimed value");
        }
        return new Result(new SumcheckProof(rounds, finals), new Reduction(point, finals));
    }

    static final String ROUND_LABEL = "sumcheck/round";
    static final String CHALLENGE_LABEL = "sumcheck/challenge";
    static final String FINAL_LABEL = "sumcheck/final";
}
