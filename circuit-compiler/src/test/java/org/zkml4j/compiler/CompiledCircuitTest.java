package org.zkml4j.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zkml4j.sdk.model.Activation;
import org.zkml4j.sdk.model.ModelGraph;

/** Canonical encoding, hash and decoding. */
class CompiledCircuitTest {

    /** A fixed circuit built from integer parameters only (no floating point involved). */
    static CompiledCircuit golden() {
        CircuitLayer l0 = CircuitLayer.create(0, 6, 4, 2, 3, 5, 3, 5, 3, CircuitActivation.LEAKY_RELU, 0.125f,
                new int[] {1, -2, 3, -4, 5, -6}, new long[] {-7, 8, 100});
        CircuitLayer l1 = CircuitLayer.create(1, 6, 4, 3, 2, 5, 2, 5, 2, CircuitActivation.IDENTITY, 0f,
                new int[] {7, 0, -7, 1, 1, 1}, new long[] {0, -1});
        return new CompiledCircuit(6, 4, 2, 5, true, List.of(l0, l1));
    }

    static CompiledCircuit compiledMlp(Activation act) {
        ModelGraph g = TestModels.mlp(21, 5, 4, 3, act, true);
        return CircuitCompiler.compile(g, TestModels.uniformRows(22, 16, 5, -1, 1));
    }

