package org.zkml4j.bridge.circuit;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.zkml4j.backend.engine.CircuitEngine;
import org.zkml4j.compiler.CircuitFormatException;
import org.zkml4j.compiler.CompiledCircuit;
import org.zkml4j.compiler.IntegerExecutor;
import org.zkml4j.sdk.VerificationKey;

/**
 * The public-input encoding of one circuit, read from its verification key alone: input and
 * output widths, and the quantization the built-in engine applies (docs/formats.md: the key
 * payload is u32 security bits + the compiled circuit). Validators use it to draw fresh inputs and
 * to rebuild, from their own inputs, the statement a miner's proof must satisfy.
 */
public final class CircuitInputs {
    private final IntegerExecutor executor;

    private CircuitInputs(CompiledCircuit circuit) {
        this.executor = new IntegerExecutor(circuit);
    }

    /**
     * The encoding of {@code key}'s circuit.
     *
     * @throws IllegalArgumentException if the key is not the built-in engine's or is malformed
     */
    public static CircuitInputs of(VerificationKey key) {
        if (!CircuitEngine.ID.equals(key.engine())) {
            throw new IllegalArgumentException("keys of engine " + key.engine() + " are not supported (only "
                    + CircuitEngine.ID + ")");
        }
        byte[] payload = key.payload();
        if (payload.length < 4) {
            throw new IllegalArgumentException("verification key payload is truncated");
        }
        if (payload.length >= 8 && new String(payload, 4, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("ZKCW")) {
            throw new IllegalArgumentException("this key holds a commitment to the weights: the subnet serves "
                    + "public-weight models only");
        }
        try {
            return new CircuitInputs(CompiledCircuit.read(Arrays.copyOfRange(payload, 4, payload.length)));
        } catch (CircuitFormatException e) {
            throw new IllegalArgumentException("malformed verification key: " + e.getMessage(), e);
        }
    }

    /** Values per input row. */
    public int width() {
        return executor.circuit().inputSize();
    }

    /** Values per output row. */
    public int outputWidth() {
        return executor.circuit().outputSize();
    }

    /** Whether the outputs are a classifier's logits. */
    public boolean classifier() {
        return executor.circuit().classifier();
    }

    /**
     * Fresh rows spread over the whole input range, each value exactly representable (q·2^−f_in
     * with q uniform in [−Q, Q]), so quantization maps them back to q.
     */
    public float[][] random(int rows, RandomGenerator random) {
        CompiledCircuit circuit = executor.circuit();
        int limit = circuit.activationLimit();
        float[][] out = new float[rows][width()];
        for (float[] row : out) {
            for (int j = 0; j < row.length; j++) {
                row[j] = Math.scalb((float) random.nextInt(-limit, limit + 1), -circuit.inputFracBits());
            }
        }
        return out;
    }

    /**
     * The quantized rows the engine proves for {@code rows}.
     *
     * @throws IllegalArgumentException for a wrong width or a non-finite value
     */
    public int[][] quantize(float[][] rows) {
        int[][] out = new int[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = executor.quantizeInput(rows[i]);
        }
        return out;
    }
}
