package org.zkml4j.backend.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zkml4j.backend.layer.DenseHarness.assertClaimsTrue;
import static org.zkml4j.backend.layer.DenseHarness.assertRejected;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.zkml4j.backend.field.Goldilocks;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.pcs.Claim;
import org.zkml4j.backend.pcs.LinearFunctional;
import org.zkml4j.backend.sumcheck.Hiding;
import org.zkml4j.backend.transcript.Transcript;

/**
 * The dense layer in public mode ({@link Hiding#NONE}): completeness, integer semantics, and
 * forged witnesses against a real C1 commitment. The hiding mode: {@link DenseLayerHidingTest}.
 */
class DenseLayerTest {
    static Stream<Arguments> sizesAndShifts() {
        Stream.Builder<Arguments> s = Stream.builder();
        int[][] sizes = {{1, 4, 2}, {4, 16, 8}, {4, 13, 5}, {64, 784, 128}, {1, 1, 1}, {2, 1, 4}}; // (B, n₀, m₀); n₀, m₀ padded
        for (int[] size : sizes) {
            for (int k : new int[] {0, 1, 7, 16}) {
                s.add(Arguments.of(size[0], size[1], size[2], k));
            }
        }
        return s.build();
    }

    @ParameterizedTest(name = "B = {0}, n0 = {1}, m0 = {2}, k = {3}")
    @MethodSource("sizesAndShifts")
    void verify_honestProofAccepted(int batch, int n0, int m0, int k) throws InvalidProofException {
        Random rng = new Random(31L * batch + 7L * n0 + m0 + 1000L * k);
        DenseLayerShape shape = DenseHarness.randomShape(batch, n0, m0, k, rng);
        DenseLayerWitness w = DenseLayerWitness.compute(shape, DenseHarness.randomInput(shape, n0, rng));
        w.checkRelation();
        DenseHarness.Proven p = DenseHarness.prove(w, batch + n0 + k);
        assertEquals(3, p.claims().size());
        assertClaimsTrue(p.claims(), p.c1Vectors());
        assertEquals(p.claims(), DenseHarness.verifyAll(p));
        // X, Z, R in that order, at the shape's indices
        assertEquals(List.of(0, 1, 2), p.claims().stream().map(Claim::vector).toList());
    }

    @Test
    void verify_aPublicProofIsNotAHidingOne() {
        Random rng = new Random(5);
        DenseLayerShape shape = DenseHarness.randomShape(4, 16, 8, 7, rng);
        DenseLayerWitness w = DenseLayerWitness.compute(shape, DenseHarness.randomInput(shape, 16, rng));
        DenseHarness.Proven plain = DenseHarness.prove(w, 7);
        org.zkml4j.backend.sumcheck.SharedMasks masks = org.zkml4j.backend.sumcheck.SharedMasks.expect(
                List.of(DenseLayer.maskPlan(shape)));
        InvalidProofException e = assertThrows(InvalidProofException.class, () -> DenseLayer.verify(shape,
                plain.proof(), DenseHarness.transcript(DenseHarness.DOMAIN, plain.c1()), Hiding.masked(masks)));
        assertTrue(e.getMessage().contains("masked sumchecks"), e.getMessage());
    }

    @Test
    void verify_claimsUseTheShapesCommitmentIndices() throws InvalidProofException {
        // C1 = [other, R, X, Z]
        Random rng = new Random(9);
        DenseLayerShape s0 = DenseHarness.randomShape(2, 8, 4, 3, rng);
        DenseLayerShape shape = new DenseLayerShape(2, 8, 4, s0.weights(), s0.bias(), 3, 2, 3, 1);
        DenseLayerWitness w = DenseLayerWitness.compute(shape, DenseHarness.randomInput(shape, 8, rng));
        List<long[]> c1 = List.of(new long[64], w.rRef(), w.xRef(), w.zRef());
        DenseHarness.Proven p = DenseHarness.prove(shape, c1, w, 10, false);
        assertEquals(List.of(2, 3, 1), p.claims().stream().map(Claim::vector).toList());
        assertClaimsTrue(p.claims(), c1);
        DenseHarness.verifyAll(p);
    }

