package org.zkml4j.backend.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.field.Goldilocks;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.io.ProofWriter;
import org.zkml4j.backend.pcs.Claim;
import org.zkml4j.backend.pcs.LinearFunctional;
import org.zkml4j.backend.poly.Multilinear;
import org.zkml4j.backend.transcript.Transcript;

/**
 * {@link Conv2dLayer} on its own: the relation against a convolution written from its definition
 * (explicitly zero-padded image), honest proofs whose claims are the vectors' true evaluations, and
 * cheaters — another output, other weights, a shifted window, mutated bytes — rejected.
 */
class Conv2dLayerTest {
    /** 3 → 2 channels, rows: 7 inputs, 3 taps, stride 2, padding 1; cols: 6 inputs, 2 taps, dilation 2. */
    static final ConvAxis ROWS = new ConvAxis(7, 3, 2, 1, 1, 4);
    static final ConvAxis COLS = new ConvAxis(6, 2, 1, 2, 0, 4);

    record Case(Conv2dShape shape, long[][][][] w, long[] bias, long[] x, long[] z, long[] r) {}

    static Case randomCase(long seed, int batch, int in, int out, ConvAxis rows, ConvAxis cols, int shift) {
        SplittableRandom rng = new SplittableRandom(seed);
        long[][][][] w = new long[out][in][rows.kernel()][cols.kernel()];
        for (long[][][] a : w) {
            for (long[][] b : a) {
                for (long[] c : b) {
                    for (int j = 0; j < c.length; j++) {
                        c[j] = rng.nextInt(-64, 65);
                    }
                }
            }
        }
        long[] bias = rng.longs(out, -500, 500).toArray();
        Conv2dShape shape = Conv2dShape.fromSigned(batch, w, bias, shift, rows, cols, 0, 1, 2);
        long[] x = new long[shape.inputLength()];
        int hp = rows.paddedInputs(), wp = cols.paddedInputs(), cp = shape.inChannels();
        for (int b = 0; b < batch; b++) {
            for (int c = 0; c < in; c++) {
                for (int h = 0; h < rows.inputs(); h++) {
                    for (int ww = 0; ww < cols.inputs(); ww++) {
                        x[((b * cp + c) * hp + h) * wp + ww] = Goldilocks.fromSigned(rng.nextInt(-127, 128));
                    }
                }
            }
        }
        long[][] zr = shape.apply(x);
        return new Case(shape, w, bias, x, zr[0], zr[1]);
    }

    static Case standard() {
        return randomCase(1, 2, 3, 2, ROWS, COLS, 6);
    }

    @Test
    void apply_isTheConvolutionOfTheZeroPaddedImage() {
        Case k = standard();
        ConvAxis rows = ROWS, cols = COLS;
        int padBottom = 8, padRight = 8; // enough for every tap of every output
        for (int b = 0; b < 2; b++) {
            for (int o = 0; o < 2; o++) {
                for (int y = 0; y < rows.outputs(); y++) {
                    for (int x = 0; x < cols.outputs(); x++) {
                        long[][][] image = new long[3][rows.padBefore() + rows.inputs() + padBottom][cols.padBefore()
                                + cols.inputs() + padRight];
                        for (int c = 0; c < 3; c++) {
                            for (int h = 0; h < rows.inputs(); h++) {
                                for (int ww = 0; ww < cols.inputs(); ww++) {
                                    image[c][h + rows.padBefore()][ww + cols.padBefore()] = Goldilocks.toSigned(
                                            k.x()[((b * 4 + c) * 8 + h) * 8 + ww]);
                                }
                            }
                        }
                        long acc = k.bias()[o] + 32;
                        for (int c = 0; c < 3; c++) {
                            for (int i = 0; i < rows.kernel(); i++) {
                                for (int j = 0; j < cols.kernel(); j++) {
                                    acc += k.w()[o][c][i][j] * image[c][y * rows.stride() + i * rows.dilation()][x
                                            * cols.stride() + j * cols.dilation()];
                                }
                            }
                        }
                        int at = ((b * 2 + o) * 4 + y) * 4 + x;
                        assertEquals(Math.floorDiv(acc, 64), Goldilocks.toSigned(k.z()[at]), "z at " + at);
                        assertEquals(Math.floorMod(acc, 64), Goldilocks.toSigned(k.r()[at]), "r at " + at);
                    }
                }
            }
        }
    }

    @Test
    void honestProofs_verifyAndReduceToTrueClaims() throws InvalidProofException {
        for (Case k : List.of(standard(), randomCase(2, 1, 1, 3, ConvAxis.valid(8, 5), ConvAxis.valid(8, 5), 4),
                randomCase(3, 4, 2, 4, new ConvAxis(5, 3, 1, 1, 1, 5), new ConvAxis(5, 3, 1, 1, 1, 5), 0))) {
            Conv2dLayer.ProverResult p = Conv2dLayer.prove(k.shape(), k.x(), k.z(), k.r(), new Transcript("conv"));
            List<Claim> claims = Conv2dLayer.verify(k.shape(), roundTrip(k.shape(), p.proof()), new Transcript("conv"));
            assertEquals(p.claims(), claims);
            assertTrue(holds(claims.get(0), k.z()) && holds(claims.get(1), k.r()) && holds(claims.get(2), k.x()));
        }
    }

