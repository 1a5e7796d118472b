package org.zkml4j.backend.sumcheck;

import java.util.Objects;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.io.ProofWriter;
import org.zkml4j.backend.pcs.Commitment;
import org.zkml4j.backend.pcs.PolynomialCommitment;

/**
 * A {@link ZkSumcheck} proof: the mask commitment, the mask sum G, the masked round polynomials
 * (values at 0..d), the final evaluations f_j(r), the mask block values u_i (g(r) = Σ u_i), and
 * the PCS opening proof of the u_i.
 *
 * <p>Encoding: commitment (the PCS's own encoding), G, n·(d+1) round values, numTables final
 * values, max(1, n) mask values, then the opening proof as a 4-byte length and its bytes. The opening is parsed
 * with {@link PolynomialCommitment#readProof} during verification, once its claim is known; its
 * length is checked against the remaining input before anything is copied. Immutable; accessors
 * return copies.
 */
public final class ZkSumcheckProof {
    private final Commitment maskCommitment;
    private final Ext maskSum;
    private final SumcheckProof rounds;
    private final Ext[] maskValues;
    private final byte[] opening;

    /**
     * Assembles a proof from its parts (copied).
     *
     * @param maskCommitment commitment to the mask coefficients
     * @param maskSum G = Σ_{x ∈ {0,1}^n} g(x)
     * @param roundEvaluations masked round polynomials' values at 0..d
     * @param finalEvaluations f_j(r) for every table
     * @param maskValues u_i = e_i + g_i(r_i) for every mask block
     * @param openingProof the encoded PCS opening proof of the u_i
     */
    public ZkSumcheckProof(Commitment maskCommitment, Ext maskSum, Ext[][] roundEvaluations, Ext[] finalEvaluations,
            Ext[] maskValues, byte[] openingProof) {
        this.maskCommitment = Objects.requireNonNull(maskCommitment, "maskCommitment");
        this.maskSum = Objects.requireNonNull(maskSum, "maskSum");
        this.rounds = new SumcheckProof(roundEvaluations, finalEvaluations);
        this.maskValues = Objects.requireNonNull(maskValues, "maskValues").clone();
        for (Ext u : this.maskValues) {
            Objects.requireNonNull(u, "maskValues");
        }
        this.opening = Objects.requireNonNull(openingProof, "openingProof").clone();
    }

    /** The commitment to the mask polynomial's coefficients. */
    public Commitment maskCommitment() {
        return maskCommitment;
    }

    /** G = Σ_x g(x). */
    public Ext maskSum() {
        return maskSum;
    }

    /** Number of rounds (n). */
    public int numRounds() {
        return rounds.numRounds();
    }

    /** Values of round {@code i}'s masked polynomial at 0..d. */
    public Ext[] roundEvaluations(int i) {
        return rounds.roundEvaluations(i);
    }

    /** The claimed f_j(r). */
    public Ext[] finalEvaluations() {
        return rounds.finalEvaluations();
    }

    /** The claimed mask block values u_i; g(r) = Σ u_i. */
    public Ext[] maskValues() {
        return maskValues.clone();
    }

    Ext[] maskValuesRef() {
        return maskValues;
    }

    /** The encoded PCS opening proof. */
    public byte[] openingProof() {
        return opening.clone();
    }

    SumcheckProof roundsRef() {
        return rounds;
    }

    byte[] openingRef() {
        return opening;
    }

    /** Appends the canonical encoding. */
    public void writeTo(ProofWriter out) {
        maskCommitment.writeTo(out);
        out.writeExt(maskSum);
        rounds.writeTo(out);
        out.writeExts(maskValues);
        out.writeBlock(opening);
    }

    /** Encoded size in bytes. */
    public int sizeBytes() {
        ProofWriter w = new ProofWriter();
        writeTo(w);
        return w.size();
    }

    /**
     * Reads a proof for {@code shape} committed with {@code pcs}. Sizes come from the shape; the
     * only length read from the bytes (the opening's) is checked against the remaining input.
     * Does not require the input to end afterwards.
     *
     * @throws InvalidProofException if the input is truncated or malformed
     */
    public static ZkSumcheckProof read(ProofReader in, SumcheckShape shape, PolynomialCommitment pcs)
            throws InvalidProofException {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(pcs, "pcs");
        Commitment commitment = pcs.readCommitment(in);
        Ext g = in.readExt("zk-sumcheck mask sum");
        SumcheckProof rounds = SumcheckProof.read(in, shape);
        Ext[] values = in.readExts("zk-sumcheck mask values", ZkSumcheck.maskBlocks(shape));
        byte[] opening = in.readBlock("zk-sumcheck opening proof");
        Ext[][] r = new Ext[rounds.numRounds()][];
        for (int i = 0; i < r.length; i++) {
            r[i] = rounds.roundRef(i);
        }
        return new ZkSumcheckProof(commitment, g, r, rounds.finalRef(), values, opening);
    }
}
