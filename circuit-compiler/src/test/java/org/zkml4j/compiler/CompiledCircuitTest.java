package org.zkml4j.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
        assertMalformed(patchInt(good, 4, 2), "malformed circuit: unsupported version 2 (this reader supports 1)");
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
