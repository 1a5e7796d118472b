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
import org.zkml4j.backend.pcs.HidingLedger;
import org.zkml4j.backend.pcs.OpeningProof;
import org.zkml4j.backend.random.AesCtrRandom;
import org.zkml4j.backend.transcript.Transcript;
import org.zkml4j.compiler.CompiledCircuit;

/**
 * COMMITTED inputs or outputs: a batch of quantized inputs (padded to B·n as a proof lays them out)
 * or of outputs (the B × m logit grid), doubled like every hidden vector — V′ = (V ‖ random) — in
 * one reusable commitment that is published. A proof then shows the model maps exactly the
 * committed inputs, or to exactly the committed outputs, hiding them, and opens the commitment once
 * (a fresh slot of its budget; docs/commitment-reuse.md).
 *
 * <p>The commitment is a deterministic function of the layout, the values, the budget and a
 * 32-byte secret seed, so whoever holds the values and the seed re-creates it — the prover the
 * owner hands inputs to, or anyone the prover reveals outputs to. Thread-safe.
 */
public final class DataCommitment {
    private final SlottedCommitment committed;
    /** X′ (prover only). */
    private final long[] doubled;

    private DataCommitment(SlottedCommitment committed, long[] doubled) {
        this.committed = committed;
        this.doubled = doubled;
    }

    /** Evaluations of the committed inputs a proof reveals: the first layer's and the range lookup's. */
    static final int INPUT_EVALUATIONS = 2;
    /** Evaluations of the committed outputs a proof reveals: the last activation lookup's. */
    static final int OUTPUT_EVALUATIONS = 1;

    /**
     * The number of rows a committed batch of {@code rows} inputs holds: a power of two, at least the
     * batch a zero-knowledge proof lays out, and enough that the random half hides every evaluation
     * of {@code budget} proofs ({@link HidingLedger}). The caller fills the batch, e.g. by repeating
     * its last row.
     *
     * @throws IllegalArgumentException if the budget is out of range
     */
    public static int inputBatch(CompiledCircuit circuit, int rows, int budget) {
        return batch(circuit, rows, circuit.inputSize(), INPUT_EVALUATIONS, budget);
    }

    /** As {@link #inputBatch}, for committed outputs. */
    public static int outputBatch(CompiledCircuit circuit, int rows, int budget) {
        return batch(circuit, rows, circuit.layers().get(circuit.layers().size() - 1).outputSize(),
                OUTPUT_EVALUATIONS, budget);
    }

    private static int batch(CompiledCircuit circuit, int rows, int width, int evaluations, int budget) {
        if (budget < 2 || budget > MAX_BUDGET) {
            throw new IllegalArgumentException("a data commitment's budget is 2.." + MAX_BUDGET + " proofs, not " + budget);
        }
        int padded = CircuitLayout.pow2(width);
        int need = HidingLedger.minimumForEvaluations((long) evaluations * budget);
        return Math.max(CircuitLayout.hidingBatch(circuit, rows), Math.max(1, need / padded));
    }

    /** Largest budget of a data commitment. */
    public static final int MAX_BUDGET = 64;

    /**
     * Commits quantized input rows (each in [−Q, Q], as {@code IntegerExecutor.quantizeInput} gives).
     *
     * @param quantized exactly {@link #inputBatch} rows
     * @param seed 32 secret bytes
     * @param budget how many proofs may use these inputs, 2..{@link #MAX_BUDGET}
     * @throws IllegalArgumentException if a row does not fit the circuit, the number of rows is not
     *     {@link #inputBatch}, or the budget is out of range
     */
    public static DataCommitment forInputs(CompiledCircuit circuit, int[][] quantized, byte[] seed, int securityBits,
            int budget) {
        int batch = inputBatch(circuit, quantized.length, budget);
        if (quantized.length != batch) {
            throw new IllegalArgumentException("committed inputs need " + batch + " rows to stay hidden for " + budget
                    + " proofs, got " + quantized.length + " (repeat the last row)");
        }
        return commit(CircuitProof.paddedInput(new CircuitLayout(circuit, batch), quantized), seed, securityBits,
                budget);
    }

    /**
     * Commits a batch of output rows (the last layer's integer outputs); the circuit may withhold its
     * parameters, so anyone the outputs are revealed to can re-create it.
     *
     * @param outputs exactly {@link #outputBatch} rows
     * @throws IllegalArgumentException if the number of rows is not {@link #outputBatch}, a row does
     *     not fit the circuit, or the budget is out of range
     */
    public static DataCommitment forOutputs(CompiledCircuit circuit, int[][] outputs, byte[] seed, int securityBits,
            int budget) {
        int batch = outputBatch(circuit, outputs.length, budget);
        if (outputs.length != batch) {
            throw new IllegalArgumentException("committed outputs need " + batch + " rows to stay hidden, got "
                    + outputs.length + " (repeat the last row)");
        }
        return commit(CircuitProof.paddedOutput(new CircuitLayout(circuit, batch), outputs), seed, securityBits,
                budget);
    }

