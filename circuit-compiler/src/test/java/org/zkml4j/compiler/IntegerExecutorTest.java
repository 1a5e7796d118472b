package org.zkml4j.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.zkml4j.sdk.Logits;
import org.zkml4j.sdk.model.Activation;
import org.zkml4j.sdk.model.Dense;
import org.zkml4j.sdk.model.ModelGraph;
import org.zkml4j.sdk.model.Softmax;

class IntegerExecutorTest {

    static CompiledCircuit mlp(Activation act) {
        return CircuitCompiler.compile(TestModels.mlp(31, 6, 5, 4, act, true), TestModels.uniformRows(32, 30, 6, -1, 1));
    }

    @Test
    void run_withheldCircuitRefusedButQuantizes() {
        CompiledCircuit full = mlp(Activation.relu());
        IntegerExecutor exec = new IntegerExecutor(full.withholdParameters());
        float[] x = {0.5f, -1, 0.25f, 2, 0, -0.125f};
        assertArrayEquals(new IntegerExecutor(full).quantizeInput(x), exec.quantizeInput(x)); // needs f_in only
        for (Executable run : new Executable[] {() -> exec.run(x), () -> exec.runQuantized(new int[6]),
                () -> exec.runBatch(new float[][] {x})}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, run);
            assertEquals("parameters are withheld: this structure-only circuit has no weights or biases to execute;"
                    + " run the prover's full circuit", e.getMessage());
        }
    }

    @Test
    void run_traceSatisfiesEveryLayerEquation() {
        for (Activation act : new Activation[] {Activation.relu(), Activation.leakyRelu(0.2f), Activation.sigmoid(),
                Activation.tanh()}) {
            CompiledCircuit c = mlp(act);
            IntegerExecutor exec = new IntegerExecutor(c);
            for (float[] x : TestModels.uniformRows(33, 50, 6, -1.5, 1.5)) { // includes out-of-range values
                ExecutionTrace t = exec.run(x);
                int[] in = t.input();
                assertArrayEquals(exec.quantizeInput(x), in);
                for (int l = 0; l < c.layers().size(); l++) {
                    CircuitLayer layer = c.layer(l);
                    LayerTrace lt = t.layer(l);
                    int[][] w = layer.weights();
                    long[] b = layer.bias();
                    int k = layer.shift();
                    long half = k == 0 ? 0 : 1L << (k - 1);
                    for (int o = 0; o < lt.size(); o++) {
                        long y = b[o];
                        for (int i = 0; i < in.length; i++) {
                            y += (long) w[o][i] * in[i];
                        }
                        assertEquals(y, lt.y()[o]);
                        assertEquals(y + half, ((long) lt.z()[o] << k) + lt.r()[o]);
                        assertTrue(lt.r()[o] >= 0 && lt.r()[o] < (1L << k) || k == 0 && lt.r()[o] == 0);
                        assertEquals(layer.table()[(int) (lt.z()[o] + layer.bounds().zMax())], lt.a()[o]);
                    }
                    in = lt.a();
                }
                assertArrayEquals(in, t.logits());
                assertEquals(c.outputFracBits(), t.outputFracBits());
            }
        }
    }

    @Test
    void quantizeInput_saturatesInsteadOfWrapping() {
        ModelGraph g = ModelGraph.of(3, new Dense(new float[][] {{1, 1, 1}}, new float[] {0}));
        CompiledCircuit c = CircuitCompiler.compile(g, new float[][] {{1, -1, 0.5f}}, CircuitCompilerTest.EIGHT);
        IntegerExecutor exec = new IntegerExecutor(c);
        assertEquals(7, c.inputFracBits());
        assertArrayEquals(new int[] {127, -127, 64}, exec.quantizeInput(new float[] {1, -1, 0.5f}));
        assertArrayEquals(new int[] {127, -127, -1}, exec.quantizeInput(new float[] {1e9f, -3.5f, -0.5f / 128}));
        assertArrayEquals(new int[] {127, -127, 0}, exec.quantizeInput(new float[] {Float.MAX_VALUE, -Float.MAX_VALUE, 1e-30f}));
    }

    @Test
    void run_nonFiniteOrMisShapedInputRefused() {
        IntegerExecutor exec = new IntegerExecutor(mlp(Activation.relu()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> exec.run(new float[] {0, 0, 0, Float.NaN, 0, 0}));
        assertEquals("input value 3 is NaN; inputs must be finite", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> exec.run(new float[] {0, Float.NEGATIVE_INFINITY, 0, 0, 0, 0}));
        assertEquals("input value 1 is -Infinity; inputs must be finite", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> exec.run(new float[5]));
        assertEquals("input has 5 values, the circuit expects 6", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> exec.runQuantized(new int[] {0, 0, 0, 0, 0, 512}));
        assertEquals("quantized input value 5 outside [−511, 511]", e.getMessage());
    }

    @Test
    void runBatch_equalsIndividualRuns() {
        IntegerExecutor exec = new IntegerExecutor(mlp(Activation.tanh()));
        float[][] rows = TestModels.uniformRows(40, 7, 6, -1, 1);
        List<ExecutionTrace> batch = exec.runBatch(rows);
        assertEquals(7, batch.size());
        for (int i = 0; i < rows.length; i++) {
            ExecutionTrace one = exec.run(rows[i]);
            assertArrayEquals(one.logits(), batch.get(i).logits());
            assertArrayEquals(one.layer(0).y(), batch.get(i).layer(0).y());
            assertEquals(one.predictedClass(), batch.get(i).predictedClass());
        }
    }

    @Test
    void predictedClass_tiesGoToLowestIndex() {
        ModelGraph g = ModelGraph.of(1, new Dense(new float[][] {{0}, {0}, {0}}, new float[] {0, 0.5f, 0.5f}),
                new Softmax());
        CompiledCircuit c = CircuitCompiler.compile(g, new float[][] {{1}});
        ExecutionTrace t = new IntegerExecutor(c).run(new float[] {0.3f});
        assertEquals(t.logits()[1], t.logits()[2]);
        assertEquals(1, t.predictedClass());
        ModelGraph zero = ModelGraph.of(1, new Dense(new float[][] {{0}, {0}}, new float[] {0, 0}), new Softmax());
        assertEquals(0, new IntegerExecutor(CircuitCompiler.compile(zero, new float[][] {{1}})).run(new float[] {1})
                .predictedClass());
    }

    @Test
    void probabilities_areSoftmaxOfDequantizedLogits() {
        CompiledCircuit c = mlp(Activation.relu());
        ExecutionTrace t = new IntegerExecutor(c).run(new float[] {0.1f, 0.2f, -0.3f, 0.4f, -0.5f, 0.6f});
        double[] out = t.outputs();
        int[] logits = t.logits();
        float[] p = t.probabilities();
        double sum = 0, denom = 0;
        for (double v : out) {
            denom += Math.exp(v);
        }
        for (int i = 0; i < p.length; i++) {
            assertEquals(logits[i] / Math.pow(2, c.outputFracBits()), out[i]);
            assertEquals(Math.exp(out[i]) / denom, p[i], 1e-6);
            sum += p[i];
        }
        assertEquals(1.0, sum, 1e-6);
    }

    @Test
    void run_matchesFloatModelClosely() {
        ModelGraph g = TestModels.mlp(50, 6, 8, 3, Activation.relu(), false);
        float[][] rows = TestModels.uniformRows(51, 100, 6, -1, 1);
        CompiledCircuit c = CircuitCompiler.compile(g, rows);
        IntegerExecutor exec = new IntegerExecutor(c);
        for (float[] x : rows) {
            float[] expected = g.evaluate(x);
            double[] got = exec.run(x).outputs();
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], got[i], 0.1, "output " + i);
            }
        }
    }
}
