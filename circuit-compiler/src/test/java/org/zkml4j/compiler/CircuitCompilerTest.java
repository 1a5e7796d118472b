package org.zkml4j.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zkml4j.sdk.Logits;
import org.zkml4j.sdk.model.Activation;
import org.zkml4j.sdk.model.Add;
import org.zkml4j.sdk.model.Conv2d;
import org.zkml4j.sdk.model.Dense;
import org.zkml4j.sdk.model.Flatten;
import org.zkml4j.sdk.model.GraphNode;
import org.zkml4j.sdk.model.ModelGraph;
import org.zkml4j.sdk.model.Padding;
import org.zkml4j.sdk.model.Shape;
import org.zkml4j.sdk.model.Softmax;

class CircuitCompilerTest {
    static final QuantizationOptions EIGHT = QuantizationOptions.builder().activationBits(8).weightBits(8).build();
    static final QuantizationOptions SIXTEEN = QuantizationOptions.builder().activationBits(16).weightBits(16).build();

    static ModelGraph handModel() {
        return ModelGraph.of(2,
                new Dense(new float[][] {{0.5f, -0.25f}, {1.0f, 0.75f}}, new float[] {0.1f, -0.2f}),
                Activation.relu(),
                new Dense(new float[][] {{1f, -1f}}, new float[] {0f}));
    }

    @Test
    void compile_handComputedScalesAndParameters() {
        CompiledCircuit c = CircuitCompiler.compile(handModel(), new float[][] {{1, -1}, {0.5f, 0.5f}}, EIGHT);
        assertEquals(7, c.inputFracBits()); // max |x| = 1 → 7 − 0
        CircuitLayer l0 = c.layer(0);
        assertEquals(7, l0.inputFracBits());
        assertEquals(7, l0.weightFracBits()); // max |W| = 1
        assertArrayEquals(new int[] {64, -32, 127, 96}, l0.weightsFlat()); // 1.0·128 saturates to 127
        assertArrayEquals(new long[] {1638, -3277}, l0.bias()); // 0.1·2^14 = 1638.4, −0.2·2^14 = −3276.8
        assertEquals(7, l0.preActivationFracBits()); // max |y| = 0.85 → ceil(log2) = 0
        assertEquals(7, l0.shift());
        assertEquals(CircuitActivation.RELU, l0.activation());
        assertEquals(7, l0.outputFracBits());
        CircuitLayer l1 = c.layer(1);
        assertEquals(CircuitActivation.IDENTITY, l1.activation());
        assertEquals(7, l1.inputFracBits());
        assertFalse(c.classifier());
        assertEquals(1, c.outputSize());
    }

    @Test
    void compile_negativeShiftKeepsAccumulatorScale() {
        ModelGraph g = ModelGraph.of(2, new Dense(new float[][] {{1f, -1f}}, new float[] {0f}));
        // y = −2^−10 on the only sample: f_y = 7 + 10 = 17 > f_x + f_w = 7 + 7
        CompiledCircuit c = CircuitCompiler.compile(g, new float[][] {{0.5f, 0.5f + 0x1p-10f}}, EIGHT);
        assertEquals(14, c.layer(0).preActivationFracBits());
        assertEquals(0, c.layer(0).shift());
    }

    @Test
    void compile_shiftAboveSixteenRefusedUnderRefusePolicy() {
        ModelGraph g = ModelGraph.of(4, new Dense(new float[][] {{1, 1, 1, 1}}, new float[] {0}));
        QuantizationOptions refuse = QuantizationOptions.builder().activationBits(16).weightBits(16)
                .shiftPolicy(QuantizationOptions.ShiftPolicy.REFUSE).build();
        CompilationException e = assertThrows(CompilationException.class,
                () -> CircuitCompiler.compile(g, new float[][] {{1, 1, 1, 1}}, refuse));
        assertEquals("layer 0: requantization shift k = f_x + f_w − f_y = 15 + 15 − 13 = 17 exceeds the maximum 16"
                + " (the remainder r < 2^k is range-checked by a 2^16-row table); use fewer weight or activation bits,"
                + " or ShiftPolicy.LOWER_WEIGHT_PRECISION", e.getMessage());
        assertEquals(CompilationException.Reason.SHIFT_TOO_LARGE, e.reason());
        assertEquals(0, e.layer());
    }