    @Test
    void claims_pointsFollowTheLayouts() throws InvalidProofException {
        // B = 4 (2 vars), n = 8 (3 vars), m = 2 (1 var): the sumcheck runs over max(3, 3) variables;
        // Z/R points are its first 1 + 2 coordinates, X its first 3 and then ρ_b
        Random rng = new Random(11);
        DenseLayerShape shape = DenseHarness.randomShape(4, 8, 2, 1, rng);
        DenseLayerWitness w = DenseLayerWitness.compute(shape, DenseHarness.randomInput(shape, 8, rng));
        DenseHarness.Proven p = DenseHarness.prove(w, 12);
        var x = ((LinearFunctional.MultilinearPoint) p.claims().get(0).functional()).point();
        var z = ((LinearFunctional.MultilinearPoint) p.claims().get(1).functional()).point();
        assertEquals(3, z.length);
        assertEquals(5, x.length);
        assertArrayEquals(java.util.Arrays.copyOf(z, 3), java.util.Arrays.copyOf(x, 3));
    }

    @Test
    void compute_roundsHalfUpAsInQuantizationSpec() {
        // one weight 1, k = 4: y = 8 → 1, y = −8 → 0, y = −1000 → −62 (docs/quantization.md §4.3)
        long[] ys = {8, -8, -1000, 7, 0};
        long[] expectedZ = {1, 0, -62, 0, 0};
        DenseLayerShape shape = DenseLayerShape.fromSigned(8, new long[][] {{1}}, new long[] {0}, 4);
        long[] x = new long[8];
        for (int b = 0; b < ys.length; b++) {
            x[b] = Goldilocks.fromSigned(ys[b]);
        }
        DenseLayerWitness w = DenseLayerWitness.compute(shape, x);
        for (int b = 0; b < ys.length; b++) {
            assertEquals(expectedZ[b], Goldilocks.toSigned(w.z()[b]), "z for y = " + ys[b]);
            long r = Goldilocks.toSigned(w.r()[b]);
            assertTrue(r >= 0 && r < 16);
            assertEquals(ys[b] + 8, 16 * expectedZ[b] + r);
        }
        // k = 0: z = y, r = 0
        DenseLayerShape s0 = DenseLayerShape.fromSigned(1, new long[][] {{3, -2}}, new long[] {5}, 0);
        DenseLayerWitness w0 = DenseLayerWitness.compute(s0, new long[] {Goldilocks.fromSigned(-4), 7});
        assertEquals(-12 - 14 + 5, Goldilocks.toSigned(w0.z()[0]));
        assertEquals(0, w0.r()[0]);
    }

    /** A valid witness with Z[b·m + i] shifted by dz and R by dr. */
    private static DenseLayerWitness shifted(DenseLayerWitness w, int index, long dz, long dr) {
        long[] z = w.z(), r = w.r();
        z[index] = Goldilocks.add(z[index], Goldilocks.fromSigned(dz));
        r[index] = Goldilocks.add(r[index], Goldilocks.fromSigned(dr));
        return new DenseLayerWitness(w.shape(), w.x(), z, r);
    }

    private static List<long[]> c1(DenseLayerWitness w) {
        return List.of(w.xRef(), w.zRef(), w.rRef());
    }

    private static DenseLayerWitness honest(int batch, int n, int m, int k, long seed) {
        Random rng = new Random(seed);
        DenseLayerShape shape = DenseHarness.randomShape(batch, n, m, k, rng);
        return DenseLayerWitness.compute(shape, DenseHarness.randomInput(shape, n, rng));
    }