    @Test
    void canonicalBytes_headerLayout() {
        byte[] b = golden().canonicalBytes();
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("ZKMC", new String(b, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        buf.position(4);
        assertEquals(1, buf.getInt()); // version
        assertEquals(6, buf.getInt()); // B
        assertEquals(4, buf.getInt()); // Bw
        assertEquals(2, buf.getInt()); // input size
        assertEquals(5, buf.getInt()); // f_in
        assertEquals(1, buf.getInt()); // classifier
        assertEquals(2, buf.getInt()); // layers
        assertEquals(2, buf.getInt()); // layer 0 input size
        assertEquals(3, buf.getInt()); // output size
        assertEquals(5, buf.getInt()); // f_x
        assertEquals(3, buf.getInt()); // f_w
        assertEquals(5, buf.getInt()); // f_y
        assertEquals(3, buf.getInt()); // k
        assertEquals(2, buf.getInt()); // LEAKY_RELU
        assertEquals(Float.floatToRawIntBits(0.125f), buf.getInt());
        assertEquals(5, buf.getInt()); // f_a
        for (int w : new int[] {1, -2, 3, -4, 5, -6}) {
            assertEquals(w, buf.getInt());
        }
        for (long bias : new long[] {-7, 8, 100}) {
            assertEquals(bias, buf.getLong());
        }
        Bounds bd = golden().layer(0).bounds();
        assertEquals(bd.yMax(), buf.getLong());
        assertEquals(bd.zMax(), buf.getLong());
        assertEquals(bd.tableSize(), buf.getInt());
        assertEquals(new Bounds(441, 56, 113), bd); // (5 + 6)·31 + 100; ceil((441 + 4) / 8)
    }

    @Test
    void circuitHash_isStable() {
        // Golden value: changes only with a new encoding version.
        assertEquals("874106796bb2ef80d7f85f48a68dc1d69151043235dab1f45dbba49ff49d66f7", golden().circuitHashHex());
        assertEquals(golden().circuitHashHex(), HexFormat.of().formatHex(CompiledCircuit.sha256(golden().canonicalBytes())));
    }

    @Test
    void read_roundTripsEveryActivation() {
        for (Activation act : new Activation[] {Activation.relu(), Activation.leakyRelu(0.01f), Activation.sigmoid(),
                Activation.tanh(), Activation.identity()}) {
            CompiledCircuit c = compiledMlp(act);
            CompiledCircuit back = CompiledCircuit.read(c.canonicalBytes());
            assertEquals(c, back);
            assertArrayEquals(c.canonicalBytes(), back.canonicalBytes());
            assertArrayEquals(c.circuitHash(), back.circuitHash());
            assertEquals(c.toString(), back.toString());
            for (int l = 0; l < c.layers().size(); l++) {
                assertEquals(c.layer(l).toString(), back.layer(l).toString());
                assertArrayEquals(c.layer(l).table(), back.layer(l).table());
            }
        }
        assertEquals(golden(), CompiledCircuit.read(golden().canonicalBytes()));
    }

    @Test
    void accessors_returnCopies() {
        CompiledCircuit c = golden();
        c.canonicalBytes()[0] = 0;
        c.circuitHash()[0] ^= 1;
        c.layer(0).weightsFlat()[0] = 99;
        c.layer(0).weights()[0][0] = 99;
        c.layer(0).bias()[0] = 99;
        c.layer(0).table()[0] = 99;
        assertEquals(golden(), c);
        assertEquals(golden().circuitHashHex(), c.circuitHashHex());
        assertEquals(1, c.layer(0).weight(0, 0));
    }

    @Test
    void circuitHash_everySingleByteChangeAltersHashAndIsRejectedOrDistinct() {
        byte[] bytes = golden().canonicalBytes();
        byte[] hash = golden().circuitHash();
        int rejected = 0;
        for (int i = 0; i < bytes.length; i++) {
            for (int flip : new int[] {0x01, 0x80, 0xFF}) {
                byte[] m = bytes.clone();
                m[i] ^= (byte) flip;
                assertFalse(Arrays.equals(hash, CompiledCircuit.sha256(m)), "byte " + i);
                try {
                    CompiledCircuit other = CompiledCircuit.read(m);
                    assertFalse(Arrays.equals(hash, other.circuitHash()), "byte " + i);
                    assertArrayEquals(m, other.canonicalBytes()); // accepted bytes are canonical
                } catch (CircuitFormatException e) {
                    rejected++;
                }
            }
        }
        assertTrue(rejected > bytes.length, "most corruptions are caught by re-validation: " + rejected);
    }

    @Test
    void read_everyTruncationRejected() {
        byte[] bytes = golden().canonicalBytes();
        for (int n = 0; n < bytes.length; n++) {
            byte[] prefix = Arrays.copyOf(bytes, n);
            CircuitFormatException e = assertThrows(CircuitFormatException.class, () -> CompiledCircuit.read(prefix));
            assertTrue(e.getMessage().startsWith("malformed circuit: "), e.getMessage());
        }
    }

    @Test
    void read_malformedHeadersRejectedWithReason() {
        byte[] good = golden().canonicalBytes();
        assertMalformed(null, "malformed circuit: null input");
        assertMalformed(new byte[0], "malformed circuit: truncated while reading magic");
        byte[] b = good.clone();
        b[0] = 'X';
        assertMalformed(b, "malformed circuit: bad magic (expected \"ZKMC\")");
        assertMalformed(patchInt(good, 4, 3), "malformed circuit: unsupported version 3 (this reader supports 1 and 2)");
        assertMalformed(patchInt(good, 8, 3), "malformed circuit: bit widths B = 3, Bw = 4 out of range");
        assertMalformed(patchInt(good, 24, 2), "malformed circuit: unknown output kind 2");
        assertMalformed(patchInt(good, 28, 1 << 30), "malformed circuit: layer count 1073741824 outside [1, 4096]");
        assertMalformed(Arrays.copyOf(good, good.length + 1), "malformed circuit: 1 trailing bytes");
    }

    @Test
    void read_hostileLengthsRejectedBeforeAllocation() {
        byte[] good = golden().canonicalBytes();
        // layer 0 claims 2^24 × 2^24 weights: refused by the remaining-bytes check, nothing allocated
        byte[] b = patchInt(patchInt(good, 32, 1 << 24), 36, 1 << 24);
        assertMalformed(b, "malformed circuit: truncated while reading layer 0 parameters");
        assertMalformed(patchInt(good, 32, -1), "malformed circuit: layer 0 input size -1 outside [1, 16777216]");
    }

    @Test
    void read_inconsistentLayersRejected() {
        byte[] good = golden().canonicalBytes();
        int layer0 = 32; // first per-layer field
        assertMalformed(patchInt(good, 20, 4),
                "malformed circuit: layer 0 does not chain: expected input 2 values at f_x = 4, got 2 at f_x = 5");
        assertMalformed(patchInt(good, layer0 + 20, 1),
                "malformed circuit: layer 0: shift k = 1 differs from f_x + f_w − f_y = 3");
        assertMalformed(patchInt(good, layer0 + 24, 9), "malformed circuit: layer 0 unknown activation code 9");
        assertMalformed(patchInt(good, layer0 + 32, 6), "malformed circuit: layer 0 f_a = 6, expected 5 for LEAKY_RELU");
        int weights = layer0 + 36;
        assertMalformed(patchInt(good, weights, 8), "malformed circuit: layer 0: weight 8 outside ±7");
        int bounds = weights + 6 * 4 + 3 * 8;
        assertMalformed(patchLong(good, bounds, 440), "malformed circuit: layer 0: stored bounds "
                + "Bounds[yMax=440, zMax=56, tableSize=113] differ from the recomputed Bounds[yMax=441, zMax=56, tableSize=113]");
        assertMalformed(patchLong(good, bounds + 8, 55),
                "malformed circuit: layer 0 inconsistent bounds yMax=441, zMax=55, tableSize=113");
        int table = bounds + 20;
        assertMalformed(patchInt(good, table + 4 * 10, 5),
                "malformed circuit: layer 0 table entry 10 (z = -46) differs from LEAKY_RELU at this scale");
    }

    /** The golden circuit with layer 0's rows sign-flipped and permuted: same row sums |Wq|, bias, bounds. */
    static CompiledCircuit goldenOtherWeights() {
        CircuitLayer l0 = CircuitLayer.create(0, 6, 4, 2, 3, 5, 3, 5, 3, CircuitActivation.LEAKY_RELU, 0.125f,
                new int[] {-2, 1, 4, 3, 6, -5}, new long[] {-7, 8, 100});
        return new CompiledCircuit(6, 4, 2, 5, true, List.of(l0, golden().layer(1)));
    }

    // Version 2 offsets of the golden circuit's withheld form (the flags field shifts the header by 4).
    private static final int W_LAYER0 = 36, W_BIAS_BOUND = W_LAYER0 + 36, W_YMAX = W_BIAS_BOUND + 8,
            W_TABLE = W_YMAX + 20;

    @Test
    void withholdParameters_layout() {
        CompiledCircuit full = golden();
        CompiledCircuit w = full.withholdParameters();
        assertFalse(full.parametersWithheld());
        assertTrue(w.parametersWithheld());
        byte[] b = w.canonicalBytes();
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("ZKMC", new String(b, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(2, buf.getInt(4)); // version
        assertEquals(1, buf.getInt(8)); // flags: parameters withheld
        byte[] fullBytes = full.canonicalBytes();
        // the v1 header (B … layer count) and layer 0's structure follow unchanged
        assertArrayEquals(Arrays.copyOfRange(fullBytes, 8, 68), Arrays.copyOfRange(b, 12, W_BIAS_BOUND));
        assertEquals(100, buf.getLong(W_BIAS_BOUND)); // max |bq| of layer 0
        assertEquals(441, buf.getLong(W_YMAX));
        assertEquals(56, buf.getLong(W_YMAX + 8));
        assertEquals(113, buf.getInt(W_YMAX + 16));
        // the whole encoding is version 1's with a flags field and, per layer, the bias bound instead of
        // Wq and bq: layer 0's parameters are v1 bytes [68, 116), layer 1's [624, 664)
        ByteBuffer expected = ByteBuffer.allocate(fullBytes.length + 4 - 40 - 32).order(ByteOrder.LITTLE_ENDIAN);
        expected.put(fullBytes, 0, 4).putInt(2).putInt(1).put(fullBytes, 8, 60).putLong(100)
                .put(fullBytes, 116, 624 - 116).putLong(1).put(fullBytes, 664, fullBytes.length - 664);
        assertArrayEquals(expected.array(), b);
        assertEquals(100, w.layer(0).biasBound());
        assertEquals(1, w.layer(1).biasBound());
    }

    @Test
    void withholdParameters_hashIsStableAndDiffersFromFull() {
        // Golden value of the version 2 encoding; changes only with a new encoding version.
        assertEquals("2cde192045332f33c1ff5882e10ffb3673c5065c11b70ec8023b0fe9cd65b2f8", golden().withholdParameters().circuitHashHex());
        assertEquals(golden().withholdParameters(), golden().withholdParameters());
        assertNotEquals(golden().circuitHashHex(), golden().withholdParameters().circuitHashHex());
        assertNotEquals(golden(), golden().withholdParameters());
    }

    @Test
    void withholdParameters_idempotent() {
        CompiledCircuit w = golden().withholdParameters();
        assertSame(w, w.withholdParameters());
        assertEquals(w, CompiledCircuit.read(w.canonicalBytes()).withholdParameters());
    }

    @Test
    void withholdParameters_hashIndependentOfWeightsWithSameBounds() {
        CompiledCircuit a = golden(), b = goldenOtherWeights();
        assertNotEquals(a.circuitHashHex(), b.circuitHashHex());
        assertEquals(a.layer(0).bounds(), b.layer(0).bounds());
        assertEquals(a.withholdParameters(), b.withholdParameters());
        assertEquals(a.withholdParameters().circuitHashHex(), b.withholdParameters().circuitHashHex());
        // the bounds are part of the structure: weights that change yMax change the withheld hash
        CircuitLayer l0 = CircuitLayer.create(0, 6, 4, 2, 3, 5, 3, 5, 3, CircuitActivation.LEAKY_RELU, 0.125f,
                new int[] {1, -2, 3, -4, 5, -7}, new long[] {-7, 8, 100});
        CompiledCircuit c = new CompiledCircuit(6, 4, 2, 5, true, List.of(l0, golden().layer(1)));
        assertNotEquals(a.withholdParameters(), c.withholdParameters());
    }

    @Test
    void read_roundTripsWithheldEveryActivation() {
        for (Activation act : new Activation[] {Activation.relu(), Activation.leakyRelu(0.01f), Activation.sigmoid(),
                Activation.tanh(), Activation.identity()}) {
            CompiledCircuit c = compiledMlp(act);
            CompiledCircuit w = c.withholdParameters();
            CompiledCircuit back = CompiledCircuit.read(w.canonicalBytes());
            assertTrue(back.parametersWithheld());
            assertEquals(w, back);
            assertArrayEquals(w.circuitHash(), back.circuitHash());
            assertEquals(w.toString(), back.toString());
            assertEquals(c.classifier(), back.classifier());
            assertEquals(c.outputFracBits(), back.outputFracBits());
            for (int l = 0; l < c.layers().size(); l++) {
                CircuitLayer full = c.layer(l), read = back.layer(l);
                assertEquals(full.bounds(), read.bounds());
                assertEquals(full.biasBound(), read.biasBound());
                assertEquals(full.shift(), read.shift());
                assertArrayEquals(full.table(), read.table());
                assertEquals(full.activate(-full.bounds().zMax()), read.activate(-full.bounds().zMax()));
            }
        }
    }

    @Test
    void read_everyWithheldTruncationRejected() {
        byte[] bytes = golden().withholdParameters().canonicalBytes();
        for (int n = 0; n < bytes.length; n++) {
            byte[] prefix = Arrays.copyOf(bytes, n);
            CircuitFormatException e = assertThrows(CircuitFormatException.class, () -> CompiledCircuit.read(prefix));
            assertTrue(e.getMessage().startsWith("malformed circuit: "), e.getMessage());
        }
    }

    @Test
    void read_everyWithheldSingleByteChangeRejectedOrDistinct() {
        CompiledCircuit w = golden().withholdParameters();
        byte[] bytes = w.canonicalBytes();
        for (int i = 0; i < bytes.length; i++) {
            for (int flip : new int[] {0x01, 0x80, 0xFF}) {
                byte[] m = bytes.clone();
                m[i] ^= (byte) flip;
                try {
                    CompiledCircuit other = CompiledCircuit.read(m);
                    assertNotEquals(w, other, "byte " + i);
                    assertArrayEquals(m, other.canonicalBytes()); // accepted bytes are canonical
                } catch (CircuitFormatException e) {
                    assertTrue(e.getMessage().startsWith("malformed circuit: "), e.getMessage());
                }
            }
        }
    }

    @Test
    void read_withheldMalformedRejectedWithReason() {
        byte[] good = golden().withholdParameters().canonicalBytes();
        assertMalformed(patchInt(good, 8, 0),
                "malformed circuit: flags 0 invalid for version 2 (must be 1: parameters withheld)");
        assertMalformed(patchInt(good, 8, 3),
                "malformed circuit: flags 3 invalid for version 2 (must be 1: parameters withheld)");
        assertMalformed(patchInt(good, 4, 1), "malformed circuit: unknown output kind 5"); // read as v1: shifted fields
        assertMalformed(patchLong(good, W_BIAS_BOUND, -1), "malformed circuit: layer 0: negative bias bound -1");
        assertMalformed(patchLong(good, W_BIAS_BOUND, 442),
                "malformed circuit: layer 0: stored yMax = 441 outside [bias bound 442, n·Qw·Q + bias bound = 876]");
        assertMalformed(patchLong(good, W_YMAX, 535),
                "malformed circuit: layer 0: stored yMax = 535 outside [bias bound 100, n·Qw·Q + bias bound = 534]");
        assertMalformed(patchLong(good, W_YMAX, 400), "malformed circuit: layer 0: stored bounds "
                + "Bounds[yMax=400, zMax=56, tableSize=113] differ from those implied by yMax Bounds[yMax=400, zMax=51, tableSize=103]");
        assertMalformed(patchLong(good, W_YMAX + 8, 55),
                "malformed circuit: layer 0 inconsistent bounds yMax=441, zMax=55, tableSize=113");
        assertMalformed(patchInt(good, W_TABLE + 4 * 10, 5),
                "malformed circuit: layer 0 table entry 10 (z = -46) differs from LEAKY_RELU at this scale");
        assertMalformed(patchInt(good, W_LAYER0 + 20, 1),
                "malformed circuit: layer 0: shift k = 1 differs from f_x + f_w − f_y = 3");
        assertMalformed(Arrays.copyOf(good, good.length + 1), "malformed circuit: 1 trailing bytes");
    }

    @Test
    void read_withheldBiasBoundThatCouldWrapRejected() {
        byte[] good = golden().withholdParameters().canonicalBytes();
        long halfP = CircuitLayerTest.HALF_P;
        // 2·7·31 = 434 from the weights plus a bias bound of (p − 1)/2 − 433 exceeds (p − 1)/2 by one
        assertMalformed(patchLong(good, W_BIAS_BOUND, halfP - 433), "malformed circuit: layer 0: worst-case "
                + "accumulator |y| over any weights in ±7 and bias in ±9223372034707291727 = 9223372034707292161 "
                + "exceeds (p − 1)/2 = 9223372034707292160 (p = 2^64 − 2^32 + 1), so it could wrap modulo p;"
                + " use fewer weight or activation bits");
        // with the rounding offset 2^(k−1) = 4 the accumulator fits but y + 4 does not
        assertMalformed(patchLong(good, W_BIAS_BOUND, halfP - 434 - 3), "malformed circuit: layer 0: worst-case "
                + "rounded accumulator |y + 2^(k−1)| over any weights in ±7 and bias in ±9223372034707291723 = "
                + "9223372034707292161 exceeds (p − 1)/2 = 9223372034707292160 (p = 2^64 − 2^32 + 1), so it could"
                + " wrap modulo p; use fewer weight or activation bits");
        assertMalformed(patchLong(good, W_BIAS_BOUND, Long.MAX_VALUE), "malformed circuit: layer 0: worst-case "
                + "accumulator |y| over any weights in ±7 and bias in ±9223372036854775807 = 9223372036854776241 "
                + "exceeds (p − 1)/2 = 9223372034707292160 (p = 2^64 − 2^32 + 1), so it could wrap modulo p;"
                + " use fewer weight or activation bits");
    }

    @Test
    void read_withheldHugeLayerNeedsNoParameterMemory() {
        // 2^24 inputs: no weights are stored, so nothing proportional to n·m is allocated; the worst case
        // 2^24·7·31 + 100 cannot wrap, so the structure is valid
        byte[] b = patchInt(patchInt(golden().withholdParameters().canonicalBytes(), 20, 1 << 24), W_LAYER0, 1 << 24);
        CompiledCircuit c = CompiledCircuit.read(b);
        assertEquals(1 << 24, c.inputSize());
        assertTrue(c.parametersWithheld());
    }

    @Test
    void constructor_mixedWithheldLayersRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CompiledCircuit(6, 4, 2, 5,
                true, List.of(golden().layer(0), golden().layer(1).withheld())));
        assertEquals("layer 1 lacks parameters, unlike layer 0: withhold all or none", e.getMessage());
    }

    private static void assertMalformed(byte[] bytes, String message) {
        CircuitFormatException e = assertThrows(CircuitFormatException.class, () -> CompiledCircuit.read(bytes));
        assertEquals(message, e.getMessage());
    }

    private static byte[] patchInt(byte[] b, int offset, int v) {
        byte[] c = b.clone();
        ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, v);
        return c;
    }

    private static byte[] patchLong(byte[] b, int offset, long v) {
        byte[] c = b.clone();
        ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putLong(offset, v);
        return c;
    }

    @Test
    void equals_dependsOnContentOnly() {
        assertEquals(golden(), golden());
        assertEquals(golden().hashCode(), golden().hashCode());
        assertNotEquals(golden(), compiledMlp(Activation.relu()));
        assertEquals(5, golden().outputFracBits()); // identity keeps f_a = f_y
        assertEquals(2, golden().outputSize());
    }
}
