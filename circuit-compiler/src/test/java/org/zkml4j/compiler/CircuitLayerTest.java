package org.zkml4j.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.zkml4j.sdk.model.Activation;
import org.zkml4j.sdk.model.ModelGraph;

/** Static bound analysis and lookup tables. */
class CircuitLayerTest {
    static final long HALF_P = 9223372034707292160L; // (p − 1)/2 = 2^63 − 2^31

    static CircuitLayer single(int index, int k, long bias, CircuitActivation act) {
        return CircuitLayer.create(index, 8, 8, 1, 1, k, 0, 0, k, act, 0f, new int[] {1}, new long[] {bias});
    }

    @Test
    void halfP_isTheFieldMidpoint() {
        assertEquals(HALF_P, CircuitLayer.HALF_P.longValueExact());
    }

    @Test
    void create_accumulatorBeyondHalfPRefusedNamingQuantity() {
        CompilationException e = assertThrows(CompilationException.class,
                () -> single(3, 0, HALF_P, CircuitActivation.IDENTITY));
        assertEquals("layer 3: worst-case accumulator |y| = 9223372034707292287 exceeds (p − 1)/2 = "
                + "9223372034707292160 (p = 2^64 − 2^32 + 1), so it could wrap modulo p; use fewer weight or"
                + " activation bits", e.getMessage());
        assertEquals(CompilationException.Reason.FIELD_OVERFLOW, e.reason());
        assertEquals(3, e.layer());
        assertThrows(CompilationException.class, () -> single(0, 0, Long.MIN_VALUE, CircuitActivation.IDENTITY));
    }

    @Test
    void create_roundedAccumulatorBeyondHalfPRefused() {
        CompilationException e = assertThrows(CompilationException.class,
                () -> single(0, 1, HALF_P - 127, CircuitActivation.IDENTITY));
        assertEquals("layer 0: worst-case rounded accumulator |y + 2^(k−1)| = 9223372034707292161 exceeds (p − 1)/2 = "
                + "9223372034707292160 (p = 2^64 − 2^32 + 1), so it could wrap modulo p; use fewer weight or"
                + " activation bits", e.getMessage());
    }

    @Test
    void create_requantizationIdentityBeyondHalfPRefused() {
        // yMax + 2^15 = HALF_P fits, but a prover's z·2^16 + r with |z| ≤ zMax, r < 2^16 could reach HALF_P + 65535
        CompilationException e = assertThrows(CompilationException.class,
                () -> single(0, 16, HALF_P - (1 << 15) - 127, CircuitActivation.IDENTITY));
        assertEquals("layer 0: worst-case requantization identity |z·2^k + r| = 9223372034707357695 exceeds (p − 1)/2 = "
                + "9223372034707292160 (p = 2^64 − 2^32 + 1), so it could wrap modulo p; use fewer weight or"
                + " activation bits", e.getMessage());
    }

    @Test
    void create_largestProvableAccumulatorStillNeedsSmallTable() {
        CompilationException e = assertThrows(CompilationException.class,
                () -> single(0, 16, HALF_P - (1L << 20), CircuitActivation.IDENTITY));
        assertEquals(CompilationException.Reason.TABLE_TOO_LARGE, e.reason());
    }

    @Test
    void create_boundsFollowFormulas() {
        int[] w = {3, -5, 0, 7, -1, 2}; // 2 × 3
        long[] b = {-40, 100};
        CircuitLayer l = CircuitLayer.create(0, 6, 4, 3, 2, 3, 2, 1, 4, CircuitActivation.RELU, 0f, w, b);
        long q = 31;
        long y0 = (3 + 5 + 0) * q + 40, y1 = (7 + 1 + 2) * q + 100;
        assertEquals(Math.max(y0, y1), l.bounds().yMax());
        assertEquals((Math.max(y0, y1) + 8 + 15) / 16, l.bounds().zMax()); // ceil((yMax + 2^3) / 2^4)
        assertEquals(2 * l.bounds().zMax() + 1, l.bounds().tableSize());
    }