    @ParameterizedTest(name = "k = {0}")
    @ValueSource(ints = {0, 7})
    void verify_outputOffByOneRejected(int k) {
        DenseLayerWitness w = honest(4, 16, 8, k, 20 + k);
        // Z + 1 with R adjusted by −2^k + 1: the integer equation is off by exactly one
        DenseLayerWitness bad = shifted(w, 13, 1, -(1L << k) + 1);
        assertThrows(IllegalArgumentException.class, bad::checkRelation);
        assertRejected(DenseHarness.prove(w.shape(), c1(bad), bad, 21, true), "Z off by one");
        // Z + 1, R unchanged: off by 2^k
        DenseLayerWitness bad2 = shifted(w, 0, 1, 0);
        assertRejected(DenseHarness.prove(w.shape(), c1(bad2), bad2, 22, true), "Z + 1");
    }

    @Test
    void verify_outputPlusOneWithRemainderMinusTwoToTheKAccepted() throws InvalidProofException {
        // documented: the range check 0 ≤ R < 2^k is the LogUp component's job, not this one's
        DenseLayerWitness w = honest(4, 16, 8, 7, 30);
        DenseLayerWitness alt = shifted(w, 5, 1, -(1L << 7));
        alt.checkRelation();
        DenseHarness.verifyAll(DenseHarness.prove(alt, 31));
    }

    @Test
    void verify_aCheaterIsCaughtByTheSumcheckEvenWithTrueClaims() {
        // the cheater proves what its tables sum to; the verifier's claimed sum is the public one
        DenseLayerWitness w = honest(4, 16, 8, 7, 40);
        DenseLayerWitness bad = shifted(w, 3, 1, 0);
        DenseHarness.Proven p = DenseHarness.prove(w.shape(), c1(bad), bad, 41, true);
        assertClaimsTrue(p.claims(), p.c1Vectors());
        InvalidProofException e = assertThrows(InvalidProofException.class, () -> DenseLayer.verify(p.shape(),
                p.proof(), DenseHarness.transcript(DenseHarness.DOMAIN, p.c1()), Hiding.NONE));
        assertTrue(e.getMessage().startsWith("dense sumcheck"), e.getMessage());
    }

    @Test
    void verify_inputRowsSwappedRejected() {
        DenseLayerWitness w = honest(4, 16, 8, 7, 50);
        long[] x = w.x();
        int n = w.shape().inputs();
        for (int j = 0; j < n; j++) { // swap batch rows 1 and 2
            long t = x[n + j];
            x[n + j] = x[2 * n + j];
            x[2 * n + j] = t;
        }
        DenseLayerWitness bad = new DenseLayerWitness(w.shape(), x, w.z(), w.r());
        assertRejected(DenseHarness.prove(w.shape(), c1(bad), bad, 51, true), "X rows swapped");
    }

    @Test
    void verify_inputOfAnotherSampleRejected() {
        DenseLayerWitness w = honest(1, 16, 8, 7, 60);
        long[] other = DenseHarness.randomInput(w.shape(), 16, new Random(61));
        DenseLayerWitness bad = new DenseLayerWitness(w.shape(), other, w.z(), w.r());
        assertRejected(DenseHarness.prove(w.shape(), c1(bad), bad, 62, true), "other input");
    }

    private static DenseLayerShape withWeight(DenseLayerShape s, int i, int j, long delta) {
        long[] w = s.weights();
        w[i * s.inputs() + j] = Goldilocks.add(w[i * s.inputs() + j], Goldilocks.fromSigned(delta));
        return new DenseLayerShape(s.batch(), s.inputs(), s.outputs(), w, s.bias(), s.shift(), s.inputVector(),
                s.outputVector(), s.remainderVector());
    }

    private static DenseLayerShape withBias(DenseLayerShape s, int i, long delta) {
        long[] b = s.bias();
        b[i] = Goldilocks.add(b[i], Goldilocks.fromSigned(delta));
        return new DenseLayerShape(s.batch(), s.inputs(), s.outputs(), s.weights(), b, s.shift(), s.inputVector(),
                s.outputVector(), s.remainderVector());
    }

    @Test
    void verify_proofForDifferentWeightsRejected() {
        DenseLayerWitness w = honest(4, 16, 8, 7, 70);
        DenseLayerShape other = withWeight(w.shape(), 3, 5, 1);
        DenseLayerWitness forOther = DenseLayerWitness.compute(other, w.x());
        // an honest proof for W′ is not a proof for W
        assertRejected(DenseHarness.prove(forOther, 73).withShape(w.shape()), "proof for W′");
    }

