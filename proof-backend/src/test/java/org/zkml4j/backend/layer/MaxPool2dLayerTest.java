package org.zkml4j.backend.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.zkml4j.backend.field.Goldilocks;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.io.ProofWriter;
import org.zkml4j.backend.pcs.Claim;
import org.zkml4j.backend.transcript.Transcript;

/**
 * {@link MaxPool2dLayer} on its own: the witness is the window maximum, honest proofs reduce to
 * true claims, and the cheaters the issue names — a wrong max, a shifted window, a selector on a
 * padding tap — are caught by the protocol or leave a claim (or a lookup) false.
 */
class MaxPool2dLayerTest {
    /** 2 × 2 stride 2 on 6 rows; 3 × 3 stride 1 SAME on 5 columns (padding taps at the border). */
    static final int Q = 127;
    static final MaxPool2dLayer.Shape SHAPE = new MaxPool2dLayer.Shape(2, 3, new ConvAxis(6, 2, 2, 1, 0, 3),
            new ConvAxis(5, 3, 1, 1, 1, 5), Q, 0, 1, 2, 3);

    static long[] input(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        long[] x = new long[SHAPE.inputLength()];
        for (int b = 0; b < 2; b++) {
            for (int c = 0; c < 3; c++) {
                for (int h = 0; h < 6; h++) {
                    for (int w = 0; w < 5; w++) {
                        // all negative: a selected padding tap (value 0) would be a false max
                        x[((b * 4 + c) * 8 + h) * 8 + w] = Goldilocks.fromSigned(rng.nextInt(-120, -1));
                    }
                }
            }
        }
        return x;
    }