    @Test
    void create_malformedParametersRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CircuitLayer.create(0, 8, 4,
                1, 1, 0, 0, 0, 0, CircuitActivation.IDENTITY, 0f, new int[] {8}, new long[] {0}));
        assertEquals("layer 0: weight 8 outside ±7", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CircuitLayer.create(2, 8, 8, 1, 1, 5, 3, 1, 6,
                CircuitActivation.IDENTITY, 0f, new int[] {1}, new long[] {0}));
        assertEquals("layer 2: shift k = 6 differs from f_x + f_w − f_y = 7", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CircuitLayer.create(0, 8, 8, 1, 1, 0, 0, 0, 0,
                CircuitActivation.RELU, 0.5f, new int[] {1}, new long[] {0}));
        assertEquals("layer 0: invalid alpha 0.5 for RELU", e.getMessage());
        CompilationException c = assertThrows(CompilationException.class, () -> CircuitLayer.create(0, 8, 8, 1, 1,
                17, 0, 0, 17, CircuitActivation.IDENTITY, 0f, new int[] {1}, new long[] {0}));
        assertEquals("layer 0: requantization shift k = 17 exceeds the maximum 16", c.getMessage());
    }

    @Test
    void withheld_parameterAccessorsRefuseStructureWorks() {
        CircuitLayer full = CompiledCircuitTest.golden().layer(0);
        CircuitLayer w = full.withheld();
        assertFalse(full.parametersWithheld());
        assertTrue(w.parametersWithheld());
        for (Executable access : new Executable[] {w::weights, w::weightsFlat, () -> w.weight(0, 0), w::bias,
                () -> w.bias(0), w::weightsInternal, w::biasInternal, () -> w.accumulate(new int[] {1, 1}, 0)}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, access);
            assertEquals("parameters are withheld: layer 0 is structure-only (no weights or biases); use the full circuit",
                    e.getMessage());
        }
        assertEquals(full.bounds(), w.bounds());
        assertArrayEquals(full.table(), w.table());
        assertEquals(full.activate(-56), w.activate(-56));
        assertEquals(full.outputFracBits(), w.outputFracBits());
        assertEquals(100, w.biasBound());
        assertSame(w, w.withheld());
        assertTrue(w.toString().endsWith(", parameters withheld]"), w.toString());
    }

    @Test
    void biasBound_isMaxAbsoluteBias() {
        assertEquals(40, CircuitLayer.create(0, 6, 4, 3, 2, 3, 2, 1, 4, CircuitActivation.RELU, 0f,
                new int[] {3, -5, 0, 7, -1, 2}, new long[] {-40, 10}).biasBound());
        assertEquals(0, single(0, 0, 0, CircuitActivation.IDENTITY).biasBound());
    }

    /**
     * Brute force on a tiny network with B = 4 (Q = 7): every input in [−7, 7]^2 stays inside the
     * computed bounds, and for the first layer the bound is attained (it is exact, not just sound).
     */
    @Test
    void bounds_provenByBruteForceOnTinyNetwork() {
        QuantizationOptions four = QuantizationOptions.builder().activationBits(4).weightBits(4).build();
        Activation[] acts = {Activation.relu(), Activation.leakyRelu(0.1f), Activation.sigmoid(), Activation.tanh(),
                Activation.identity()};
        for (long seed = 1; seed <= 12; seed++) {
            Activation act = acts[(int) (seed % acts.length)];
            ModelGraph g = TestModels.mlp(seed, 2, 3, 2, act, seed % 2 == 0);
            CompiledCircuit c = CircuitCompiler.compile(g, TestModels.uniformRows(seed, 8, 2, -1, 1), four);
            IntegerExecutor exec = new IntegerExecutor(c);
            long[] seenY = new long[c.layers().size()];
            for (int x0 = -7; x0 <= 7; x0++) {
                for (int x1 = -7; x1 <= 7; x1++) {
                    ExecutionTrace t = exec.runQuantized(new int[] {x0, x1});
                    for (int l = 0; l < c.layers().size(); l++) {
                        CircuitLayer layer = c.layer(l);
                        Bounds bd = layer.bounds();
                        LayerTrace lt = t.layer(l);
                        long[] y = lt.y();
                        int[] z = lt.z(), r = lt.r(), a = lt.a();
                        for (int o = 0; o < y.length; o++) {
                            seenY[l] = Math.max(seenY[l], Math.abs(y[o]));
                            assertTrue(Math.abs(y[o]) <= bd.yMax(), "y " + y[o] + " > " + bd.yMax());
                            assertTrue(Math.abs(z[o]) <= bd.zMax(), "z " + z[o] + " > " + bd.zMax());
                            assertTrue(r[o] >= 0 && r[o] < (1 << layer.shift()) || (layer.shift() == 0 && r[o] == 0));
                            assertTrue(Math.abs(a[o]) <= 7);
                        }
                    }
                }
            }
            assertEquals(c.layer(0).bounds().yMax(), seenY[0], "first-layer bound is attained, seed " + seed);
        }
    }

    @Test
    void bounds_enumerationOfAllQuantizedInputsOfOneLayer() {
        // the worst case over all of [−Q, Q]^3 for random integer weights, against the formula
        SplittableRandom rnd = new SplittableRandom(11);
        for (int trial = 0; trial < 20; trial++) {
            int[] w = new int[6];
            for (int i = 0; i < w.length; i++) {
                w[i] = rnd.nextInt(-7, 8);
            }
            long[] b = {rnd.nextInt(-100, 100), rnd.nextInt(-100, 100)};
            int k = rnd.nextInt(0, 5);
            CircuitLayer l = CircuitLayer.create(0, 4, 4, 3, 2, k, 0, 0, k, CircuitActivation.IDENTITY, 0f, w, b);
            long maxY = 0, maxZ = 0;
            for (int a = -7; a <= 7; a++) {
                for (int c = -7; c <= 7; c++) {
                    for (int d = -7; d <= 7; d++) {
                        int[] x = {a, c, d};
                        for (int o = 0; o < 2; o++) {
                            long y = l.accumulate(x, o);
                            maxY = Math.max(maxY, Math.abs(y));
                            maxZ = Math.max(maxZ, Math.abs(FixedPoint.requantize(y, k)));
                        }
                    }
                }
            }
            assertEquals(l.bounds().yMax(), maxY);
            assertTrue(maxZ <= l.bounds().zMax() && l.bounds().zMax() <= maxZ + 1, maxZ + " vs " + l.bounds());
        }
    }

    @Test
    void table_matchesDirectComputationForEveryActivation() {
        int b = 8, fy = 4;
        long q = 127;
        for (CircuitActivation act : CircuitActivation.values()) {
            float alpha = act.hasAlpha() ? 0.1f : 0f;
            CircuitLayer l = CircuitLayer.create(0, b, 8, 1, 1, 4, 4, fy, 4, act, alpha, new int[] {127}, new long[] {0});
            int fa = l.outputFracBits();
            long zMax = l.bounds().zMax();
            assertEquals(1009, zMax); // ceil((127·127 + 8) / 16)
            int[] table = l.table();
            for (long z = -zMax; z <= zMax; z++) {
                double x = z / 16.0;
                double real = switch (act) {
                    case IDENTITY, RELU -> act == CircuitActivation.RELU ? Math.max(0, x) : x;
                    case LEAKY_RELU -> x >= 0 ? x : 0.1f * x;
                    case SIGMOID -> 1 / (1 + StrictMath.exp(-x));
                    case TANH -> StrictMath.tanh(x);
                };
                double scaled = real * Math.pow(2, fa);
                long direct = Math.round(Math.abs(scaled)) * (scaled < 0 ? -1 : 1); // ties away from zero
                direct = Math.max(-q, Math.min(q, direct));
                assertEquals(direct, table[(int) (z + zMax)], act + " at z = " + z);
                assertEquals(direct, l.activate(z));
            }
        }
    }

    @Test
    void table_shapesAndScales() {
        CircuitLayer relu = CircuitLayer.create(0, 8, 8, 1, 1, 4, 4, 4, 4, CircuitActivation.RELU, 0f,
                new int[] {127}, new long[] {0});
        assertEquals(0, relu.activate(-1009));
        assertEquals(0, relu.activate(0));
        assertEquals(100, relu.activate(100));
        assertEquals(127, relu.activate(1009)); // saturates at Q
        CircuitLayer leaky = CircuitLayer.create(0, 8, 8, 1, 1, 4, 4, 4, 4, CircuitActivation.LEAKY_RELU, 0.25f,
                new int[] {127}, new long[] {0});
        assertEquals(-1, leaky.activate(-2)); // −0.5 → −1 (ties away from zero)
        assertEquals(-25, leaky.activate(-100));
        assertEquals(-127, leaky.activate(-1009)); // −252.25 saturates
        CircuitLayer sigmoid = CircuitLayer.create(0, 8, 8, 1, 1, 4, 4, 4, 4, CircuitActivation.SIGMOID, 0f,
                new int[] {127}, new long[] {0});
        assertEquals(7, sigmoid.outputFracBits());
        assertEquals(64, sigmoid.activate(0)); // σ(0)·2^7
        assertEquals(127, sigmoid.activate(1009)); // 128 saturates
        assertEquals(0, sigmoid.activate(-1009));
        CircuitLayer tanh = CircuitLayer.create(0, 8, 8, 1, 1, 4, 4, 4, 4, CircuitActivation.TANH, 0f,
                new int[] {127}, new long[] {0});
        for (int z = 0; z <= 1009; z++) {
            assertEquals(-tanh.activate(z), tanh.activate(-z)); // odd
            if (z > 0) {
                assertTrue(tanh.activate(z) >= tanh.activate(z - 1)); // monotone
                assertTrue(sigmoid.activate(z) >= sigmoid.activate(z - 1));
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tanh.activate(1010));
        assertEquals("layer 0: z outside the proven range ±1009", e.getMessage());
    }
}
