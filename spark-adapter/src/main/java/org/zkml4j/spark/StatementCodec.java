package org.zkml4j.spark;

import java.util.Arrays;
import org.apache.spark.ml.linalg.Vector;
import org.zkml4j.backend.engine.CircuitEngine;
import org.zkml4j.compiler.CircuitFormatException;
import org.zkml4j.compiler.CompiledCircuit;
import org.zkml4j.compiler.IntegerExecutor;
import org.zkml4j.sdk.Statement;
import org.zkml4j.sdk.VerificationKey;

/**
 * Maps Spark row values to a proof's statement and back, for one verification key: features are
 * quantized exactly as the prover quantized them (the circuit's input scale), and proven outputs
 * are scaled by the circuit's output scale. Reads the compiled circuit from the built-in engine's
 * key payload (u32 security bits, then the circuit; docs/formats.md).
 */
final class StatementCodec {
    private final byte[] circuitId;
    private final IntegerExecutor quantizer;
    private final int outputFracBits;
    private final int outputSize;

    private StatementCodec(VerificationKey key, CompiledCircuit circuit) {
        this.circuitId = key.circuitId();
        this.quantizer = new IntegerExecutor(circuit);
        this.outputFracBits = circuit.outputFracBits();
        this.outputSize = circuit.outputSize();
    }

    /**
     * @throws IllegalArgumentException if the key is not the built-in engine's or is malformed
     */
    static StatementCodec forKey(VerificationKey key) {
        if (!CircuitEngine.ID.equals(key.engine())) {
            throw new IllegalArgumentException("keys of engine " + key.engine() + " cannot be decoded; the Spark adapter"
                    + " reads keys of " + CircuitEngine.ID);
        }
        byte[] payload = key.payload();
        try {
            if (payload.length < 4) {
                throw new IllegalArgumentException("verification key payload is truncated");
            }
            return new StatementCodec(key, CompiledCircuit.read(Arrays.copyOfRange(payload, 4, payload.length)));
        } catch (CircuitFormatException e) {
            throw new IllegalArgumentException("malformed verification key: " + e.getMessage(), e);
        }
    }

    /** A feature vector as the prover sees it: each double rounded once to float. */
    static float[] floats(Vector vector) {
        double[] values = vector.toArray();
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }

    int outputFracBits() {
        return outputFracBits;
    }

    int outputSize() {
        return outputSize;
    }

    int inputSize() {
        return quantizer.circuit().inputSize();
    }

    /**
     * The statement a batch's proof must satisfy.
     *
     * @param features the rows' features, or null when inputs are private
     * @param logits the rows' proven outputs
     * @throws IllegalArgumentException if a feature row has the wrong size or a non-finite value
     */
    Statement statement(long nonce, float[][] features, int[][] logits) {
        int[][] inputs = null;
        if (features != null) {
            inputs = new int[features.length][];
            for (int r = 0; r < features.length; r++) {
                inputs[r] = quantizer.quantizeInput(features[r]);
            }
        }
        return new Statement(circuitId, inputs, logits, nonce);
    }
}
