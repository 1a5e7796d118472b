package org.zkml4j.backend.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.io.ProofWriter;
import org.zkml4j.backend.layer.DenseLayerShape;
import org.zkml4j.backend.layer.ZkDenseLayer;
import org.zkml4j.backend.pcs.Claim;
import org.zkml4j.backend.pcs.Commitment;
import org.zkml4j.backend.pcs.LigeroProverData;
import org.zkml4j.backend.pcs.OpeningProof;
import org.zkml4j.backend.pcs.PcsParameters;
import org.zkml4j.backend.pcs.ReusableLigeroPcs;
import org.zkml4j.backend.random.AesCtrRandom;
import org.zkml4j.backend.transcript.Transcript;
import org.zkml4j.compiler.CompiledCircuit;

/**
 * COMMITTED weights: every layer's parameters doubled — W′ = (W ‖ random) and b′ = (b ‖ random),
 * the bias zero-padded to at least the budget — at vectors 2ℓ and 2ℓ + 1, in one
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

    private final ReusableLigeroPcs pcs;
    private final Commitment commitment;
    private final LigeroProverData data;
    private final ZkDenseLayer.CommittedWeights[] layers;
    private int nextSlot;

    private ModelCommitment(ReusableLigeroPcs pcs, Commitment commitment, LigeroProverData data,
            ZkDenseLayer.CommittedWeights[] layers, int nextSlot) {
        this.pcs = pcs;
        this.commitment = commitment;
        this.data = data;
        this.layers = layers;
        this.nextSlot = nextSlot;
    }

    /**
     * The commitment scheme of a model commitment: {@code budget} openings, each held to
     * 2^−(bits+3), as the other three openings of a proof with committed weights.
     */
    static ReusableLigeroPcs scheme(int securityBits, int budget) {
        return new ReusableLigeroPcs(new PcsParameters(securityBits + 2), budget);
    }

    /**
     * Commits {@code circuit}'s parameters (the prover, who holds them).
     *
     * @param seed 32 secret bytes; the same seed and circuit give the same commitment
     * @param nextSlot the first unused opening slot (0 for a fresh commitment)
     */
    public static ModelCommitment commit(CompiledCircuit circuit, byte[] seed, int securityBits, int budget,
            int nextSlot) {
        AesCtrRandom rng = AesCtrRandom.fromSeed(seed);
        CircuitLayout plain = new CircuitLayout(circuit, 1);
        ZkDenseLayer.CommittedWeights[] layers = new ZkDenseLayer.CommittedWeights[plain.layerCount()];
        List<long[]> vectors = new ArrayList<>(2 * layers.length);
        for (int l = 0; l < layers.length; l++) {
            DenseLayerShape s = plain.dense[l];
            if ((long) s.inputs() * s.outputs() < budget) {
                throw new IllegalArgumentException("layer " + l + " has " + s.outputs() + "×" + s.inputs()
                        + " (padded) weights, fewer than the budget of " + budget + " proofs would need to stay "
                        + "hidden: choose a budget ≤ " + s.inputs() * s.outputs());
            }
            long[] bias = java.util.Arrays.copyOf(s.bias(), biasLength(s.outputs(), budget));
            layers[l] = new ZkDenseLayer.CommittedWeights(doubled(s.weights(), rng), doubled(bias, rng));
            vectors.add(layers[l].weights2());
            vectors.add(layers[l].bias2());
        }
        ReusableLigeroPcs pcs = scheme(securityBits, budget);
        LigeroProverData data = pcs.commit(vectors, rng);
        if (nextSlot < 0 || nextSlot > budget) {
            throw new IllegalArgumentException("next slot " + nextSlot + " outside [0, " + budget + "]");
        }
        return new ModelCommitment(pcs, data.commitment(), data, layers, nextSlot);
    }

    /**
     * Reads a verifier's model commitment in bounded memory.
     *
     * @throws InvalidProofException if the bytes are malformed
     */
    public static ModelCommitment read(ProofReader in, int securityBits, int budget) throws InvalidProofException {
        ReusableLigeroPcs pcs = scheme(securityBits, budget);
        return new ModelCommitment(pcs, pcs.readCommitment(in), null, null, 0);
    }

    /**
     * The committed bias length M of a layer with m outputs: at least the budget, so its random
     * half pads the bias values of every proof the budget allows.
     */
    static int biasLength(int outputs, int budget) {
        int m = Math.max(outputs, budget);
        return Integer.highestOneBit(m) == m ? m : Integer.highestOneBit(m) << 1;
    }

    /** The verifier's part: what the key holds. */
    public Commitment commitment() {
        return commitment;
    }

    /** How many proofs this commitment hides the weights for. */
    public int budget() {
        return pcs.budget();
    }

    /** The first unused slot; after {@link #budget()} proofs the model must be committed again. */
    public synchronized int nextSlot() {
        return nextSlot;
    }

    void writeTo(ProofWriter out) {
        commitment.writeTo(out);
    }

    /** @throws InvalidProofException unless the commitment holds W′, b′ of every layer of {@code layout} */
    void checkShape(CircuitLayout layout) throws InvalidProofException {
        if (commitment.vectorCount() != 2 * layout.layerCount()) {
            throw new InvalidProofException("model commitment does not hold two vectors per layer");
        }
        for (int l = 0; l < layout.layerCount(); l++) {
            DenseLayerShape s = layout.dense[l];
            if (commitment.vectorLength(2 * l) != 2 * s.inputs() * s.outputs()
                    || commitment.vectorLength(2 * l + 1) != 2 * s.biasLength()) {
                throw new InvalidProofException("model commitment does not fit layer " + l);
            }
        }
    }

    /** Layer ℓ's doubled parameters (prover only). */
    ZkDenseLayer.CommittedWeights layer(int l) {
        return Objects.requireNonNull(layers, "the verifier has no weights")[l];
    }

    /**
     * Opens the next slot at {@code claims}.
     *
     * @throws IllegalStateException once the budget is spent
     */
    OpeningProof open(List<Claim> claims, Transcript transcript, java.util.random.RandomGenerator rng) {
        int slot;
        synchronized (this) {
            if (nextSlot >= pcs.budget()) {
                throw new IllegalStateException("the model commitment's budget of " + pcs.budget()
                        + " proofs is spent: compile the model again for a fresh commitment and key");
            }
            slot = nextSlot++;
        }
        return pcs.openSlot(data, slot, claims, transcript, rng);
    }

    OpeningProof readProof(ProofReader in, List<Claim> claims) throws InvalidProofException {
        return pcs.readProof(in, commitment, claims);
    }

    void verify(List<Claim> claims, OpeningProof proof, Transcript transcript) throws InvalidProofException {
        pcs.verify(commitment, claims, proof, transcript);
    }

    private static long[] doubled(long[] v, AesCtrRandom rng) {
        long[] out = java.util.Arrays.copyOf(v, 2 * v.length);
        for (int i = v.length; i < out.length; i++) {
            out[i] = Ext.randomBase(rng);
        }
        return out;
    }
}
