package org.zkml4j.backend.sumcheck;

import java.util.Objects;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.io.ProofWriter;

/**
 * A zero-knowledge sumcheck proof whose mask lives in a shared commitment ({@link SharedMasks}):
 * G, the masked rounds with the final evaluations, and the mask block values u_i. Encoding: G, the
 * {@link SumcheckProof}, the u_i; sizes from the shape.
 *
 * @param maskSum G = Σ g
 * @param rounds the masked round polynomials and the final evaluations
 * @param maskValues u_i = e_i + g_i(r_i), one per mask block
 */
public record MaskedSumcheckProof(Ext maskSum, SumcheckProof rounds, Ext[] maskValues) implements Hiding.Messages {
    /**
     * A proof with the reduction it proves.
     *
     * @param proof the proof to send
     * @param reduction the point r and the final evaluations f_j(r)
     */
    public record Result(MaskedSumcheckProof proof, Reduction reduction) {}

    /** Checks for nulls. */
    public MaskedSumcheckProof {
        Objects.requireNonNull(maskSum, "maskSum");
        Objects.requireNonNull(rounds, "rounds");
        Objects.requireNonNull(maskValues, "maskValues");
    }

    /** Appends the canonical encoding. */
    public void writeTo(ProofWriter out) {
        out.writeExt(maskSum);
        rounds.writeTo(out);
        out.writeExts(maskValues);
    }

    /** Reads a proof for {@code shape} in bounded memory. */
    public static MaskedSumcheckProof read(ProofReader in, SumcheckShape shape) throws InvalidProofException {
        Ext g = in.readExt("zk-sumcheck mask sum");
        SumcheckProof rounds = SumcheckProof.read(in, shape);
        Ext[] values = in.readExts("zk-sumcheck mask values", Mask.blocks(shape.numVars()));
        return new MaskedSumcheckProof(g, rounds, values);
    }
}
