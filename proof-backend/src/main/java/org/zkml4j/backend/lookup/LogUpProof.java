package org.zkml4j.backend.lookup;

import java.util.List;
import java.util.Objects;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.io.ProofWriter;
import org.zkml4j.backend.pcs.Commitment;
import org.zkml4j.backend.pcs.PolynomialCommitment;
import org.zkml4j.backend.sumcheck.SumcheckProof;

/**
 * A {@link LogUp} proof: the commitment C2 to the fractions h, the claimed sum H, the
 * witness-side and table-side sumcheck proofs, the part evaluations h_re(r), h_im(r), and the PCS
 * opening proof of C2.
 *
 * <p>A single proof is a {@link LogUpBatchProof} of one instance, and its encoding is the same.
 *
 * <p>Encoding: C2 (the PCS's own encoding), H, the two sumcheck proofs (sizes from the
 * {@link LogUpShape}), the four part evaluations, then the opening proof as a 4-byte length and its
 * bytes; the opening is parsed with {@link PolynomialCommitment#readProof} during verification,
 * once its claims are known. Immutable; accessors return copies.
 */
public final class LogUpProof {
    /** Number of part evaluations: h_re(r), h_im(r). */
    public static final int PARTS = 2;

    private final Commitment fractionCommitment;
    private final Ext claimedSum;
    private final SumcheckProof witnessSumcheck;
    private final SumcheckProof tableSumcheck;
    private final Ext[] partEvaluations;
    private final byte[] opening;

    /**
     * Assembles a proof from its parts (arrays copied). Sizes are checked by {@link LogUp#verify}.
     *
     * @param fractionCommitment C2, the commitment to (h_re, h_im)
     * @param claimedSum H = Σ_x h(x) = Σ_t m(t)/(γ − ψ(t))
     * @param witnessSumcheck the sumcheck over the witness rows (n variables)
     * @param tableSumcheck the sumcheck over the table rows (s variables)
     * @param partEvaluations h_re(r), h_im(r)
     * @param openingProof the encoded PCS opening of C2
     */
    public LogUpProof(Commitment fractionCommitment, Ext claimedSum, SumcheckProof witnessSumcheck,
            SumcheckProof tableSumcheck, Ext[] partEvaluations, byte[] openingProof) {
        this.fractionCommitment = Objects.requireNonNull(fractionCommitment, "fractionCommitment");
        this.claimedSum = Objects.requireNonNull(claimedSum, "claimedSum");
        this.witnessSumcheck = Objects.requireNonNull(witnessSumcheck, "witnessSumcheck");
        this.tableSumcheck = Objects.requireNonNull(tableSumcheck, "tableSumcheck");
        this.partEvaluations = Objects.requireNonNull(partEvaluations, "partEvaluations").clone();
        for (Ext e : this.partEvaluations) {
            Objects.requireNonNull(e, "partEvaluations");
        }
        this.opening = Objects.requireNonNull(openingProof, "openingProof").clone();
    }

    /** C2: the commitment to h_re, h_im (length 2^n). */
    public Commitment fractionCommitment() {
        return fractionCommitment;
    }

    /** H = Σ_x h(x) = Σ_t g(t). */
    public Ext claimedSum() {
        return claimedSum;
    }

    /** The witness-side sumcheck proof (immutable). */
    public SumcheckProof witnessSumcheck() {
        return witnessSumcheck;
    }

    /** The table-side sumcheck proof (immutable). */
    public SumcheckProof tableSumcheck() {
        return tableSumcheck;
    }

    /** h_re(r), h_im(r). */
    public Ext[] partEvaluations() {
        return partEvaluations.clone();
    }

    /** The encoded PCS opening of C2. */
    public byte[] openingProof() {
        return opening.clone();
    }

    Ext[] partsRef() {
        return partEvaluations;
    }

    byte[] openingRef() {
        return opening;
    }

    /** This proof as a batch of one (same encoding). */
    LogUpBatchProof toBatch() {
        return new LogUpBatchProof(fractionCommitment,
                List.of(new LogUpBatchProof.InstanceProof(claimedSum, witnessSumcheck, tableSumcheck, partEvaluations)),
                opening);
    }

    /** The single instance of a batch of one. */
    static LogUpProof fromBatch(LogUpBatchProof batch) {
        if (batch.instanceCount() != 1) {
            throw new IllegalArgumentException("a batch of " + batch.instanceCount() + " is not a single proof");
        }
        LogUpBatchProof.InstanceProof p = batch.instance(0);
        return new LogUpProof(batch.fractionCommitment(), p.claimedSum(), p.witnessSumcheck(), p.tableSumcheck(),
                p.partsRef(), batch.openingRef());
    }

    /** Appends the canonical encoding. */
    public void writeTo(ProofWriter out) {
        fractionCommitment.writeTo(out);
        out.writeExt(claimedSum);
        witnessSumcheck.writeTo(out);
        tableSumcheck.writeTo(out);
        out.writeExts(partEvaluations);
        out.writeBlock(opening);
    }

    /** Encoded size in bytes. */
    public int sizeBytes() {
        ProofWriter w = new ProofWriter();
        writeTo(w);
        return w.size();
    }

    /**
     * Reads a proof for {@code shape} whose C2 was made with {@code pcs}. Sizes come from the shape;
     * the only length read from the bytes (the opening's) is checked against the remaining input
     * before anything is copied. Does not require the input to end afterwards.
     *
     * @throws InvalidProofException if the input is truncated or malformed
     */
    public static LogUpProof read(ProofReader in, LogUpShape shape, PolynomialCommitment pcs)
            throws InvalidProofException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(pcs, "pcs");
        Commitment c2 = pcs.readCommitment(in);
        Ext sum = in.readExt("LogUp claimed sum");
        SumcheckProof witness = SumcheckProof.read(in, LogUp.witnessReadingShape(shape));
        SumcheckProof table = SumcheckProof.read(in, LogUp.tableReadingShape(shape));
        Ext[] parts = in.readExts("LogUp part evaluations", PARTS);
        byte[] opening = in.readBlock("LogUp opening proof");
        return new LogUpProof(c2, sum, witness, table, parts, opening);
    }
}