    @Test
    void witness_isTheMaximumOverTheTapsThatReadTheInput() {
        long[] x = input(1);
        MaxPool2dLayer.Witness w = MaxPool2dLayer.witness(SHAPE, x);
        for (int b = 0; b < 2; b++) {
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 3; y++) {
                    for (int xx = 0; xx < 5; xx++) {
                        long max = Long.MIN_VALUE;
                        for (int h = 2 * y; h < 2 * y + 2; h++) {
                            for (int ww = Math.max(0, xx - 1); ww <= Math.min(4, xx + 1); ww++) {
                                max = Math.max(max, Goldilocks.toSigned(x[((b * 4 + c) * 8 + h) * 8 + ww]));
                            }
                        }
                        assertEquals(max, Goldilocks.toSigned(w.z()[((b * 4 + c) * 4 + y) * 8 + xx]));
                    }
                }
            }
        }
    }

    @Test
    void honestProofs_verifyAndReduceToTrueClaims() throws InvalidProofException {
        long[] x = input(2);
        MaxPool2dLayer.Witness w = MaxPool2dLayer.witness(SHAPE, x);
        MaxPool2dLayer.ProverResult p = MaxPool2dLayer.prove(SHAPE, x, w, new Transcript("pool"));
        List<Claim> claims = MaxPool2dLayer.verify(SHAPE, roundTrip(p.proof()), new Transcript("pool"));
        assertEquals(p.claims(), claims);
        long[][] vectors = {x, w.z(), w.s(), w.d()};
        int[] order = {1, 3, 0, 2, 2, 3}; // Z, D, X, S (the selector count), S, D
        for (int k = 0; k < claims.size(); k++) {
            assertTrue(Conv2dLayerTest.holds(claims.get(k), vectors[order[k]]), "claim " + k);
        }
    }

    @Test
    void aWrongMaxIsCaught() throws InvalidProofException {
        long[] x = input(3);
        MaxPool2dLayer.Witness honest = MaxPool2dLayer.witness(SHAPE, x);
        // a larger "max" with consistent differences: every relation of the protocol holds, but the
        // selected difference is no longer zero
        long[] z = honest.z().clone();
        z[0] = Goldilocks.add(z[0], 1);
        MaxPool2dLayer.Witness bigger = new MaxPool2dLayer.Witness(z, honest.s(), differences(x, z));
        assertThrows(IllegalArgumentException.class, () -> MaxPool2dLayer.prove(SHAPE, x, bigger,
                new Transcript("pool")));
        // a smaller "max": its difference to the true maximum is negative, outside the range lookup
        long[] small = honest.z().clone();
        small[0] = Goldilocks.sub(small[0], 1);
        long[] dSmall = differences(x, small);
        assertTrue(java.util.stream.LongStream.of(dSmall).anyMatch(v -> Goldilocks.toSigned(v) < 0));
    }

    @Test
    void aSelectorOnAPaddingTapOrAShiftedWindowIsRefused() {
        long[] x = input(4);
        MaxPool2dLayer.Witness honest = MaxPool2dLayer.witness(SHAPE, x);
        // output (0, 0) of row 0, channel 0: its column tap 0 reads padding (x − 1 < 0); select it
        // with Z = 0 (the padding's value), above every negative input
        long[] z = honest.z().clone();
        long[] s = honest.s().clone();
        z[0] = 0;
        java.util.Arrays.fill(s, 0, 8, 0);
        s[0] = 1; // (i, j) = (0, 0): j = 0 is the padding column
        MaxPool2dLayer.Witness cheat = new MaxPool2dLayer.Witness(z, s, differences(x, z));
        assertThrows(IllegalArgumentException.class, () -> MaxPool2dLayer.prove(SHAPE, x, cheat,
                new Transcript("pool")));
        // a witness computed for a window shifted by one column does not fit the stated shape
        MaxPool2dLayer.Shape shifted = new MaxPool2dLayer.Shape(2, 3, SHAPE.rows(), new ConvAxis(5, 3, 1, 1, 0, 5),
                Q, 0, 1, 2, 3);
        MaxPool2dLayer.Witness other = MaxPool2dLayer.witness(shifted, x);
        assertThrows(IllegalArgumentException.class, () -> MaxPool2dLayer.prove(SHAPE, x, other,
                new Transcript("pool")));
    }

    @Test
    void mutatedBytesAndAnotherShapeAreRejected() {
        long[] x = input(5);
        MaxPool2dLayer.ProverResult p = MaxPool2dLayer.prove(SHAPE, x, MaxPool2dLayer.witness(SHAPE, x),
                new Transcript("pool"));
        MaxPool2dLayer.Shape other = new MaxPool2dLayer.Shape(2, 3, SHAPE.rows(), new ConvAxis(5, 3, 1, 1, 0, 5),
                Q, 0, 1, 2, 3);
        assertThrows(InvalidProofException.class, () -> MaxPool2dLayer.verify(other, p.proof(),
                new Transcript("pool")));
        ProofWriter out = new ProofWriter();
        p.proof().writeTo(out);
        byte[] bytes = out.toByteArray();
        SplittableRandom rng = new SplittableRandom(6);
        for (int trial = 0; trial < 1000; trial++) {
            byte[] bad = bytes.clone();
            int pos = rng.nextInt(bad.length);
            bad[pos] ^= (byte) (1 + rng.nextInt(255));
            try {
                ProofReader in = new ProofReader(bad);
                MaxPool2dLayer.Proof read = MaxPool2dLayer.Proof.read(in, SHAPE);
                in.expectEnd("max pool proof");
                MaxPool2dLayer.verify(SHAPE, read, new Transcript("pool"));
                fail("mutation at byte " + pos + " accepted");
            } catch (InvalidProofException expected) {
                // rejected with a reason
            }
        }
    }

    /** D = Z − G′ for any Z (−Q at padding taps): what a cheater sends to keep the gather relation true. */
    static long[] differences(long[] x, long[] z) {
        long[] d = new long[SHAPE.windowLength()];
        for (int b = 0; b < 2; b++) {
            for (int c = 0; c < 4; c++) {
                for (int y = 0; y < 4; y++) {
                    for (int xx = 0; xx < 8; xx++) {
                        int out = ((b * 4 + c) * 4 + y) * 8 + xx;
                        for (int i = 0; i < 2; i++) {
                            for (int j = 0; j < 4; j++) {
                                int h = SHAPE.rows().source(y, i), w = SHAPE.cols().source(xx, j);
                                long read = h >= 0 && w >= 0 ? x[((b * 4 + c) * 8 + h) * 8 + w]
                                        : Goldilocks.fromSigned(-Q);
                                d[out * 8 + i * 4 + j] = Goldilocks.sub(z[out], read);
                            }
                        }
                    }
                }
            }
        }
        return d;
    }

    static MaxPool2dLayer.Proof roundTrip(MaxPool2dLayer.Proof proof) throws InvalidProofException {
        ProofWriter out = new ProofWriter();
        proof.writeTo(out);
        ProofReader in = new ProofReader(out.toByteArray());
        MaxPool2dLayer.Proof read = MaxPool2dLayer.Proof.read(in, SHAPE);
        in.expectEnd("max pool proof");
        return read;
    }
}
