package org.zkml4j.backend.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.field.Goldilocks;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.pcs.Claim;
import org.zkml4j.backend.pcs.LinearFunctional;
import org.zkml4j.backend.poly.Multilinear;
import org.zkml4j.backend.sumcheck.Hiding;
import org.zkml4j.backend.sumcheck.SharedMasks;
import org.zkml4j.backend.transcript.Transcript;

/**
 * {@link DenseLayer} in hiding mode on its own, for shapes where the input or the output side is the larger
 * domain; the C1 claims are checked directly against the doubled vectors.
 */
class DenseLayerHidingTest {
    static long[] doubled(long[] v, SplittableRandom rng) {
        long[] out = java.util.Arrays.copyOf(v, 2 * v.length);
        for (int i = v.length; i < out.length; i++) {
            out[i] = org.zkml4j.backend.field.Ext.randomBase(rng);
        }
        return out;
    }

    record Proven(DenseLayerShape shape, long[][] c1, Hiding.Messages proof, List<Claim> claims) {}

    static Proven prove(DenseLayerShape shape, DenseLayerWitness w, boolean unsafe) {
        SplittableRandom rng = new SplittableRandom(9);
        long[][] c1 = {doubled(w.xRef(), rng), doubled(w.zRef(), rng), doubled(w.rRef(), rng)};
        SharedMasks masks = SharedMasks.sample(List.<int[]>of(DenseLayer.maskPlan(shape)), rng);
        Transcript t = new Transcript("zk-dense-test");
        DenseLayer.ProverResult res = unsafe
                ? DenseLayer.proveUnsafe(shape, c1[0], c1[1], c1[2], t, Hiding.masked(masks))
                : DenseLayer.prove(shape, c1[0], c1[1], c1[2], t, Hiding.masked(masks));
        return new Proven(shape, c1, res.proof(), res.claims());
    }

    static List<Claim> verify(DenseLayerShape shape, Hiding.Messages proof) throws InvalidProofException {
        return DenseLayer.verify(shape, proof, new Transcript("zk-dense-test"),
                Hiding.masked(SharedMasks.expect(List.<int[]>of(DenseLayer.maskPlan(shape))))).claims();
    }

    static DenseLayerWitness witness(int batch, int n0, int m0, int k) {
        Random rng = new Random(31L * batch + 7L * n0 + m0 + k);
        // C1 indices of the doubled vectors: x = 0, z = 1, r = 2
        DenseLayerShape s = DenseHarness.randomShape(batch, n0, m0, k, rng);
        DenseLayerShape shape = new DenseLayerShape(s.batch(), s.inputs(), s.outputs(), s.weights(), s.bias(), k,
                0, 1, 2);
        return DenseLayerWitness.compute(shape, DenseHarness.randomInput(shape, n0, rng));
    }

    @ParameterizedTest
    @CsvSource({"1, 40, 10, 7", "4, 12, 20, 5", "2, 3, 3, 0", "8, 64, 16, 9"})
    void honestProofVerifiesAndItsClaimsHoldOnTheDoubledVectors(int batch, int n0, int m0, int k)
            throws InvalidProofException {
        DenseLayerWitness w = witness(batch, n0, m0, k);
        Proven p = prove(w.shape(), w, false);
        List<Claim> claims = verify(p.shape(), p.proof());
        assertEquals(p.claims(), claims);
        for (Claim c : claims) {
            Ext[] point = ((LinearFunctional.MultilinearPoint) c.functional()).point();
            assertEquals(Multilinear.evaluate(p.c1()[c.vector()], point), c.value(), "claim on " + c.vector());
        }
    }