    @Test
    void verify_witnessOfDifferentWeightsRejected() {
        // Z, R computed with W′ (one weight changed by one, k = 0 so z changes), proven as W
        DenseLayerWitness w = honest(4, 16, 8, 0, 71);
        DenseLayerWitness forOther = DenseLayerWitness.compute(withWeight(w.shape(), 7, 15, 1), w.x());
        DenseLayerWitness bad = new DenseLayerWitness(w.shape(), forOther.x(), forOther.z(), forOther.r());
        assertThrows(IllegalArgumentException.class, bad::checkRelation);
        assertRejected(DenseHarness.prove(w.shape(), c1(bad), bad, 72, true), "witness for W′");
    }

    @Test
    void verify_proofForDifferentBiasRejected() {
        DenseLayerWitness w = honest(4, 16, 8, 7, 80);
        DenseLayerShape other = withBias(w.shape(), 2, 1);
        assertRejected(DenseHarness.prove(DenseLayerWitness.compute(other, w.x()), 83).withShape(w.shape()), "bias");
        // and the same witness claimed under a different bias
        assertRejected(DenseHarness.prove(w, 84).withShape(other), "bias at verification");
    }

    @Test
    void verify_witnessOfDifferentBiasRejected() {
        DenseLayerWitness w = honest(4, 16, 8, 0, 81);
        DenseLayerWitness forOther = DenseLayerWitness.compute(withBias(w.shape(), 0, -1), w.x());
        DenseLayerWitness bad = new DenseLayerWitness(w.shape(), forOther.x(), forOther.z(), forOther.r());
        assertRejected(DenseHarness.prove(w.shape(), c1(bad), bad, 82, true), "witness for b′");
    }

    @Test
    void verify_differentShiftRejected() {
        DenseLayerWitness w = honest(4, 16, 8, 7, 85);
        DenseLayerShape s = w.shape();
        DenseLayerShape other = new DenseLayerShape(s.batch(), s.inputs(), s.outputs(), s.weights(), s.bias(), 6, 0, 1, 2);
        assertRejected(DenseHarness.prove(w, 86).withShape(other), "shift");
    }

    @Test
    void verify_differentTranscriptDomainRejected() throws InvalidProofException {
        DenseLayerWitness w = honest(4, 16, 8, 7, 90);
        DenseHarness.Proven p = DenseHarness.prove(w.shape(), c1(w), w, 91, false);
        DenseHarness.verifyAll(p);
        assertThrows(InvalidProofException.class, () -> DenseHarness.verifyAll(p, "zkml4j/other"));
    }

    @Test
    void prove_falseWitnessRefusedNamingTheEntry() {
        DenseLayerWitness w = honest(4, 16, 8, 7, 100);
        DenseLayerWitness bad = shifted(w, 2 * 8 + 6, 0, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DenseLayer.prove(bad.shape(),
                bad.xRef(), bad.zRef(), bad.rRef(), new Transcript(DenseHarness.DOMAIN), Hiding.NONE));
        assertTrue(e.getMessage().contains("batch row 2, output 6"), e.getMessage());
    }

    @Test
    void soundness_atLeast100BitsForTheMnistLayer() {
        DenseLayerShape shape = DenseHarness.randomShape(64, 784, 128, 7, new Random(1));
        double pcsBits = DenseHarness.PCS.soundnessBits(64 * 1024, 64 * 128, 64 * 128);
        double bits = DenseLayer.soundnessBits(shape, false, pcsBits);
        assertTrue(bits >= 100 && bits <= pcsBits, "bits " + bits);
        // (log B + log m + 2·c)/|K| with c = max(10, 6 + 7) = 13: 39/2^128
        assertEquals(128 - Math.log(39) / Math.log(2), DenseLayer.soundnessBits(shape, false, 1000), 0.01);
        assertTrue(DenseLayer.soundnessBits(shape, true, 1000) < DenseLayer.soundnessBits(shape, false, 1000));
    }
}
