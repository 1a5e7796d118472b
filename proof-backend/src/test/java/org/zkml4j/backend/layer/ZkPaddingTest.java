package org.zkml4j.backend.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.field.Goldilocks;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.pcs.Claim;
import org.zkml4j.backend.pcs.LinearFunctional;
import org.zkml4j.backend.poly.Multilinear;
import org.zkml4j.backend.sumcheck.MaskedSumcheckProof;
import org.zkml4j.backend.sumcheck.SharedMasks;
import org.zkml4j.backend.transcript.Transcript;

/**
 * {@link ZkPadding} on its own: a committed 8 × 16 layer whose real block is 5 × 12 and whose bias
 * is padded to 32; claims checked directly against W′ and b′.
 */
class ZkPaddingTest {
    static final DenseLayerShape SHAPE = DenseLayerShape.committed(2, 16, 8, 4, 0, 1, 2, 0, 1, 16, 32);
    static final int REAL_OUT = 5, REAL_IN = 12;

    /** W′ and b′ with a random real block (and random halves), zero padding unless {@code dirty}. */
    static DenseLayer.CommittedWeights params(int dirtyWeight, int dirtyBias) {
        SplittableRandom rng = new SplittableRandom(3);
        long[] w = new long[2 * 8 * 16];
        long[] b = new long[2 * 32];
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 16; j++) {
                if (i < REAL_OUT && j < REAL_IN) {
                    w[i * 16 + j] = Goldilocks.fromSigned(rng.nextInt(-500, 500));
                }
            }
        }
        for (int i = 0; i < REAL_OUT; i++) {
            b[i] = Goldilocks.fromSigned(rng.nextInt(-500, 500));
        }
        for (int k = 128; k < w.length; k++) {
            w[k] = Ext.randomBase(rng);
        }
        for (int k = 32; k < b.length; k++) {
            b[k] = Ext.randomBase(rng);
        }
        if (dirtyWeight >= 0) {
            w[dirtyWeight] = 1;
        }
        if (dirtyBias >= 0) {
            b[dirtyBias] = 1;
        }
        return new DenseLayer.CommittedWeights(w, b);
    }

    static DenseLayer.ProverResult prove(DenseLayer.CommittedWeights p, boolean unsafe) {
        SharedMasks masks = SharedMasks.sample(List.<int[]>of(ZkPadding.maskPlan(SHAPE)), new SplittableRandom(5));
        Transcript t = new Transcript("zk-padding-test");
        return unsafe ? ZkPadding.proveUnsafe(SHAPE, REAL_OUT, REAL_IN, p, t, masks)
                : ZkPadding.prove(SHAPE, REAL_OUT, REAL_IN, p, t, masks);
    }

    static List<Claim> verify(DenseLayer.ProverResult p) throws InvalidProofException {
        return ZkPadding.verify(SHAPE, REAL_OUT, REAL_IN, (MaskedSumcheckProof) p.proof(), new Transcript("zk-padding-test"),
                SharedMasks.expect(List.<int[]>of(ZkPadding.maskPlan(SHAPE))));
    }

    @Test
    void zeroPaddingVerifiesAndTheClaimsHoldOnTheCommittedVectors() throws InvalidProofException {
        DenseLayer.CommittedWeights p = params(-1, -1);
        DenseLayer.ProverResult proof = prove(p, false);
        List<Claim> claims = verify(proof);
        assertEquals(proof.modelClaims(), claims);
        long[][] vectors = {p.weights2(), p.bias2()};
        for (Claim c : claims) {
            Ext[] point = ((LinearFunctional.MultilinearPoint) c.functional()).point();
            assertEquals(Multilinear.evaluate(vectors[c.vector()], point), c.value(), "claim on " + c.vector());
        }
    }

    @Test
    void aNonZeroPaddingEntryIsRefusedAndTheCheatersProofRejected() {
        // a hidden unit in padding row 6, an extra input read from padding column 13, a padded bias entry
        for (int[] dirty : new int[][] {{6 * 16 + 2, -1}, {1 * 16 + 13, -1}, {-1, 7}, {-1, 20}}) {
            DenseLayer.CommittedWeights p = params(dirty[0], dirty[1]);
            assertThrows(IllegalArgumentException.class, () -> prove(p, false));
            InvalidProofException e = assertThrows(InvalidProofException.class, () -> verify(prove(p, true)));
            assertTrue(e.getMessage().startsWith("padding sumcheck"), e.getMessage());
        }
    }

    @Test
    void aProofForOtherRealSizesIsRejected() {
        DenseLayer.ProverResult proof = prove(params(-1, -1), false);
        assertThrows(InvalidProofException.class, () -> ZkPadding.verify(SHAPE, REAL_OUT - 1, REAL_IN, (MaskedSumcheckProof) proof.proof(),
                new Transcript("zk-padding-test"), SharedMasks.expect(List.<int[]>of(ZkPadding.maskPlan(SHAPE)))));
        assertThrows(IllegalArgumentException.class, () -> ZkPadding.verify(SHAPE, 9, REAL_IN, (MaskedSumcheckProof) proof.proof(),
                new Transcript("zk-padding-test"), SharedMasks.expect(List.<int[]>of(ZkPadding.maskPlan(SHAPE)))));
    }
}