    @ParameterizedTest
    @CsvSource({"1, 40, 10, 7", "4, 12, 20, 5"})
    void falseWitnessIsRefusedByTheProverAndRejectedFromTheCheater(int batch, int n0, int m0, int k) {
        DenseLayerWitness w = witness(batch, n0, m0, k);
        long[] z = w.zRef().clone();
        z[1] = Goldilocks.add(z[1], 1);
        DenseLayerWitness bad = new DenseLayerWitness(w.shape(), w.xRef(), z, w.rRef());
        assertThrows(IllegalArgumentException.class, () -> prove(w.shape(), bad, false));
        Proven forged = prove(w.shape(), bad, true);
        InvalidProofException e = assertThrows(InvalidProofException.class, () -> verify(w.shape(), forged.proof()));
        assertTrue(e.getMessage().startsWith("dense sumcheck"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"4, 12, 20, 5"})
    void proofForOtherWeightsOrBiasIsRejected(int batch, int n0, int m0, int k) {
        DenseLayerWitness w = witness(batch, n0, m0, k);
        Proven p = prove(w.shape(), w, false);
        long[] weights = w.shape().weights();
        weights[3] = Goldilocks.add(weights[3], 1);
        DenseLayerShape otherWeights = new DenseLayerShape(w.shape().batch(), w.shape().inputs(), w.shape().outputs(),
                weights, w.shape().bias(), k, 0, 1, 2);
        assertThrows(InvalidProofException.class, () -> verify(otherWeights, p.proof()));
        long[] bias = w.shape().bias();
        bias[0] = Goldilocks.add(bias[0], 1);
        DenseLayerShape otherBias = new DenseLayerShape(w.shape().batch(), w.shape().inputs(), w.shape().outputs(),
                w.shape().weights(), bias, k, 0, 1, 2);
        assertThrows(InvalidProofException.class, () -> verify(otherBias, p.proof()));
    }

    /** The committed form of {@code w}'s shape (W′ at 0, b′ at 1 in the model commitment) and its doubled parameters. */
    record Committed(DenseLayerShape shape, DenseLayer.CommittedWeights model) {}

    static Committed committed(DenseLayerWitness w, SplittableRandom rng) {
        // the bias padded to 64 entries, longer than any test layer's m
        return new Committed(w.shape().committed(0, 1, w.shape().inputs(), 64), new DenseLayer.CommittedWeights(
                doubled(w.shape().weights(), rng), doubled(java.util.Arrays.copyOf(w.shape().bias(), 64), rng)));
    }

    static DenseLayer.ProverResult proveCommitted(Committed c, long[][] c1, boolean unsafe) {
        SharedMasks masks = SharedMasks.sample(List.<int[]>of(DenseLayer.maskPlan(c.shape())), new SplittableRandom(4));
        Transcript t = new Transcript("zk-dense-test");
        return unsafe ? DenseLayer.proveUnsafe(c.shape(), c.model(), c1[0], c1[1], c1[2], t, Hiding.masked(masks))
                : DenseLayer.prove(c.shape(), c.model(), c1[0], c1[1], c1[2], t, Hiding.masked(masks));
    }

    static DenseLayer.ProverResult verifyCommitted(DenseLayerShape shape, Hiding.Messages proof)
            throws InvalidProofException {
        return DenseLayer.verify(shape, proof, new Transcript("zk-dense-test"),
                Hiding.masked(SharedMasks.expect(List.<int[]>of(DenseLayer.maskPlan(shape)))));
    }

    static void assertHolds(List<Claim> claims, long[]... vectors) {
        for (Claim c : claims) {
            Ext[] point = ((LinearFunctional.MultilinearPoint) c.functional()).point();
            assertEquals(Multilinear.evaluate(vectors[c.vector()], point), c.value(), "claim on " + c.vector());
        }
    }

    @ParameterizedTest
    @CsvSource({"1, 40, 10, 7", "4, 12, 20, 5", "2, 3, 3, 0"})
    void committedWeights_honestProofVerifiesAndEveryClaimHolds(int batch, int n0, int m0, int k)
            throws InvalidProofException {
        DenseLayerWitness w = witness(batch, n0, m0, k);
        SplittableRandom rng = new SplittableRandom(2);
        Committed c = committed(w, rng);
        long[][] c1 = {doubled(w.xRef(), rng), doubled(w.zRef(), rng), doubled(w.rRef(), rng)};
        DenseLayer.ProverResult p = proveCommitted(c, c1, false);
        DenseLayer.ProverResult v = verifyCommitted(c.shape(), p.proof());
        assertEquals(p.claims(), v.claims());
        assertEquals(p.modelClaims(), v.modelClaims());
        assertEquals(2, v.modelClaims().size());
        assertHolds(v.claims(), c1);
        assertHolds(v.modelClaims(), c.model().weights2(), c.model().bias2());
        // a committed shape is proven with its committed parameters only
        assertThrows(IllegalArgumentException.class, () -> prove(c.shape(), w, false));
    }

    @ParameterizedTest
    @CsvSource({"4, 12, 20, 5"})
    void committedWeights_falseWitnessOrOtherWeightsAreCaught(int batch, int n0, int m0, int k)
            throws InvalidProofException {
        DenseLayerWitness w = witness(batch, n0, m0, k);
        SplittableRandom rng = new SplittableRandom(2);
        Committed c = committed(w, rng);
        long[] z = w.zRef().clone();
        z[1] = Goldilocks.add(z[1], 1);
        long[][] bad = {doubled(w.xRef(), rng), doubled(z, rng), doubled(w.rRef(), rng)};
        assertThrows(IllegalArgumentException.class, () -> proveCommitted(c, bad, false));
        DenseLayer.ProverResult forged = proveCommitted(c, bad, true);
        InvalidProofException e = assertThrows(InvalidProofException.class,
                () -> verifyCommitted(c.shape(), forged.proof()));
        assertTrue(e.getMessage().startsWith("dense sumcheck"), e.getMessage());
        // a prover that runs other weights (its witness consistent with them): the sumcheck passes,
        // but its claim on the model commitment is false for the committed W′
        long[] otherWeights = w.shape().weights();
        otherWeights[3] = Goldilocks.add(otherWeights[3], 1);
        DenseLayerShape otherShape = new DenseLayerShape(w.shape().batch(), w.shape().inputs(), w.shape().outputs(),
                otherWeights, w.shape().bias(), k, 0, 1, 2);
        DenseLayerWitness ow = DenseLayerWitness.compute(otherShape, w.xRef());
        long[] other = c.model().weights2().clone();
        other[3] = Goldilocks.add(other[3], 1);
        Committed cheat = new Committed(c.shape(), new DenseLayer.CommittedWeights(other, c.model().bias2()));
        long[][] c1 = {doubled(ow.xRef(), rng), doubled(ow.zRef(), rng), doubled(ow.rRef(), rng)};
        DenseLayer.ProverResult p = proveCommitted(cheat, c1, false);
        Claim weightClaim = verifyCommitted(c.shape(), p.proof()).modelClaims().get(0);
        Ext[] point = ((LinearFunctional.MultilinearPoint) weightClaim.functional()).point();
        assertEquals(Multilinear.evaluate(other, point), weightClaim.value());
        assertTrue(!Multilinear.evaluate(c.model().weights2(), point).equals(weightClaim.value()));
    }
}
