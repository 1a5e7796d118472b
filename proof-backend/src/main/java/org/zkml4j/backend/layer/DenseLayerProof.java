package org.zkml4j.backend.layer;

import java.util.Objects;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.io.ProofWriter;
import org.zkml4j.backend.sumcheck.SumcheckProof;
import org.zkml4j.backend.sumcheck.ZkSumcheck;
import org.zkml4j.backend.sumcheck.ZkSumcheckProof;

/**
 * A {@link DenseLayer} proof: ζ = Z̃(ρ_i ‖ ρ_b), η = R̃(ρ_i ‖ ρ_b), and the sumcheck over the input
 * index, either plain ({@link SumcheckProof}) or zero-knowledge ({@link ZkSumcheckProof}).
 *
 * <p>Encoding: ζ, η (16 bytes each), then the sumcheck proof in its own encoding. Which sumcheck
 * is expected is the verifier's choice (a plain or a {@link ZkSumcheck}-based verification), not a
 * flag in the bytes; all sizes come from the {@link DenseLayerShape}. Immutable.
 */
public final class DenseLayerProof {
    private final Ext outputEvaluation;
    private final Ext remainderEvaluation;
    private final SumcheckProof sumcheck;
    private final ZkSumcheckProof zkSumcheck;

    private DenseLayerProof(Ext zeta, Ext eta, SumcheckProof sumcheck, ZkSumcheckProof zkSumcheck) {
        this.outputEvaluation = Objects.requireNonNull(zeta, "outputEvaluation");
        this.remainderEvaluation = Objects.requireNonNull(eta, "remainderEvaluation");
        this.sumcheck = sumcheck;
        this.zkSumcheck = zkSumcheck;
    }

    /** A proof with a plain sumcheck. */
    public DenseLayerProof(Ext outputEvaluation, Ext remainderEvaluation, SumcheckProof sumcheck) {
        this(outputEvaluation, remainderEvaluation, Objects.requireNonNull(sumcheck, "sumcheck"), null);
    }

    /** A proof with a zero-knowledge sumcheck. */
    public DenseLayerProof(Ext outputEvaluation, Ext remainderEvaluation, ZkSumcheckProof zkSumcheck) {
        this(outputEvaluation, remainderEvaluation, null, Objects.requireNonNull(zkSumcheck, "zkSumcheck"));
    }

    /** ζ = Z̃(ρ_i ‖ ρ_b). */
    public Ext outputEvaluation() {
        return outputEvaluation;
    }

    /** η = R̃(ρ_i ‖ ρ_b). */
    public Ext remainderEvaluation() {
        return remainderEvaluation;
    }

    /** Whether the sumcheck is the zero-knowledge variant. */
    public boolean isZeroKnowledge() {
        return zkSumcheck != null;
    }

    /** The plain sumcheck proof, or null for a zero-knowledge proof. */
    public SumcheckProof sumcheck() {
        return sumcheck;
    }

    /** The zero-knowledge sumcheck proof, or null for a plain proof. */
    public ZkSumcheckProof zkSumcheck() {
        return zkSumcheck;
    }

    /** Appends the canonical encoding. */
    public void writeTo(ProofWriter out) {
        out.writeExt(outputEvaluation);
        out.writeExt(remainderEvaluation);
        if (zkSumcheck != null) {
            zkSumcheck.writeTo(out);
        } else {
            sumcheck.writeTo(out);
        }
    }

    /** Encoded size in bytes. */
    public int sizeBytes() {
        ProofWriter w = new ProofWriter();
        writeTo(w);
        return w.size();
    }

    /**
     * Reads a plain proof for {@code shape}; sizes come from the shape. Does not require the input
     * to end afterwards.
     *
     * @throws InvalidProofException if the input is truncated or holds a non-canonical element
     */
    public static DenseLayerProof read(ProofReader in, DenseLayerShape shape) throws InvalidProofException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(shape, "shape");
        Ext zeta = in.readExt("dense output evaluation");
        Ext eta = in.readExt("dense remainder evaluation");
        return new DenseLayerProof(zeta, eta, SumcheckProof.read(in, DenseLayer.sumcheckShape(shape)));
    }

    /**
     * Reads a zero-knowledge proof for {@code shape} whose mask was committed with {@code zk}'s PCS.
     *
     * @throws InvalidProofException if the input is truncated or malformed
     */
    public static DenseLayerProof read(ProofReader in, DenseLayerShape shape, ZkSumcheck zk)
            throws InvalidProofException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(zk, "zk");
        Ext zeta = in.readExt("dense output evaluation");
        Ext eta = in.readExt("dense remainder evaluation");
        return new DenseLayerProof(zeta, eta, zk.readProof(in, DenseLayer.sumcheckShape(shape)));
    }
}