    @Test
    void compile_shiftAboveSixteenLowersWeightPrecisionByDefault() {
        ModelGraph g = ModelGraph.of(4, new Dense(new float[][] {{1, 1, 1, 1}}, new float[] {0}));
        CompiledCircuit c = CircuitCompiler.compile(g, new float[][] {{1, 1, 1, 1}}, SIXTEEN);
        CircuitLayer l = c.layer(0);
        assertEquals(14, l.weightFracBits());
        assertEquals(16, l.shift());
        assertArrayEquals(new int[] {16384, 16384, 16384, 16384}, l.weightsFlat());
    }

    @Test
    void compile_tooWideAccumulatorRefusedNamingLayer() {
        float[][] w = new float[1][1000];
        Arrays.fill(w[0], 1f);
        float[] x = new float[1000];
        x[0] = 1; // calibration sees |y| = 1, the worst case over [−Q, Q]^1000 is 1000× larger
        ModelGraph wide = ModelGraph.of(1000, new Dense(w, new float[] {0}), Activation.tanh());
        CompilationException e = assertThrows(CompilationException.class,
                () -> CircuitCompiler.compile(wide, new float[][] {x}, SIXTEEN));
        assertEquals("layer 0: activation lookup table would need 2·Zmax + 1 = 65532003 rows (Zmax = 32766001 is the"
                + " proven worst-case |z| over all inputs in [−Q, Q]^1000), more than the limit 2^20 = 1048576; use"
                + " fewer activation or weight bits", e.getMessage());
        assertEquals(CompilationException.Reason.TABLE_TOO_LARGE, e.reason());
        assertEquals(0, e.layer());
        // eight bits fit
        assertTrue(CircuitCompiler.compile(wide, new float[][] {x}, EIGHT).layer(0).bounds().tableSize() < (1 << 20));
    }

    @Test
    void compile_secondLayerRefusalNamesThatLayer() {
        float[][] w = new float[1][1000];
        Arrays.fill(w[0], 1f);
        float[][] first = new float[1000][1];
        for (float[] row : first) {
            row[0] = -1f;
        }
        first[0][0] = 1f; // calibration activates only hidden unit 0
        ModelGraph g = ModelGraph.of(1, new Dense(first, new float[1000]), Activation.relu(),
                new Dense(w, new float[] {0}));
        float[][] calibration = {{0.001f}}; // second layer sees tiny values
        CompilationException e = assertThrows(CompilationException.class,
                () -> CircuitCompiler.compile(g, calibration, SIXTEEN));
        assertEquals(1, e.layer());
        assertTrue(e.getMessage().startsWith("layer 1: activation lookup table would need"), e.getMessage());
    }

    @Test
    void compile_activationBeforeDenseRefused() {
        ModelGraph g = ModelGraph.of(1, Activation.relu(), new Dense(new float[][] {{1}}, new float[] {0}));
        CompilationException e = assertThrows(CompilationException.class,
                () -> CircuitCompiler.compile(g, new float[][] {{1}}));
        assertEquals("node 0 (RELU) comes before the first dense node; the circuit applies activations only to dense"
                + " outputs", e.getMessage());
        assertEquals(CompilationException.Reason.UNSUPPORTED_GRAPH, e.reason());
    }

    @Test
    void compile_convolutionalGraphRefusedNamingTheFirstUnsupportedNode() {
        Conv2d conv = Conv2d.of(new float[][][][] {{{{1}}}}, new float[] {0}, 1, 1, 1, 1, 1, Padding.NONE);
        ModelGraph g = ModelGraph.chain(Shape.image(1, 2, 2), conv, Activation.relu(), new Flatten(),
                new Dense(new float[][] {{1, 1, 1, 1}}, new float[] {0}));
        for (Runnable compile : new Runnable[] {
                () -> CircuitCompiler.compile(g, new float[][] {{1, 2, 3, 4}}),
                () -> Calibration.measure(g, new float[][] {{1, 2, 3, 4}})}) {
            CompilationException e = assertThrows(CompilationException.class, compile::run);
            assertEquals(CompilationException.Reason.UNSUPPORTED_GRAPH, e.reason());
            assertEquals("node 0 (conv2d, output \"v1\") is not provable yet: the circuit compiler proves chains of"
                    + " dense nodes with activations and an optional final softmax; convolutional graphs (conv2d,"
                    + " pooling, batchnorm, add, concat, flatten, reshape) are not provable yet", e.getMessage());
        }
    }

