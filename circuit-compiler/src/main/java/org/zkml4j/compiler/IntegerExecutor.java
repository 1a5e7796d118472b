package org.zkml4j.compiler;

import java.util.ArrayList;
import java.util.List;

/**
 * The exact integer reference executor of a {@link CompiledCircuit}: quantize the input, then for
 * each layer accumulate, requantize and look up the activation, recording every intermediate
 * tensor. Its result is, by definition, what the proofs attest. Stateless and thread-safe.
 *
 * <pre>{@code
 * IntegerExecutor exec = new IntegerExecutor(circuit);
 * ExecutionTrace t = exec.run(pixels);
 * int digit = t.predictedClass();
 * }</pre>
 */
public final class IntegerExecutor {
    private final CompiledCircuit circuit;

    /**
     * An executor for {@code circuit}. If its parameters are withheld, only {@link #quantizeInput}
     * works (it needs the input scale alone); running refuses.
     */
    public IntegerExecutor(CompiledCircuit circuit) {
        if (circuit == null) {
            throw new NullPointerException("circuit");
        }
        this.circuit = circuit;
    }

    /** The circuit this executor runs. */
    public CompiledCircuit circuit() {
        return circuit;
    }

    /**
     * The columns of {@code input} that lie outside the calibrated range, where
     * {@link #quantizeInput} saturates by more than one step: |round(x_i·2^f_in)| &gt; Q + 1. (A
     * value at a power-of-two calibration maximum itself, 2^e = (Q + 1)·2^−f_in, loses that one step
     * to saturation by design — docs/quantization.md, section 2 — and is not counted.) Non-finite
     * values are left to {@link #quantizeInput}, which refuses them.
     */
    public int[] clampedColumns(float[] input) {
        int q = circuit.activationLimit();
        return java.util.stream.IntStream.range(0, input.length)
                .filter(i -> Float.isFinite(input[i]) && Math.abs(Math.scalb((double) input[i], circuit.inputFracBits()))
                        >= q + 1.5)
                .toArray();
    }

    /** The calibrated input range ±Q·2^−f_in: larger magnitudes are clamped. */
    public double inputRange() {
        return Math.scalb((double) circuit.activationLimit(), -circuit.inputFracBits());
    }

    /**
     * Quantizes a real input: q_i = clamp(roundHalfAwayFromZero(x_i·2^f_in), −Q, Q). Values outside
     * the calibrated range saturate at ±Q; they never wrap.
     *
     * @throws IllegalArgumentException if the length is wrong or a value is NaN or infinite
     */
    public int[] quantizeInput(float[] input) {
        if (input == null) {
            throw new NullPointerException("input");
        }
        if (input.length != circuit.inputSize()) {
            throw new IllegalArgumentException(
                    "input has " + input.length + " values, the circuit expects " + circuit.inputSize());
        }
        int q = circuit.activationLimit();
        int[] out = new int[input.length];
        for (int i = 0; i < input.length; i++) {
            if (!Float.isFinite(input[i])) {
                throw new IllegalArgumentException("input value " + i + " is " + input[i] + "; inputs must be finite");
            }
            out[i] = (int) FixedPoint.quantize(input[i], circuit.inputFracBits(), q);
        }
        return out;
    }

    /**
     * Quantizes {@code input} and runs the circuit on it.
     *
     * @throws IllegalStateException if the circuit's parameters are withheld
     */
    public ExecutionTrace run(float[] input) {
        return execute(quantizeInput(input));
    }

    /**
     * Runs the circuit on an already quantized input (scale f_in).
     *
     * @throws IllegalArgumentException if the length is wrong or a value lies outside [−Q, Q]
     * @throws IllegalStateException if the circuit's parameters are withheld
     */
    public ExecutionTrace runQuantized(int[] quantizedInput) {
        if (quantizedInput.length != circuit.inputSize()) {
            throw new IllegalArgumentException("input has " + quantizedInput.length
                    + " values, the circuit expects " + circuit.inputSize());
        }
        int q = circuit.activationLimit();
        for (int i = 0; i < quantizedInput.length; i++) {
            if (Math.abs(quantizedInput[i]) > q) {
                throw new IllegalArgumentException("quantized input value " + i + " outside [−" + q + ", " + q + "]");
            }
        }
        return execute(quantizedInput.clone());
    }

    /**
     * Runs every row of a batch; the result has one trace per row, in order.
     *
     * @throws IllegalStateException if the circuit's parameters are withheld
     */
    public List<ExecutionTrace> runBatch(float[][] inputs) {
        List<ExecutionTrace> traces = new ArrayList<>(inputs.length);
        for (float[] row : inputs) {
            traces.add(run(row));
        }
        return traces;
    }

    private ExecutionTrace execute(int[] input) {
        if (circuit.parametersWithheld()) {
            throw new IllegalStateException("parameters are withheld: this structure-only circuit has no weights"
                    + " or biases to execute; run the prover's full circuit");
        }
        List<LayerTrace> traces = new ArrayList<>(circuit.layers().size());
        int[] x = input;
        for (CircuitLayer layer : circuit.layers()) {
            int m = layer.outputSize(), k = layer.shift();
            long zMax = layer.bounds().zMax();
            long[] y = new long[m];
            int[] z = new int[m], r = new int[m], a = new int[m];
            for (int o = 0; o < m; o++) {
                y[o] = layer.accumulate(x, o);
                long zo = FixedPoint.requantize(y[o], k);
                if (Math.abs(zo) > zMax || Math.abs(y[o]) > layer.bounds().yMax()) {
                    throw new IllegalStateException("layer " + layer.index() + " exceeded its proven bounds: compiler bug");
                }
                z[o] = (int) zo;
                r[o] = (int) FixedPoint.requantizeRemainder(y[o], k);
                a[o] = layer.tableInternal()[(int) (zo + zMax)];
            }
            traces.add(new LayerTrace(y, z, r, a));
            x = a;
        }
        return new ExecutionTrace(input, traces, circuit.outputFracBits());
    }
}