    @Test
    void aFalseOutputIsRefusedByTheProverAndCaughtAtTheOpening() throws InvalidProofException {
        Case k = standard();
        long[] z = k.z().clone();
        z[5] = Goldilocks.add(z[5], 1);
        assertThrows(IllegalArgumentException.class,
                () -> Conv2dLayer.prove(k.shape(), k.x(), z, k.r(), new Transcript("conv")));
        Conv2dLayer.ProverResult cheat = Conv2dLayer.proveUnsafe(k.shape(), k.x(), z, k.r(), new Transcript("conv"));
        List<Claim> claims = Conv2dLayer.verify(k.shape(), cheat.proof(), new Transcript("conv"));
        assertTrue(!holds(claims.get(0), z) || !holds(claims.get(1), k.r()) || !holds(claims.get(2), k.x()),
                "every claim of the cheater holds");
    }

    @Test
    void otherWeightsOrAShiftedWindowAreRejected() throws InvalidProofException {
        Case k = standard();
        Conv2dLayer.ProverResult p = Conv2dLayer.prove(k.shape(), k.x(), k.z(), k.r(), new Transcript("conv"));
        long[][][][] w = k.w().clone();
        w[1] = w[1].clone();
        w[1][2] = w[1][2].clone();
        w[1][2][1] = w[1][2][1].clone();
        w[1][2][1][0] += 1;
        Conv2dShape other = Conv2dShape.fromSigned(2, w, k.bias(), 6, ROWS, COLS, 0, 1, 2);
        assertThrows(InvalidProofException.class, () -> Conv2dLayer.verify(other, p.proof(), new Transcript("conv")));
        // the outputs of a window shifted by one row (padding 0 instead of 1) do not satisfy the stated shape
        Conv2dShape shifted = Conv2dShape.fromSigned(2, k.w(), k.bias(), 6, new ConvAxis(7, 3, 2, 1, 0, 4), COLS, 0,
                1, 2);
        long[][] zr = shifted.apply(k.x());
        assertNotEquals(java.util.Arrays.toString(k.z()), java.util.Arrays.toString(zr[0]));
        assertThrows(IllegalArgumentException.class,
                () -> Conv2dLayer.prove(k.shape(), k.x(), zr[0], zr[1], new Transcript("conv")));
        Conv2dLayer.ProverResult cheat = Conv2dLayer.proveUnsafe(k.shape(), k.x(), zr[0], zr[1],
                new Transcript("conv"));
        List<Claim> claims = Conv2dLayer.verify(k.shape(), cheat.proof(), new Transcript("conv"));
        assertTrue(!holds(claims.get(0), zr[0]) || !holds(claims.get(1), zr[1]));
        assertThrows(InvalidProofException.class, () -> Conv2dLayer.verify(shifted, p.proof(), new Transcript("conv")));
    }

    @Test
    void mutatedBytesAndAnotherTranscriptAreRejected() {
        Case k = standard();
        Conv2dLayer.ProverResult p = Conv2dLayer.prove(k.shape(), k.x(), k.z(), k.r(), new Transcript("conv"));
        assertThrows(InvalidProofException.class, () -> Conv2dLayer.verify(k.shape(), p.proof(),
                new Transcript("other")));
        ProofWriter out = new ProofWriter();
        p.proof().writeTo(out);
        byte[] bytes = out.toByteArray();
        SplittableRandom rng = new SplittableRandom(4);
        for (int trial = 0; trial < 1000; trial++) {
            byte[] bad = bytes.clone();
            int pos = rng.nextInt(bad.length);
            bad[pos] ^= (byte) (1 + rng.nextInt(255));
            try {
                ProofReader in = new ProofReader(bad);
                Conv2dLayer.Proof read = Conv2dLayer.Proof.read(in, k.shape());
                in.expectEnd("conv2d proof");
                Conv2dLayer.verify(k.shape(), read, new Transcript("conv"));
                fail("mutation at byte " + pos + " accepted");
            } catch (InvalidProofException expected) {
                // rejected with a reason
            }
        }
    }

