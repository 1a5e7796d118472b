package org.zkml4j.backend.engine;

import org.zkml4j.backend.inference.DataCommitment;
import org.zkml4j.sdk.CommittedInputs;

/**
 * The built-in engine's {@link CommittedInputs}: the rows as given, their quantized (and, for
 * committed weights, power-of-two) form, and the {@link DataCommitment} made from the secret, whose
 * slot counter is this object's.
 */
final class EngineCommittedInputs implements CommittedInputs {
    /** How many proofs may use one committed batch (e.g. under different nonces). */
    static final int BUDGET = 4;

    private final float[][] rows;
    private final byte[] secret;
    private final byte[] circuitId;
    final int[][] quantized;
    final DataCommitment commitment;

    EngineCommittedInputs(float[][] rows, int[][] quantized, byte[] secret, byte[] circuitId,
            DataCommitment commitment) {
        this.rows = rows;
        this.quantized = quantized;
        this.secret = secret.clone();
        this.circuitId = circuitId.clone();
        this.commitment = commitment;
    }

    boolean madeFor(byte[] id) {
        return java.util.Arrays.equals(circuitId, id);
    }

    @Override
    public float[][] rows() {
        float[][] copy = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            copy[i] = rows[i].clone();
        }
        return copy;
    }

    @Override
    public byte[] commitment() {
        return commitment.toBytes();
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    @Override
    public int nextSlot() {
        return commitment.nextSlot();
    }

    @Override
    public CommittedInputs reserveProof() {
        return new EngineCommittedInputs(rows, quantized, secret, circuitId, commitment.reserve());
    }
}
