package org.zkml4j.backend.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zkml4j.backend.field.Goldilocks;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.sumcheck.Hiding;

/** Encoding round trip, tampering with every proof element, malformed bytes, shape validation. */
class DenseLayerProofTest {
    private static DenseHarness.Proven honest(int batch, int n, int m, int k, long seed) {
        Random rng = new Random(seed);
        DenseLayerShape shape = DenseHarness.randomShape(batch, n, m, k, rng);
        DenseLayerWitness w = DenseLayerWitness.compute(shape, DenseHarness.randomInput(shape, n, rng));
        return DenseHarness.prove(shape, List.of(w.xRef(), w.zRef(), w.rRef()), w, seed + 1, false);
    }

    @Test
    void read_roundTripVerifies() throws InvalidProofException {
        DenseHarness.Proven p = honest(4, 16, 8, 7, 1);
        byte[] b = DenseHarness.bytes(p.proof());
        DenseHarness.readAndVerify(p, b);
        // c = max(log 16, log 4 + log 8) = 5 rounds of 3 values (degree 2), 5 final evaluations
        assertEquals((5 * 3 + 5) * 16, b.length);
    }

    /** Every 16-byte extension element of a plain proof, each changed by one → rejected. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 16})
    void verify_everyTamperedElementRejected(int k) throws InvalidProofException {
        DenseHarness.Proven p = honest(4, 16, 8, k, 10 + k);
        byte[] b = DenseHarness.bytes(p.proof());
        DenseHarness.readAndVerify(p, b);
        int elements = b.length / 16;
        assertEquals(20, elements);
        for (int e = 0; e < elements; e++) {
            for (int part = 0; part < 2; part++) { // real part, then x-part
                byte[] t = b.clone();
                int off = 16 * e + 8 * part;
                long v = Goldilocks.decode(t, off);
                Goldilocks.encode(Goldilocks.add(v, 1), t, off);
                int element = e;
                assertThrows(InvalidProofException.class, () -> DenseHarness.readAndVerify(p, t),
                        "element " + element + " part " + part);
            }
        }
    }

    @Test
    void verify_sumcheckOverOtherWeightsRejectedByTheWeightCheck() throws InvalidProofException {
        // a prover states W but runs the sumcheck with W′ (one weight changed) and a witness that
        // is honest for W′: every round is consistent, only the verifier's own W̃(ρ_i, r) catches it
        Random rng = new Random(20);
        DenseLayerShape stated = DenseHarness.randomShape(4, 16, 8, 0, rng);
        long[] x = DenseHarness.randomInput(stated, 16, rng);
        long[] w2 = stated.weights();
        w2[5 * 16 + 9] = Goldilocks.add(w2[5 * 16 + 9], 1);
        DenseLayerShape used = DenseLayerShape.contiguous(4, 16, 8, w2, stated.bias(), 0);
        DenseLayerWitness w = DenseLayerWitness.compute(used, x);
        java.util.SplittableRandom srng = new java.util.SplittableRandom(21);
        org.zkml4j.backend.pcs.ProverData c1 = DenseHarness.PCS.commit(List.of(w.xRef(), w.zRef(), w.rRef()), srng);
        var t = DenseHarness.transcript(DenseHarness.DOMAIN, c1.commitment());
        DenseLayer.ProverResult res = DenseLayer.prove(used, w.xRef(), w.zRef(), w.rRef(), t, Hiding.NONE);
        InvalidProofException e = assertThrows(InvalidProofException.class, () -> DenseLayer.verify(stated,
                res.proof(), DenseHarness.transcript(DenseHarness.DOMAIN, c1.commitment()), Hiding.NONE));
        assertTrue(e.getMessage().startsWith("dense"), e.getMessage());
        // the same proof verifies against the shape actually used
        DenseLayer.verify(used, res.proof(), DenseHarness.transcript(DenseHarness.DOMAIN, c1.commitment()),
                Hiding.NONE);
    }

    @Test
    void read_truncatedAndTrailingBytesRejected() {
        DenseHarness.Proven p = honest(2, 8, 4, 3, 40);
        byte[] b = DenseHarness.bytes(p.proof());
        for (int len = 0; len < b.length; len++) {
            byte[] t = Arrays.copyOf(b, len);
            expectOnlyInvalidProof(p, t, "truncated to " + len);
        }
        expectOnlyInvalidProof(p, Arrays.copyOf(b, b.length + 1), "trailing byte");
    }

    @Test
    void read_garbageBytesRejectedOnlyWithInvalidProof() {
        DenseHarness.Proven p = honest(2, 8, 4, 3, 50);
        int len = DenseHarness.bytes(p.proof()).length;
        Random rng = new Random(51);
        for (int trial = 0; trial < 60; trial++) {
            byte[] g = new byte[trial < 30 ? len : rng.nextInt(2 * len + 1)];
            rng.nextBytes(g);
            if (trial % 3 == 0) { // mostly canonical elements, so parsing gets further
                for (int off = 0; off + 8 <= g.length; off += 8) {
                    g[off + 7] &= 0x7F;
                }
            }
            expectOnlyInvalidProof(p, g, "garbage trial " + trial);
        }
        // a non-canonical first round value
        byte[] b = DenseHarness.bytes(p.proof());
        Arrays.fill(b, 0, 8, (byte) 0xFF);
        expectOnlyInvalidProof(p, b, "non-canonical element");
    }

    private static void expectOnlyInvalidProof(DenseHarness.Proven p, byte[] bytes, String what) {
        try {
            DenseHarness.readAndVerify(p, bytes);
            fail(what + ": accepted");
        } catch (InvalidProofException expected) {
            // the only allowed outcome
        } catch (RuntimeException e) {
            fail(what + ": " + e, e);
        }
    }

    @Test
    void read_sizesComeFromTheShape() throws InvalidProofException {
        DenseHarness.Proven p = honest(2, 8, 4, 3, 60);
        byte[] b = DenseHarness.bytes(p.proof());
        Hiding.Messages read = DenseLayer.readProof(new ProofReader(b), p.shape(), Hiding.NONE);
        assertEquals(Arrays.toString(b), Arrays.toString(DenseHarness.bytes(read)));
        // a shape with four times the inputs needs more bytes than there are
        DenseLayerShape bigger = DenseHarness.randomShape(2, 32, 4, 3, new Random(61));
        assertThrows(InvalidProofException.class, () -> DenseLayer.readProof(new ProofReader(b), bigger, Hiding.NONE));
    }

    @Test
    void shape_digestBindsWeightsAndBias() {
        DenseLayerShape s = DenseHarness.randomShape(2, 8, 4, 3, new Random(70));
        DenseLayerShape same = DenseLayerShape.contiguous(2, 8, 4, s.weights(), s.bias(), 3);
        assertEquals(s, same);
        assertTrue(Arrays.equals(s.parameterDigest(), same.parameterDigest()));
        long[] w = s.weights();
        w[31] = Goldilocks.add(w[31], 1);
        long[] b = s.bias();
        b[3] = Goldilocks.sub(b[3], 1);
        assertTrue(!Arrays.equals(s.parameterDigest(), DenseLayerShape.contiguous(2, 8, 4, w, s.bias(), 3).parameterDigest()));
        assertTrue(!Arrays.equals(s.parameterDigest(), DenseLayerShape.contiguous(2, 8, 4, s.weights(), b, 3).parameterDigest()));
        // same elements, transposed dimensions: a different statement
        DenseLayerShape wide = DenseLayerShape.contiguous(2, 16, 2, s.weights(), new long[2], 3);
        DenseLayerShape tall = DenseLayerShape.contiguous(2, 2, 16, s.weights(), new long[16], 3);
        assertTrue(!Arrays.equals(wide.parameterDigest(), tall.parameterDigest()));
    }

    @Test
    void shape_invalidArgumentsRefused() {
        long[] w8 = new long[8], b2 = new long[2];
        assertThrows(IllegalArgumentException.class, () -> DenseLayerShape.contiguous(3, 4, 2, w8, b2, 1));
        assertThrows(IllegalArgumentException.class, () -> DenseLayerShape.contiguous(1, 3, 2, new long[6], b2, 1));
        assertThrows(IllegalArgumentException.class, () -> DenseLayerShape.contiguous(1, 4, 2, w8, b2, 17));
        assertThrows(IllegalArgumentException.class, () -> DenseLayerShape.contiguous(1, 4, 2, w8, b2, -1));
        assertThrows(IllegalArgumentException.class, () -> DenseLayerShape.contiguous(1, 4, 2, new long[7], b2, 1));
        assertThrows(IllegalArgumentException.class, () -> DenseLayerShape.contiguous(1, 4, 2, w8, new long[1], 1));
        long[] bad = new long[8];
        bad[3] = Goldilocks.P;
        assertThrows(IllegalArgumentException.class, () -> DenseLayerShape.contiguous(1, 4, 2, bad, b2, 1));
        assertThrows(IllegalArgumentException.class, () -> new DenseLayerShape(1, 4, 2, w8, b2, 1, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new DenseLayerShape(1, 4, 2, w8, b2, 1, 0, -1, 2));
        assertThrows(IllegalArgumentException.class, () -> new DenseLayerShape(1 << 20, 1 << 10, 2, new long[2048], b2, 1, 0, 1, 2));
        assertThrows(IllegalArgumentException.class,
                () -> DenseLayerShape.fromSigned(1, new long[][] {{1, 2}, {3}}, new long[2], 0));
        DenseLayerShape s = DenseLayerShape.fromSigned(2, new long[][] {{1, -2, 3}}, new long[] {-4}, 2);
        assertEquals(4, s.inputs());
        assertEquals(1, s.outputs());
        assertEquals(Goldilocks.fromSigned(-2), s.weight(0, 1));
        assertEquals(0, s.weight(0, 3));
        assertEquals(2, s.roundingConstant());
        // the witness must fit the shape
        assertThrows(IllegalArgumentException.class, () -> new DenseLayerWitness(s, new long[7], new long[2], new long[2]));
        assertThrows(IllegalArgumentException.class, () -> new DenseLayerWitness(s, new long[8], new long[3], new long[2]));
        long[] nonCanonical = new long[2];
        nonCanonical[1] = -1L;
        assertThrows(IllegalArgumentException.class, () -> new DenseLayerWitness(s, new long[8], new long[2], nonCanonical));
    }
}
