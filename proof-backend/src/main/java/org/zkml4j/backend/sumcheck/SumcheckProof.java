package org.zkml4j.backend.sumcheck;

import java.util.Objects;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.io.ProofWriter;

/**
 * A sumcheck proof: for each of the n rounds the round polynomial's values at 0, 1, …, d, then
 * the claimed evaluation f_j(r) of every table at the challenge point r.
 *
 * <p>Encoding: n·(d+1) + numTables extension elements, no lengths — all sizes come from the
 * {@link SumcheckShape}. Instances are immutable; accessors return copies.
 */
public final class SumcheckProof implements Hiding.Messages {
    private final Ext[][] rounds;
    private final Ext[] finalEvaluations;

    /**
     * Wraps round evaluations and final evaluations (copied). Sizes are checked against the shape
     * by {@link SumcheckVerifier}, not here.
     */
    public SumcheckProof(Ext[][] roundEvaluations, Ext[] finalEvaluations) {
        Objects.requireNonNull(roundEvaluations, "roundEvaluations");
        Objects.requireNonNull(finalEvaluations, "finalEvaluations");
        this.rounds = new Ext[roundEvaluations.length][];
        for (int i = 0; i < rounds.length; i++) {
            rounds[i] = copyNonNull(roundEvaluations[i], "round " + i);
        }
        this.finalEvaluations = copyNonNull(finalEvaluations, "final evaluations");
    }

    private static Ext[] copyNonNull(Ext[] a, String what) {
        Objects.requireNonNull(a, what);
        Ext[] c = a.clone();
        for (Ext e : c) {
            Objects.requireNonNull(e, what);
        }
        return c;
    }

    /** Number of rounds (n). */
    public int numRounds() {
        return rounds.length;
    }

    /** Values of round {@code i}'s polynomial at 0, 1, …, d. */
    public Ext[] roundEvaluations(int i) {
        return rounds[i].clone();
    }

    /** The claimed f_j(r), one per table. */
    public Ext[] finalEvaluations() {
        return finalEvaluations.clone();
    }

    Ext[] roundRef(int i) {
        return rounds[i];
    }

    Ext[] finalRef() {
        return finalEvaluations;
    }

    /** Appends the canonical encoding. */
    public void writeTo(ProofWriter out) {
        for (Ext[] r : rounds) {
            out.writeExts(r);
        }
        out.writeExts(finalEvaluations);
    }

    /** Encoded size in bytes. */
    public int sizeBytes() {
        ProofWriter w = new ProofWriter();
        writeTo(w);
        return w.size();
    }

    /**
     * Reads a proof for {@code shape}; sizes come from the shape, never from the bytes. Does not
     * require the input to end afterwards (proofs are embedded in larger ones).
     *
     * @throws InvalidProofException if the input is truncated or holds a non-canonical element
     */
    public static SumcheckProof read(ProofReader in, SumcheckShape shape) throws InvalidProofException {
        int n = shape.numVars(), width = shape.degree() + 1;
        long total = ((long) n * width + shape.numTables()) * 16L;
        if (total > in.remaining()) {
            throw new InvalidProofException("malformed proof: truncated sumcheck proof (need " + total
                    + " bytes, " + in.remaining() + " remain)");
        }
        Ext[][] rounds = new Ext[n][];
        for (int i = 0; i < n; i++) {
            rounds[i] = in.readExts("sumcheck round " + i, width);
        }
        Ext[] finals = in.readExts("sumcheck final evaluations", shape.numTables());
        return new SumcheckProof(rounds, finals);
    }
}
