package org.zkml4j.backend.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.io.ProofWriter;
import org.zkml4j.backend.layer.DenseLayerShape;
import org.zkml4j.backend.layer.DenseLayer;
import org.zkml4j.backend.pcs.Claim;
import org.zkml4j.backend.pcs.Commitment;
import org.zkml4j.backend.pcs.HidingLedger;
import org.zkml4j.backend.pcs.OpeningProof;
import org.zkml4j.backend.pcs.ReusableLigeroPcs;
import org.zkml4j.backend.random.AesCtrRandom;
import org.zkml4j.backend.transcript.Transcript;
import org.zkml4j.compiler.CompiledCircuit;

/**
 * COMMITTED weights: every layer's parameters doubled — W′ = (W ‖ random) and b′ = (b ‖ random),
 * W zero-padded to n′ columns and b to M entries so that each random half is as long as the
 * {@link HidingLedger} needs for the budget — at vectors 2ℓ and 2ℓ + 1, in one
 * {@link ReusableLigeroPcs} commitment that goes into the
 * verification key and is opened once per proof, each opening from a fresh slot of its budget.
 * The random halves pad every value a proof reveals about the weights (docs/zero-knowledge.md);
 * the budget bounds how many proofs the commitment hides them for (docs/commitment-reuse.md).
 *
 * <p>The prover's randomness is derived from a 32-byte secret seed ({@link AesCtrRandom#fromSeed}),
 * so a saved model stores the seed and the next slot, not the commitment's data. Thread-safe.
 */
public final class ModelCommitment {
    /** Bytes of the secret seed. */
    public static final int SEED_BYTES = 32;

    private final SlottedCommitment committed;
    private final DenseLayer.CommittedWeights[] layers;
    /** The padding certificate (prover: made at commit time; verifier: from the key, checked). */
    private byte[] certificate;

    private ModelCommitment(SlottedCommitment committed, DenseLayer.CommittedWeights[] layers) {
        this.committed = committed;
        this.layers = layers;
    }

    /**
     * Commits {@code circuit}'s parameters (the prover, who holds them).
     *
     * @param seed 32 secret bytes; the same seed, circuit and budget give the same commitment
     * @param budget how many openings it allows (slot 0 is the certificate's), 2..{@link #MAX_BUDGET}
     * @param nextSlot the first unused opening slot (0 or 1 for a fresh commitment; slot 0 holds the
     *     padding certificate)
     * @throws IllegalArgumentException if the budget is too large to hide the weights for, or a
     *     parameter is out of range
     */
    public static ModelCommitment commit(CompiledCircuit circuit, byte[] seed, int securityBits, int budget,
            int nextSlot) {
        AesCtrRandom rng = AesCtrRandom.fromSeed(seed);
        CircuitLayout plain = new CircuitLayout(circuit, 1);
        DenseLayer.CommittedWeights[] layers = new DenseLayer.CommittedWeights[plain.layerCount()];
        for (int l = 0; l < layers.length; l++) {
            DenseLayerShape s = plain.dense[l];
            int n = s.inputs(), m = s.outputs(), columns = weightColumns(n, m, budget);
            long[] real = s.weights(), weights = new long[m * columns];
            for (int i = 0; i < m; i++) {
                System.arraycopy(real, i * n, weights, i * columns, n);
            }
            long[] bias = Arrays.copyOf(s.bias(), biasLength(m, budget));
            layers[l] = new DenseLayer.CommittedWeights(doubled(weights, rng), doubled(bias, rng));
        }
        ModelCommitment model = of(layers, rng, securityBits, budget, 0);
        // slot 0: the padding certificate, from randomness the seed fixes, so re-creating it on load
        // gives the same bytes and reveals nothing new
        model.certificate = PaddingCertificate.prove(circuit, model, securityBits, rng);
        model.committed.skipTo(Math.max(1, nextSlot));
        return model;
    }

    /** Commits the given doubled parameters (tests build ones the circuit would not). */
    static ModelCommitment of(DenseLayer.CommittedWeights[] layers, RandomGenerator rng, int securityBits,
            int budget, int nextSlot) {
        List<long[]> vectors = new ArrayList<>(2 * layers.length);
        for (DenseLayer.CommittedWeights layer : layers) {
            vectors.add(layer.weights2());
            vectors.add(layer.bias2());
        }
        return new ModelCommitment(SlottedCommitment.commit(vectors, rng, securityBits, budget, nextSlot),
                layers.clone());
    }

    /**
     * Reads a verifier's model commitment in bounded memory.
     *
     * @throws InvalidProofException if the bytes are malformed
     */
    public static ModelCommitment read(ProofReader in, int securityBits) throws InvalidProofException {
        return new ModelCommitment(SlottedCommitment.read(in, securityBits), null);
    }

    /**
     * Reads a verifier's model commitment followed by its padding certificate (a length-prefixed
     * block) and checks the certificate against the structure-only {@code circuit}.
     *
     * @throws InvalidProofException if the bytes are malformed or the certificate does not prove the
     *     padding zero
     */
    public static ModelCommitment certified(ProofReader in, CompiledCircuit circuit, int securityBits)
            throws InvalidProofException {
        ModelCommitment model = read(in, securityBits);
        byte[] certificate = in.readBlock("padding certificate");
        PaddingCertificate.verify(circuit, model, securityBits, certificate);
        model.certificate = certificate;
        return model;
    }

