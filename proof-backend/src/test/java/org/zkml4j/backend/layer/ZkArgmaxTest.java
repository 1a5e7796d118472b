package org.zkml4j.backend.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import org.zkml4j.sdk.Logits;

/**
 * {@link ZkArgmax} on its own: margins of a small logit grid (3 real rows of 5 logits in a 4 × 8
 * grid, with ties), claims checked directly against the doubled vectors. Logical vectors: logits
 * 0, margins 1.
 */
class ZkArgmaxTest {
    static final long Q = 100;
    /** Row 1 ties at 0 and 3 (class 0); row 2 ties at 2 and 4 (class 2). */
    static final int[][] LOGITS = {{-5, 17, 3, 16, -100}, {40, -2, 7, 40, 0}, {1, 2, 99, -99, 99}};
    static final int[] CLASSES = {1, 0, 2};

    static long[] grid(int[][] rows) {
        long[] a = new long[4 * 8];
        for (int b = 0; b < rows.length; b++) {
            for (int j = 0; j < rows[b].length; j++) {
                a[b * 8 + j] = Goldilocks.fromSigned(rows[b][j]);
            }
        }
        return a;
    }

    static ZkArgmax.Shape shape(int[] classes) {
        return new ZkArgmax.Shape(4, 8, 5, classes, Q, 0, 1);
    }

    record Proven(long[][] c1, DenseLayer.ProverResult result) {}

    static Proven prove(int[] classes, long[] margins, boolean unsafe) {
        SplittableRandom rng = new SplittableRandom(5);
        long[][] c1 = {DenseLayerHidingTest.doubled(grid(LOGITS), rng), DenseLayerHidingTest.doubled(margins, rng)};
        ZkArgmax.Shape shape = shape(classes);
        SharedMasks masks = SharedMasks.sample(List.<int[]>of(ZkArgmax.maskPlan(shape)), rng);
        Transcript t = new Transcript("zk-argmax-test");
        return new Proven(c1, unsafe ? ZkArgmax.proveUnsafe(shape, c1[0], c1[1], t, masks)
                : ZkArgmax.prove(shape, c1[0], c1[1], t, masks));
    }

    static List<Claim> verify(int[] classes, Proven p) throws InvalidProofException {
        ZkArgmax.Shape shape = shape(classes);
        return ZkArgmax.verify(shape, (MaskedSumcheckProof) p.result().proof(), new Transcript("zk-argmax-test"),
                SharedMasks.expect(List.<int[]>of(ZkArgmax.maskPlan(shape))));
    }

    @Test
    void marginsAreInRangeExactlyForTheArgmaxWithTiesToTheLowestIndex() {
        long[] e = ZkArgmax.margins(shape(CLASSES), grid(LOGITS));
        for (long v : e) {
            long s = Goldilocks.toSigned(v);
            assertTrue(s >= -Q && s <= Q, "margin " + s);
        }
        assertEquals(-Q, Goldilocks.toSigned(e[3 * 8 + 2]), "padding rows hold −Q");
        assertEquals(-Q, Goldilocks.toSigned(e[6]), "padding columns hold −Q");
        // row 1 claimed as its later tie (3): the earlier tie gives margin −1 − Q
        long[] tie = ZkArgmax.margins(shape(new int[] {1, 3, 2}), grid(LOGITS));
        assertEquals(-Q - 1, Goldilocks.toSigned(tie[8]));
        // row 0 claimed as class 3 (16 < 17, and column 1 comes first): margin −2 − Q at column 1
        long[] wrong = ZkArgmax.margins(shape(new int[] {3, 0, 2}), grid(LOGITS));
        assertEquals(-Q - 2, Goldilocks.toSigned(wrong[1]));
    }

    @Test
    void honestProofVerifiesAndItsClaimsHoldOnTheDoubledVectors() throws InvalidProofException {
        Proven p = prove(CLASSES, ZkArgmax.margins(shape(CLASSES), grid(LOGITS)), false);
        List<Claim> claims = verify(CLASSES, p);
        assertEquals(p.result().claims(), claims);
        assertArrayEquals(new int[] {1, 0}, claims.stream().mapToInt(Claim::vector).toArray());
        for (Claim c : claims) {
            Ext[] point = ((LinearFunctional.MultilinearPoint) c.functional()).point();
            assertEquals(Multilinear.evaluate(p.c1()[c.vector()], point), c.value(), "claim on " + c.vector());
        }
    }

    @Test
    void marginsThatAreNotThoseOfTheLogitsAreRefusedAndRejected() {
        // all-zero margins are in range for any class: only the linear relation can catch them
        long[] zeros = new long[32];
        assertThrows(IllegalArgumentException.class, () -> prove(CLASSES, zeros, false));
        Proven forged = prove(CLASSES, zeros, true);
        InvalidProofException e = assertThrows(InvalidProofException.class, () -> verify(CLASSES, forged));
        assertTrue(e.getMessage().startsWith("argmax sumcheck"), e.getMessage());
    }

    @Test
    void proofForOtherClassesIsRejected() {
        Proven p = prove(CLASSES, ZkArgmax.margins(shape(CLASSES), grid(LOGITS)), false);
        assertThrows(InvalidProofException.class, () -> verify(new int[] {1, 3, 2}, p));
        assertThrows(InvalidProofException.class, () -> verify(new int[] {1, 0}, p));
    }

    @Test
    void shapeRejectsClassesOutsideTheOutputs() {
        assertThrows(IllegalArgumentException.class, () -> shape(new int[] {5, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> shape(new int[] {-1}));
        assertThrows(IllegalArgumentException.class, () -> shape(new int[5]));
    }
}