    private static DataCommitment commit(long[] values, byte[] seed, int securityBits, int budget) {
        AesCtrRandom rng = AesCtrRandom.fromSeed(seed);
        long[] doubled = ModelCommitment.doubled(values, rng);
        return new DataCommitment(SlottedCommitment.commit(List.of(doubled), rng, securityBits, budget, 0), doubled);
    }

    /**
     * Reads a published commitment in bounded memory.
     *
     * @throws InvalidProofException if the bytes are malformed
     */
    public static DataCommitment read(byte[] bytes, int securityBits) throws InvalidProofException {
        ProofReader in = new ProofReader(bytes);
        SlottedCommitment c = SlottedCommitment.read(in, securityBits);
        in.expectEnd("data commitment");
        if (c.commitment().vectorCount() != 1) {
            throw new InvalidProofException("a data commitment holds one vector");
        }
        return new DataCommitment(c, null);
    }

    /** The encoding to publish (and put in statements). */
    public byte[] toBytes() {
        ProofWriter out = new ProofWriter();
        committed.commitment().writeTo(out);
        return out.toByteArray();
    }

    /** How many proofs may open it. */
    public int budget() {
        return committed.budget();
    }

    Commitment commitment() {
        return committed.commitment();
    }

    /**
     * The rows a commitment to outputs of {@code circuit} holds: its batch B = length / (2·m), m the
     * output width padded to a power of two.
     *
     * @throws InvalidProofException unless the length is that of a power-of-two batch of the outputs
     */
    public int outputRows(CompiledCircuit circuit) throws InvalidProofException {
        int outputs = circuit.layers().get(circuit.layers().size() - 1).outputSize();
        long m = Integer.highestOneBit(outputs) == outputs ? outputs : (long) Integer.highestOneBit(outputs) << 1;
        long length = commitment().vectorLength(0);
        long rows = length / (2 * m);
        if (rows < 1 || rows * 2 * m != length || Long.bitCount(rows) != 1 || rows > Integer.MAX_VALUE) {
            throw new InvalidProofException("the output commitment does not hold a batch of this circuit's outputs");
        }
        return (int) rows;
    }

    /** @throws InvalidProofException unless the commitment holds logical vector {@code v} of {@code layout} */
    void checkShape(CircuitLayout layout, int v, String what) throws InvalidProofException {
        if (commitment().vectorLength(0) != 2 * layout.lengths[v]) {
            throw new InvalidProofException("the " + what + " commitment does not hold " + layout.rows + " " + what
                    + "s of this circuit");
        }
    }

    /**
     * V′ for the prover, after checking it holds {@code v} (the padded values being proven).
     *
     * @throws IllegalArgumentException if the values are not the committed ones
     */
    long[] doubledFor(long[] v, String what) {
        Objects.requireNonNull(doubled, "only the committer holds the values");
        if (2 * v.length != doubled.length || !Arrays.equals(doubled, 0, v.length, v, 0, v.length)) {
            throw new IllegalArgumentException("the " + what + "s are not the committed ones");
        }
        return doubled;
    }

    /** The first slot no proof has used or reserved; persist it with the secret seed. */
    public int nextSlot() {
        return committed.nextSlot();
    }

    /**
     * Moves the counter forward to {@code slot}: a commitment re-created from its seed resumes at the
     * persisted counter.
     *
     * @throws IllegalArgumentException if the slot is behind the counter or beyond the budget
     */
    public void skipTo(int slot) {
        committed.skipTo(slot);
    }

    /**
     * Takes the next slot for one proof, before proving: returns this commitment opening only that
     * slot, and moves this one's counter past it — persist {@link #nextSlot()}, then prove with the
     * reservation, so a crash never reuses the slot.
     *
     * @throws IllegalStateException once the budget is spent
     */
    public DataCommitment reserve() {
        return new DataCommitment(committed.reserve("data commitment"), doubled);
    }

    OpeningProof open(List<Claim> claims, Transcript transcript, RandomGenerator rng) {
        return committed.open(claims, transcript, rng, "data commitment");
    }

    OpeningProof readProof(ProofReader in, List<Claim> claims) throws InvalidProofException {
        return committed.readProof(in, claims);
    }

    void verify(List<Claim> claims, OpeningProof proof, Transcript transcript) throws InvalidProofException {
        committed.verify(claims, proof, transcript);
    }
}