    @Test
    void compile_residualDenseGraphRefusedAtTheAdd() {
        Dense square = new Dense(new float[][] {{1, 0}, {0, 1}}, new float[2]);
        ModelGraph g = new ModelGraph("x", Shape.flat(2), List.of(
                GraphNode.of("h", square, "x"),
                GraphNode.of("s", new Add(), "h", "x"),
                GraphNode.of("y", square, "s")), "y");
        CompilationException e = assertThrows(CompilationException.class,
                () -> CircuitCompiler.compile(g, new float[][] {{1, 2}}));
        assertTrue(e.getMessage().startsWith("node 1 (add, output \"s\") is not provable yet"), e.getMessage());
    }

    @Test
    void compile_twoActivationsInARowRefused() {
        ModelGraph g = ModelGraph.of(1, new Dense(new float[][] {{1}}, new float[] {0}), Activation.relu(),
                Activation.identity(), Activation.sigmoid());
        CompilationException e = assertThrows(CompilationException.class,
                () -> CircuitCompiler.compile(g, new float[][] {{1}}));
        assertEquals("nodes 1 and 3 are two activations in a row (RELU, SIGMOID); a dense node takes at most one"
                + " activation", e.getMessage());
    }

    @Test
    void compile_identityActivationsAreNoOps() {
        Dense d = new Dense(new float[][] {{1, 2}}, new float[] {0.5f});
        float[][] cal = {{0.3f, -0.7f}};
        CompiledCircuit plain = CircuitCompiler.compile(ModelGraph.of(2, d), cal);
        CompiledCircuit withIdentity = CircuitCompiler.compile(
                ModelGraph.of(2, Activation.identity(), d, Activation.identity()), cal);
        assertEquals(plain, withIdentity);
        assertEquals(plain.circuitHashHex(), withIdentity.circuitHashHex());
    }

    @Test
    void compile_emptyCalibrationRefused() {
        CompilationException e = assertThrows(CompilationException.class,
                () -> CircuitCompiler.compile(handModel(), new float[0][]));
        assertEquals("calibration needs at least one sample input, got none", e.getMessage());
        assertEquals(CompilationException.Reason.INVALID_CALIBRATION, e.reason());
        assertEquals(-1, e.layer());
    }

    @Test
    void compile_misShapedOrNonFiniteCalibrationRefused() {
        CompilationException e = assertThrows(CompilationException.class,
                () -> CircuitCompiler.compile(handModel(), new float[][] {{1, 2}, {1, 2, 3}}));
        assertEquals("calibration sample 1 has 3 values, the model expects 2", e.getMessage());
        e = assertThrows(CompilationException.class,
                () -> CircuitCompiler.compile(handModel(), new float[][] {{1, Float.NaN}}));
        assertEquals("calibration sample 0 value 1 is NaN; samples must be finite", e.getMessage());
        ModelGraph huge = ModelGraph.of(1, new Dense(new float[][] {{3e38f}}, new float[] {0}),
                new Dense(new float[][] {{3e38f}}, new float[] {0}));
        e = assertThrows(CompilationException.class, () -> CircuitCompiler.compile(huge, new float[][] {{1}}));
        assertEquals("layer 1: pre-activation of calibration sample 0 is not finite in float arithmetic; the model"
                + " overflows on its own samples", e.getMessage());
        assertEquals(1, e.layer());
    }

    @Test
    void compile_hugeMagnitudeRefusedAsScaleOutOfRange() {
        ModelGraph g = ModelGraph.of(1, new Dense(new float[][] {{1}}, new float[] {0}));
        CompilationException e = assertThrows(CompilationException.class,
                () -> CircuitCompiler.compile(g, new float[][] {{0x1p50f}}));
        assertEquals("input: input magnitude 1.125899906842624E15 needs -41 fractional bits, below the minimum -32;"
                + " rescale the model", e.getMessage());
        assertEquals(CompilationException.Reason.SCALE_OUT_OF_RANGE, e.reason());
    }

    @Test
    void compile_tinyMagnitudesUseMaximumFractionalBits() {
        ModelGraph g = ModelGraph.of(1, new Dense(new float[][] {{1e-20f}}, new float[] {0}));
        CompiledCircuit c = CircuitCompiler.compile(g, new float[][] {{1}});
        assertEquals(QuantizationOptions.MAX_FRAC_BITS, c.layer(0).weightFracBits()); // 9 + 66, lowered to 48
        assertEquals(QuantizationOptions.MAX_FRAC_BITS, c.layer(0).preActivationFracBits());
        assertEquals(9, c.layer(0).shift());
        assertEquals(0, c.layer(0).weight(0, 0)); // 1e-20·2^48 rounds to 0
    }

