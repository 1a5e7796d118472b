package org.zkml4j.backend.inference;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.io.ProofWriter;
import org.zkml4j.backend.pcs.Claim;
import org.zkml4j.backend.pcs.Commitment;
import org.zkml4j.backend.pcs.OpeningProof;
import org.zkml4j.backend.random.AesCtrRandom;
import org.zkml4j.backend.transcript.Transcript;
import org.zkml4j.compiler.CompiledCircuit;

/**
 * COMMITTED inputs: a batch of quantized inputs — padded to B·n as a proof lays them out and doubled
 * like every hidden vector, X′ = (X ‖ random) — in one reusable commitment that the data's owner
 * publishes. A proof then shows the model's outputs for exactly these inputs, hiding them, and
 * opens the commitment once (a fresh slot of its budget; docs/commitment-reuse.md).
 *
 * <p>The commitment is a deterministic function of the circuit's input layout, the rows, the
 * budget and a 32-byte secret seed, so whoever holds the rows and the seed (the owner, and the
 * prover the owner hands them to) re-creates it. Thread-safe.
 */
public final class InputCommitment {
    private final SlottedCommitment committed;
    /** X′ (prover only). */
    private final long[] doubled;

    private InputCommitment(SlottedCommitment committed, long[] doubled) {
        this.committed = committed;
        this.doubled = doubled;
    }

    /**
     * Commits quantized input rows (each in [−Q, Q], as {@code IntegerExecutor.quantizeInput} gives).
     *
     * @param seed 32 secret bytes
     * @param budget how many proofs may use these inputs, 2..1024
     * @throws IllegalArgumentException if a row does not fit the circuit or the budget is out of range
     */
    public static InputCommitment commit(CompiledCircuit circuit, int[][] quantized, byte[] seed, int securityBits,
            int budget) {
        CircuitLayout layout = new CircuitLayout(circuit, quantized.length);
        long[] x = CircuitProof.paddedInput(layout, quantized);
        if (x.length < budget) {
            throw new IllegalArgumentException(quantized.length + " input rows are too few to stay hidden for "
                    + budget + " proofs");
        }
        AesCtrRandom rng = AesCtrRandom.fromSeed(seed);
        long[] doubled = ModelCommitment.doubled(x, rng);
        return new InputCommitment(SlottedCommitment.commit(List.of(doubled), rng, securityBits, budget, 0), doubled);
    }

    /**
     * Reads a published input commitment in bounded memory.
     *
     * @throws InvalidProofException if the bytes are malformed
     */
    public static InputCommitment read(byte[] bytes, int securityBits) throws InvalidProofException {
        ProofReader in = new ProofReader(bytes);
        SlottedCommitment c = SlottedCommitment.read(in, securityBits);
        in.expectEnd("input commitment");
        if (c.commitment().vectorCount() != 1) {
            throw new InvalidProofException("an input commitment holds one vector");
        }
        return new InputCommitment(c, null);
    }

    /** The encoding to publish (and put in statements). */
    public byte[] toBytes() {
        ProofWriter out = new ProofWriter();
        committed.commitment().writeTo(out);
        return out.toByteArray();
    }

    Commitment commitment() {
        return committed.commitment();
    }

    /** @throws InvalidProofException unless the commitment holds X′ for {@code layout}'s batch */
    void checkShape(CircuitLayout layout) throws InvalidProofException {
        if (commitment().vectorLength(0) != 2 * layout.lengths[CircuitLayout.INPUT]) {
            throw new InvalidProofException("the input commitment does not hold " + layout.rows
                    + " inputs of this circuit");
        }
    }

    /**
     * X′ for the prover, after checking it holds {@code x} (the padded inputs being proven).
     *
     * @throws IllegalArgumentException if the inputs are not the committed ones
     */
    long[] doubledFor(long[] x) {
        Objects.requireNonNull(doubled, "only the committer holds the inputs");
        if (!Arrays.equals(doubled, 0, x.length, x, 0, x.length) || 2 * x.length != doubled.length) {
            throw new IllegalArgumentException("the inputs are not the committed ones");
        }
        return doubled;
    }

    OpeningProof open(List<Claim> claims, Transcript transcript, RandomGenerator rng) {
        return committed.open(claims, transcript, rng, "input commitment");
    }

    OpeningProof readProof(ProofReader in, List<Claim> claims) throws InvalidProofException {
        return committed.readProof(in, claims);
    }

    void verify(List<Claim> claims, OpeningProof proof, Transcript transcript) throws InvalidProofException {
        committed.verify(claims, proof, transcript);
    }
}