    /** Writes the commitment and its padding certificate, as {@link #certified} reads them. */
    public void writeCertifiedTo(ProofWriter out) {
        commitment().writeTo(out);
        out.writeBlock(Objects.requireNonNull(certificate, "no padding certificate"));
    }

    /** The padding certificate (its slot is 0), for the key. */
    public byte[] certificate() {
        return certificate == null ? null : certificate.clone();
    }

    /** Evaluations of each W′ and b′ an opening (a proof's, or the padding certificate's) reveals. */
    static final int EVALUATIONS_PER_OPENING = 1;

    /** The largest budget whose openings the hiding ledger can hide (2^16-entry random halves). */
    public static final int MAX_BUDGET = 128;

    /**
     * The random half every committed W′ and b′ needs: the {@link HidingLedger}'s length for the
     * evaluations of all {@code budget} openings.
     *
     * @throws IllegalArgumentException if the budget is outside 1..{@link #MAX_BUDGET}
     */
    static int hiddenLength(int budget) {
        if (budget < 1 || budget > MAX_BUDGET) {
            throw new IllegalArgumentException("a model commitment's budget must be 1.." + MAX_BUDGET + " openings, not "
                    + budget + ": more openings reveal more of the weights than a random half of at most "
                    + HidingLedger.minimumForEvaluations((long) EVALUATIONS_PER_OPENING * MAX_BUDGET)
                    + " entries can hide");
        }
        return HidingLedger.minimumForEvaluations((long) EVALUATIONS_PER_OPENING * budget);
    }

    /** The committed column count n′ ≥ n of a layer with m × n (padded) weights: m·n′ is {@link #hiddenLength}. */
    static int weightColumns(int inputs, int outputs, int budget) {
        return budget == 0 ? inputs : Math.max(inputs, hiddenLength(budget) / outputs);
    }

    /** The committed bias length M ≥ m of a layer with m outputs. */
    static int biasLength(int outputs, int budget) {
        return budget == 0 ? outputs : Math.max(outputs, hiddenLength(budget));
    }

    /** The verifier's part: what the key holds. */
    public Commitment commitment() {
        return committed.commitment();
    }

    /** How many proofs this commitment hides the weights for. */
    public int budget() {
        return committed.budget();
    }

    /** The first unused slot; after {@link #budget()} proofs the model must be committed again. */
    public int nextSlot() {
        return committed.nextSlot();
    }

    void writeTo(ProofWriter out) {
        commitment().writeTo(out);
    }

    /** @throws InvalidProofException unless the commitment holds W′, b′ of every layer of {@code layout} */
    void checkShape(CircuitLayout layout) throws InvalidProofException {
        Commitment c = commitment();
        if (c.vectorCount() != 2 * layout.layerCount()) {
            throw new InvalidProofException("model commitment does not hold two vectors per layer");
        }
        for (int l = 0; l < layout.layerCount(); l++) {
            DenseLayerShape s = layout.dense[l];
            if (c.vectorLength(2 * l) != 2L * s.weightColumns() * s.outputs()
                    || c.vectorLength(2 * l + 1) != 2L * s.biasLength()) {
                throw new InvalidProofException("model commitment does not fit layer " + l);
            }
        }
    }

    /** Layer ℓ's doubled parameters (prover only). */
    DenseLayer.CommittedWeights layer(int l) {
        return Objects.requireNonNull(layers, "the verifier has no weights")[l];
    }

    /**
     * Takes the next slot for one proof, before proving: returns this commitment opening only that
     * slot, and moves this one's counter past it — persist {@link #nextSlot()}, then prove with the
     * reservation, so a crash never reuses the slot.
     *
     * @throws IllegalStateException once the budget is spent
     */
    public ModelCommitment reserve() {
        try {
            ModelCommitment one = new ModelCommitment(committed.reserve("model commitment"), layers);
            one.certificate = certificate;
            return one;
        } catch (IllegalStateException spent) {
            throw renewHint(spent);
        }
    }

    /**
     * Opens the next slot at {@code claims}.
     *
     * @throws IllegalStateException once the budget is spent
     */
    OpeningProof open(List<Claim> claims, Transcript transcript, RandomGenerator rng) {
        try {
            return committed.open(claims, transcript, rng, "model commitment");
        } catch (IllegalStateException spent) {
            throw renewHint(spent);
        }
    }

    private static IllegalStateException renewHint(IllegalStateException spent) {
        return new IllegalStateException(spent.getMessage().replace("commit again", "compile the model again"), spent);
    }

    OpeningProof readProof(ProofReader in, List<Claim> claims) throws InvalidProofException {
        return committed.readProof(in, claims);
    }

    void verify(List<Claim> claims, OpeningProof proof, Transcript transcript) throws InvalidProofException {
        committed.verify(claims, proof, transcript);
    }

    /** v followed by as many random entries from {@code rng}. */
    static long[] doubled(long[] v, RandomGenerator rng) {
        long[] out = Arrays.copyOf(v, 2 * v.length);
        for (int i = v.length; i < out.length; i++) {
            out[i] = Ext.randomBase(rng);
        }
        return out;
    }
}