    @Test
    void compile_isDeterministicAndSensitiveToOptions() {
        ModelGraph g = TestModels.mlp(3, 6, 5, 3, Activation.sigmoid(), true);
        float[][] cal = TestModels.uniformRows(4, 20, 6, -1, 1);
        CompiledCircuit a = CircuitCompiler.compile(g, cal), b = CircuitCompiler.compile(g, cal);
        assertEquals(a, b);
        assertArrayEquals(a.circuitHash(), b.circuitHash());
        assertFalse(a.equals(CircuitCompiler.compile(g, cal, EIGHT)));
        assertTrue(a.classifier());
        assertEquals(3, a.outputSize());
    }

    @Test
    void compile_classifierOutputsAreIdentityLogits() {
        ModelGraph g = TestModels.mlp(5, 4, 3, 2, Activation.tanh(), true);
        CompiledCircuit c = CircuitCompiler.compile(g, TestModels.uniformRows(6, 10, 4, -2, 2));
        assertEquals(CircuitActivation.TANH, c.layer(0).activation());
        assertEquals(9, c.layer(0).outputFracBits()); // B − 1 with the default B = 10
        assertEquals(CircuitActivation.IDENTITY, c.layer(1).activation());
        assertEquals(c.layer(1).preActivationFracBits(), c.outputFracBits());
    }

    @Test
    void calibration_recordsMaximaPerLayer() {
        Calibration cal = Calibration.measure(handModel(), new float[][] {{1, -1}, {0.5f, 0.5f}});
        assertEquals(2, cal.sampleCount());
        assertEquals(2, cal.layerCount());
        assertEquals(1.0, cal.inputMaxAbs());
        assertEquals(0.85, cal.preActivationMaxAbs(0), 1e-6);
        assertEquals(0.85, cal.activationMaxAbs(0), 1e-6);
        // layer 1: relu(h) = (0.85, 0.05) → 0.8; (0.225, 0.675) → −0.45
        assertEquals(0.8, cal.preActivationMaxAbs(1), 1e-6);
    }

    @Test
    void compile_withSoftmaxAndWithoutDifferOnlyInOutputKind() {
        Dense d = new Dense(new float[][] {{1, 2}, {-1, 0.5f}}, new float[] {0, 0});
        float[][] cal = {{0.3f, -0.7f}};
        CompiledCircuit plain = CircuitCompiler.compile(ModelGraph.of(2, d), cal);
        CompiledCircuit classifier = CircuitCompiler.compile(ModelGraph.of(2, d, new Softmax()), cal);
        assertFalse(plain.classifier());
        assertTrue(classifier.classifier());
        assertFalse(plain.equals(classifier));
        assertEquals(plain.layer(0).toString(), classifier.layer(0).toString());
    }

    @Test
    void compile_fromCalibrationEqualsCompileFromSamples() {
        ModelGraph g = TestModels.mlp(8, 4, 6, 3, Activation.leakyRelu(0.05f), true);
        float[][] rows = TestModels.uniformRows(9, 12, 4, -1, 1);
        CompiledCircuit viaSamples = CircuitCompiler.compile(g, rows, EIGHT);
        assertEquals(viaSamples, CircuitCompiler.compile(g, Calibration.measure(g, rows), EIGHT));
        assertThrows(NullPointerException.class, () -> CircuitCompiler.compile(g, rows, null));
    }

    @Test
    void compile_negativeZeroLeakySlopeIsCanonicalised() {
        Dense d = new Dense(new float[][] {{1, -2}}, new float[] {0.25f});
        float[][] cal = {{0.3f, -0.7f}};
        CompiledCircuit minus = CircuitCompiler.compile(ModelGraph.of(2, d, Activation.leakyRelu(-0.0f)), cal);
        CompiledCircuit plus = CircuitCompiler.compile(ModelGraph.of(2, d, Activation.leakyRelu(0.0f)), cal);
        assertEquals(plus, minus);
        assertEquals(0, Float.floatToRawIntBits(minus.layer(0).alpha()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CircuitLayer.create(0, 8, 8,
                1, 1, 0, 0, 0, 0, CircuitActivation.LEAKY_RELU, -0.0f, new int[] {1}, new long[] {0}));
        assertEquals("layer 0: invalid alpha -0.0 for LEAKY_RELU", e.getMessage());
    }
}
