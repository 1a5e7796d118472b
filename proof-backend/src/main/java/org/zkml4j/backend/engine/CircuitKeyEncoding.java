package org.zkml4j.backend.engine;

import org.zkml4j.compiler.CompiledCircuit;
import org.zkml4j.compiler.IntegerExecutor;
import org.zkml4j.sdk.KeyEncoding;
import org.zkml4j.sdk.Statement;

/**
 * The built-in engine's {@link KeyEncoding}: read from the compiled circuit in the key (for
 * committed weights, its structure, which keeps every scale).
 */
final class CircuitKeyEncoding implements KeyEncoding {
    private final byte[] circuitId;
    private final IntegerExecutor executor;

    CircuitKeyEncoding(byte[] circuitId, CompiledCircuit circuit) {
        this.circuitId = circuitId.clone();
        this.executor = new IntegerExecutor(circuit);
    }

    private CompiledCircuit circuit() {
        return executor.circuit();
    }

    @Override
    public int inputSize() {
        return circuit().inputSize();
    }

    @Override
    public int outputSize() {
        return circuit().outputSize();
    }

    @Override
    public boolean classifier() {
        return circuit().classifier();
    }

    @Override
    public int inputLimit() {
        return circuit().activationLimit();
    }

    @Override
    public int inputFracBits() {
        return circuit().inputFracBits();
    }

    @Override
    public int outputFracBits() {
        return circuit().outputFracBits();
    }

    @Override
    public int[][] quantize(float[][] rows) {
        int[][] out = new int[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = executor.quantizeInput(rows[i]);
        }
        return out;
    }

    @Override
    public Statement statement(long nonce, float[][] inputs, int[][] outputs) {
        return new Statement(circuitId, inputs == null ? null : quantize(inputs), outputs, nonce);
    }
}