    @Test
    void depthwiseConvolutions_areProvenThroughTheirBlockDiagonalWeights() throws InvalidProofException {
        SplittableRandom rng = new SplittableRandom(6);
        ConvAxis axis = new ConvAxis(6, 3, 1, 1, 1, 6);
        long[][][][] w = new long[3][1][3][3];
        for (long[][][] a : w) {
            for (long[] row : a[0]) {
                for (int j = 0; j < 3; j++) {
                    row[j] = rng.nextInt(-20, 21);
                }
            }
        }
        long[] bias = {3, -4, 5};
        Conv2dShape shape = Conv2dShape.grouped(1, w, bias, 2, axis, axis, 3, 0, 1, 2);
        assertEquals(4, shape.inChannels());
        long[] x = new long[shape.inputLength()];
        for (int c = 0; c < 3; c++) {
            for (int h = 0; h < 6; h++) {
                for (int ww = 0; ww < 6; ww++) {
                    x[(c * 8 + h) * 8 + ww] = Goldilocks.fromSigned(rng.nextInt(-50, 51));
                }
            }
        }
        long[][] zr = shape.apply(x);
        // channel o reads only input channel o
        for (int o = 0; o < 3; o++) {
            for (int y = 0; y < 6; y++) {
                for (int xx = 0; xx < 6; xx++) {
                    long acc = bias[o] + 2;
                    for (int i = 0; i < 3; i++) {
                        for (int j = 0; j < 3; j++) {
                            int h = y + i - 1, ww = xx + j - 1;
                            if (h >= 0 && h < 6 && ww >= 0 && ww < 6) {
                                acc += w[o][0][i][j] * Goldilocks.toSigned(x[(o * 8 + h) * 8 + ww]);
                            }
                        }
                    }
                    assertEquals(Math.floorDiv(acc, 4), Goldilocks.toSigned(zr[0][(o * 8 + y) * 8 + xx]));
                }
            }
        }
        Conv2dLayer.ProverResult p = Conv2dLayer.prove(shape, x, zr[0], zr[1], new Transcript("conv"));
        List<Claim> claims = Conv2dLayer.verify(shape, p.proof(), new Transcript("conv"));
        assertTrue(holds(claims.get(2), x));
        assertThrows(IllegalArgumentException.class, () -> Conv2dShape.grouped(1, w, bias, 2, axis, axis, 2, 0, 1, 2));
    }

    @Test
    void averagePools_areTheWindowSumDividedAndRounded() throws InvalidProofException {
        SplittableRandom rng = new SplittableRandom(7);
        for (ConvAxis axis : List.of(new ConvAxis(6, 2, 2, 1, 0, 3), new ConvAxis(5, 3, 1, 1, 1, 5),
                ConvAxis.valid(5, 5))) {
            Conv2dShape shape = Conv2dShape.averagePool(2, 3, axis, axis, 0, 1, 2);
            int p = axis.paddedInputs(), q = axis.paddedOutputs(), d = axis.kernel() * axis.kernel();
            assertEquals(d, shape.divisor());
            long[] x = new long[shape.inputLength()];
            for (int b = 0; b < 2; b++) {
                for (int c = 0; c < 3; c++) {
                    for (int h = 0; h < axis.inputs(); h++) {
                        for (int w = 0; w < axis.inputs(); w++) {
                            x[((b * 4 + c) * p + h) * p + w] = Goldilocks.fromSigned(rng.nextInt(-100, 101));
                        }
                    }
                }
            }
            long[][] zr = shape.apply(x);
            for (int b = 0; b < 2; b++) {
                for (int c = 0; c < 3; c++) {
                    for (int y = 0; y < axis.outputs(); y++) {
                        for (int xx = 0; xx < axis.outputs(); xx++) {
                            long sum = 0;
                            for (int i = 0; i < axis.kernel(); i++) {
                                for (int j = 0; j < axis.kernel(); j++) {
                                    int h = axis.source(y, i), w = axis.source(xx, j);
                                    sum += h >= 0 && w >= 0 ? Goldilocks.toSigned(x[((b * 4 + c) * p + h) * p + w]) : 0;
                                }
                            }
                            assertEquals(Math.floorDiv(sum + d / 2, d),
                                    Goldilocks.toSigned(zr[0][((b * 4 + c) * q + y) * q + xx]), axis + " at " + y + "," + xx);
                        }
                    }
                }
            }
            Conv2dLayer.ProverResult proof = Conv2dLayer.prove(shape, x, zr[0], zr[1], new Transcript("pool"));
            List<Claim> claims = Conv2dLayer.verify(shape, proof.proof(), new Transcript("pool"));
            assertTrue(holds(claims.get(0), zr[0]) && holds(claims.get(2), x));
            long[] lie = zr[0].clone();
            lie[0] = Goldilocks.add(lie[0], 1);
            assertThrows(IllegalArgumentException.class,
                    () -> Conv2dLayer.prove(shape, x, lie, zr[1], new Transcript("pool")));
        }
    }

    static Conv2dLayer.Proof roundTrip(Conv2dShape shape, Conv2dLayer.Proof proof) throws InvalidProofException {
        ProofWriter out = new ProofWriter();
        proof.writeTo(out);
        ProofReader in = new ProofReader(out.toByteArray());
        Conv2dLayer.Proof read = Conv2dLayer.Proof.read(in, shape);
        in.expectEnd("conv2d proof");
        return read;
    }

    static boolean holds(Claim c, long[] vector) {
        Ext[] point = ((LinearFunctional.MultilinearPoint) c.functional()).point();
        return Multilinear.evaluate(vector, point).equals(c.value());
    }
}
