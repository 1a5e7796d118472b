package org.zkml4j.backend.lookup;

import java.util.ArrayList;
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
 * A batched {@link LogUp} proof for k instances ({@link LogUp#proveAll}): ONE commitment C2 to the
 * fraction vectors of every instance (h_re, h_im of instance 0, then of instance 1, …),
 * each instance's messages ({@link InstanceProof}: claimed sum H_i, witness-side and table-side
 * sumcheck proofs, four part evaluations), and ONE batched PCS opening of C2.
 *
 * <p>Encoding: C2 (the PCS's own encoding), then for each instance in order H_i, its two sumcheck
 * proofs (sizes from its {@link LogUpShape}) and its four part evaluations, then the opening proof
 * as a 4-byte length and its bytes (parsed during verification, once its claims are known). For
 * k = 1 this is byte-for-byte the {@link LogUpProof} encoding. Immutable; accessors return copies.
 */
public final class LogUpBatchProof {
    /**
     * One instance's messages.
     *
     * @param claimedSum H_i = Σ_x h_i(x) = Σ_t g_i(t)
     * @param witnessSumcheck the sumcheck over the instance's witness rows (n_i variables)
     * @param tableSumcheck the sumcheck over its table rows (s_i variables)
     * @param partEvaluations h_re(r), h_im(r)
     */
    public record InstanceProof(Ext claimedSum, SumcheckProof witnessSumcheck, SumcheckProof tableSumcheck,
                                Ext[] partEvaluations) {
        /** Checks for nulls and copies the part evaluations (their number is checked by the verifier). */
        public InstanceProof {
            Objects.requireNonNull(claimedSum, "claimedSum");
            Objects.requireNonNull(witnessSumcheck, "witnessSumcheck");
            Objects.requireNonNull(tableSumcheck, "tableSumcheck");
            partEvaluations = Objects.requireNonNull(partEvaluations, "partEvaluations").clone();
            for (Ext e : partEvaluations) {
                Objects.requireNonNull(e, "partEvaluations");
            }
        }

        /** h_re(r), h_im(r) (a copy). */
        @Override
        public Ext[] partEvaluations() {
            return partEvaluations.clone();
        }

        Ext[] partsRef() {
            return partEvaluations;
        }

        void writeTo(ProofWriter out) {
            out.writeExt(claimedSum);
            witnessSumcheck.writeTo(out);
            tableSumcheck.writeTo(out);
            out.writeExts(partEvaluations);
        }

        static InstanceProof read(ProofReader in, LogUpShape shape) throws InvalidProofException {
            Ext sum = in.readExt("LogUp claimed sum");
            SumcheckProof witness = SumcheckProof.read(in, LogUp.witnessReadingShape(shape));
            SumcheckProof table = SumcheckProof.read(in, LogUp.tableReadingShape(shape));
            Ext[] parts = in.readExts("LogUp part evaluations", LogUpProof.PARTS);
            return new InstanceProof(sum, witness, table, parts);
        }
    }

    private final Commitment fractionCommitment;
    private final List<InstanceProof> instances;
    private final byte[] opening;

    /**
     * Assembles a proof from its parts (copied). Sizes are checked by {@link LogUp#verifyAll}.
     *
     * @param fractionCommitment C2, the commitment to every instance's (h_re, h_im)
     * @param instances each instance's messages, in the order of the shapes
     * @param openingProof the encoded PCS opening of C2
     * @throws IllegalArgumentException if there are no instances
     */
    public LogUpBatchProof(Commitment fractionCommitment, List<InstanceProof> instances, byte[] openingProof) {
        this.fractionCommitment = Objects.requireNonNull(fractionCommitment, "fractionCommitment");
        this.instances = List.copyOf(Objects.requireNonNull(instances, "instances"));
        if (this.instances.isEmpty()) {
            throw new IllegalArgumentException("a batch proof needs at least one instance");
        }
        this.opening = Objects.requireNonNull(openingProof, "openingProof").clone();
    }

    /** C2: the one commitment to every instance's fraction vectors. */
    public Commitment fractionCommitment() {
        return fractionCommitment;
    }

    /** Number of instances k. */
    public int instanceCount() {
        return instances.size();
    }

    /** Instance {@code i}'s messages. */
    public InstanceProof instance(int i) {
        return instances.get(i);
    }

    /** Every instance's messages, in order (unmodifiable). */
    public List<InstanceProof> instances() {
        return instances;
    }

    /** The encoded PCS opening of C2 (a copy). */
    public byte[] openingProof() {
        return opening.clone();
    }

    byte[] openingRef() {
        return opening;
    }

    /** Appends the canonical encoding. */
    public void writeTo(ProofWriter out) {
        fractionCommitment.writeTo(out);
        for (InstanceProof p : instances) {
            p.writeTo(out);
        }
        out.writeBlock(opening);
    }

    /** Encoded size in bytes. */
    public int sizeBytes() {
        ProofWriter w = new ProofWriter();
        writeTo(w);
        return w.size();
    }

    /**
     * Reads a batch proof for {@code shapes} (in order) whose C2 was made with {@code pcs}, in
     * bounded memory: the number of instances and every sumcheck size come from the shapes (the
     * verifier's own statement), the only length read from the bytes (the opening's) is checked
     * against the remaining input before anything is copied. Does not require the input to end.
     *
     * @throws InvalidProofException if the input is truncated or malformed
     * @throws IllegalArgumentException if {@code shapes} is empty
     */
    public static LogUpBatchProof read(ProofReader in, List<LogUpShape> shapes, PolynomialCommitment pcs)
            throws InvalidProofException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(pcs, "pcs");
        List<LogUpShape> list = List.copyOf(Objects.requireNonNull(shapes, "shapes"));
        if (list.isEmpty()) {
            throw new IllegalArgumentException("no lookup shapes");
        }
        Commitment c2 = pcs.readCommitment(in);
        List<InstanceProof> parts = new ArrayList<>(list.size());
        for (LogUpShape shape : list) {
            parts.add(InstanceProof.read(in, shape));
        }
        byte[] opening = in.readBlock("LogUp opening proof");
        return new LogUpBatchProof(c2, parts, opening);
    }
}
