package org.zkml4j.compiler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zkml4j.sdk.model.ModelGraph;

/**
 * Fidelity on real data: a float MLP trained on MNIST digits and its compiled integer circuit must
 * agree on the predicted class for at least 99% of held-out digits.
 */
class MnistFidelityTest {
    static final int TRAIN = 1500, CALIBRATION = 200, HELD_OUT = 500;
    static Mnist data;
    static ModelGraph model;

    @BeforeAll
    static void train() {
        data = Mnist.load();
        long t0 = System.nanoTime();
        model = data.train(TRAIN, 32, 6, 0.01, 2024);
        System.out.printf("MNIST 784-32-10 trained on %d digits in %.2f s%n", TRAIN, (System.nanoTime() - t0) / 1e9);
    }

    @Test
    void compile_defaultsAgreeWithFloatModelOnHeldOutDigits() {
        Fidelity f = measure(model, data, QuantizationOptions.defaults());
        System.out.println("defaults " + QuantizationOptions.defaults() + ": " + f);
        assertTrue(f.floatAccuracy() > 0.85, "float model trained: " + f);
        assertTrue(f.agreement() >= 0.99, "argmax agreement " + f);
    }

    @Test
    void compile_eightBitActivationsReported() {
        QuantizationOptions eight = QuantizationOptions.builder().activationBits(8).weightBits(8).build();
        Fidelity f = measure(model, data, eight);
        System.out.println("B=8, Bw=8: " + f);
        assertTrue(f.agreement() >= 0.95, "argmax agreement " + f);
    }

    record Fidelity(double agreement, double maxAbsLogitError, double meanAbsLogitError, double floatAccuracy,
            double intAccuracy, List<Bounds> bounds) {
        @Override
        public String toString() {
            return String.format("argmax agreement %.1f%%, max |logit error| %.4f (mean %.4f), accuracy float %.1f%%"
                    + " / integer %.1f%%, bounds %s", 100 * agreement, maxAbsLogitError, meanAbsLogitError,
                    100 * floatAccuracy, 100 * intAccuracy, bounds);
        }
    }

    static Fidelity measure(ModelGraph model, Mnist data, QuantizationOptions options) {
        CompiledCircuit circuit = CircuitCompiler.compile(model, data.rows(0, CALIBRATION), options);
        IntegerExecutor exec = new IntegerExecutor(circuit);
        ModelGraph logitsModel = new ModelGraph(model.inputSize(), model.nodes().subList(0, model.nodes().size() - 1));
        int agree = 0, floatCorrect = 0, intCorrect = 0;
        double maxErr = 0, sumErr = 0;
        for (int s = TRAIN; s < TRAIN + HELD_OUT; s++) {
            float[] x = data.pixels[s];
            float[] logits = logitsModel.evaluate(x);
            int floatClass = argmax(model.evaluate(x));
            ExecutionTrace t = exec.run(x);
            double[] out = t.outputs();
            for (int i = 0; i < logits.length; i++) {
                maxErr = Math.max(maxErr, Math.abs(out[i] - logits[i]));
                sumErr += Math.abs(out[i] - logits[i]);
            }
            agree += floatClass == t.predictedClass() ? 1 : 0;
            floatCorrect += floatClass == data.labels[s] ? 1 : 0;
            intCorrect += t.predictedClass() == data.labels[s] ? 1 : 0;
        }
        return new Fidelity((double) agree / HELD_OUT, maxErr, sumErr / (HELD_OUT * 10.0), (double) floatCorrect / HELD_OUT,
                (double) intCorrect / HELD_OUT, circuit.layers().stream().map(CircuitLayer::bounds).toList());
    }

    static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
