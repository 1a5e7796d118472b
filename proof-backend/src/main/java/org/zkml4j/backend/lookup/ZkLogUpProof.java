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
import org.zkml4j.backend.sumcheck.MaskedSumcheckProof;

/**
 * A batched zero-knowledge lookup proof ({@link ZkLogUp}): the fraction commitment C2, per
 * instance the masked sum H′ = Σ h′, the two zero-knowledge sumchecks and the four part
 * evaluations, then C2's opening. Encoding: C2, the instances in order, the opening as a
 * length-prefixed block; every size comes from the verifier's shapes.
 *
 * @param fractionCommitment C2
 * @param instances each instance's messages, in the order of the shapes
 * @param opening the encoded opening of C2
 */
public record ZkLogUpProof(Commitment fractionCommitment, List<InstanceProof> instances, byte[] opening) {
    /**
     * One instance's messages.
     *
     * @param maskedSum H′ = Σ h′ (the true Σ h plus the random half's sum)
     * @param witnessSumcheck the witness-side sumcheck
     * @param tableSumcheck the table-side sumcheck
     * @param parts h′_re(r), h′_im(r), g′_re(r′), g′_im(r′)
     */
    public record InstanceProof(Ext maskedSum, MaskedSumcheckProof witnessSumcheck, MaskedSumcheckProof tableSumcheck,
            Ext[] parts) {
        void writeTo(ProofWriter out) {
            out.writeExt(maskedSum);
            witnessSumcheck.writeTo(out);
            tableSumcheck.writeTo(out);
            out.writeExts(parts);
        }
    }

    /** Copies the instance list. */
    public ZkLogUpProof {
        Objects.requireNonNull(fractionCommitment, "fractionCommitment");
        instances = List.copyOf(instances);
        Objects.requireNonNull(opening, "opening");
    }

    /** Appends the canonical encoding. */
    public void writeTo(ProofWriter out) {
        fractionCommitment.writeTo(out);
        for (InstanceProof p : instances) {
            p.writeTo(out);
        }
        out.writeBlock(opening);
    }

    /** Reads a proof for {@code shapes} in bounded memory (sizes from the shapes). */
    public static ZkLogUpProof read(ProofReader in, List<LogUpShape> shapes, PolynomialCommitment pcs)
            throws InvalidProofException {
        Commitment c2 = pcs.readCommitment(in);
        List<InstanceProof> list = new ArrayList<>(shapes.size());
        for (LogUpShape shape : shapes) {
            Ext sum = in.readExt("zk-LogUp masked sum");
            MaskedSumcheckProof w = MaskedSumcheckProof.read(in, ZkLogUp.witnessReadingShape(shape));
            MaskedSumcheckProof t = MaskedSumcheckProof.read(in, ZkLogUp.tableReadingShape(shape));
            Ext[] parts = in.readExts("zk-LogUp part evaluations", 4);
            list.add(new InstanceProof(sum, w, t, parts));
        }
        return new ZkLogUpProof(c2, list, in.readBlock("zk-LogUp opening proof"));
    }
}
