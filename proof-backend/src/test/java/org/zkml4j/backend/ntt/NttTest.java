package org.zkml4j.backend.ntt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.zkml4j.backend.field.Goldilocks;

class NttTest {

    static long[] random(Random rng, int n) {
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = Goldilocks.reduce(rng.nextLong());
        }
        return a;
    }

    /** Evaluates the polynomial with coefficients c at x (Horner). */
    static long horner(long[] c, long x) {
        long acc = 0;
        for (int j = c.length - 1; j >= 0; j--) {
            acc = Goldilocks.add(Goldilocks.mul(acc, x), c[j]);
        }
        return acc;
    }

    /** O(n²) reference: out[i] = Σ_j a[j]·(shift·ω^i)^j. */
    static long[] naiveCoset(long[] a, long shift) {
        int n = a.length;
        long w = Goldilocks.rootOfUnity(Integer.numberOfTrailingZeros(n));
        long[] out = new long[n];
        long x = shift;
        for (int i = 0; i < n; i++) {
            out[i] = horner(a, x);
            x = Goldilocks.mul(x, w);
        }
        return out;
    }

    static long[] schoolbook(long[] a, long[] b) {
        long[] c = new long[a.length + b.length - 1];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                c[i + j] = Goldilocks.add(c[i + j], Goldilocks.mul(a[i], b[j]));
            }
        }
        return c;
    }

    @Test
    void forward_matchesNaiveDft() {
        Random rng = new Random(1);
        for (int n = 1; n <= 256; n <<= 1) {
            long[] a = random(rng, n);
            long[] expected = naiveCoset(a, Goldilocks.ONE);
            Ntt.forward(a);
            assertArrayEquals(expected, a, "n = " + n);
        }
    }

    @Test
    void forward_matchesNaiveDftOnEdgeValues() {
        long[] a = new long[64];
        for (int i = 0; i < a.length; i++) {
            a[i] = (i % 3 == 0) ? Goldilocks.P - 1 : (i % 3 == 1) ? 0 : 0xFFFF_FFFFL;
        }
        long[] expected = naiveCoset(a, Goldilocks.ONE);
        Ntt.forward(a);
        assertArrayEquals(expected, a);
    }

    @Test
    void forward_matchesNaiveEvaluationAtSampledPointsForLargeSizes() {
        // Sizes that exercise the column passes (> 2^12) and, from 2^16, the parallel path.
        Random rng = new Random(2);
        for (int log : new int[] {13, 14, 17, 22}) {
            int n = 1 << log;
            long[] a = random(rng, n);
            long[] coefficients = a.clone();
            Ntt.forward(a);
            long w = Goldilocks.rootOfUnity(log);
            for (int k = 0; k < 12; k++) {
                int i = k < 4 ? k : rng.nextInt(n);
                assertEquals(horner(coefficients, Goldilocks.pow(w, i)), a[i], "n = 2^" + log + ", i = " + i);
            }
        }
    }

    @Test
    void inverse_undoesForward() {
        Random rng = new Random(3);
        for (int n = 1; n <= 1 << 16; n <<= 1) {
            long[] a = random(rng, n);
            long[] copy = a.clone();
            Ntt.forward(a);
            Ntt.inverse(a);
            assertArrayEquals(copy, a, "n = " + n);
        }
    }

    @Test
    void inverse_undoesForwardAt2To20() {
        long[] a = random(new Random(4), 1 << 20);
        long[] copy = a.clone();
        Ntt.forward(a);
        Ntt.inverse(a);
        assertArrayEquals(copy, a);
    }

    @Test
    void inverse_matchesNaiveInverseDft() {
        Random rng = new Random(5);
        for (int n = 1; n <= 128; n <<= 1) {
            long[] evaluations = random(rng, n);
            long[] a = evaluations.clone();
            Ntt.inverse(a);
            assertArrayEquals(evaluations, naiveCoset(a, Goldilocks.ONE), "n = " + n);
        }
    }

    @Test
    void parallelAndSequentialResultsAgree() {
        Random rng = new Random(6);
        for (int log : new int[] {16, 18, 21}) {
            long[] a = random(rng, 1 << log);
            long[] b = a.clone();
            Ntt.transform(a, log, true);
            Ntt.transform(b, log, false);
            assertArrayEquals(b, a, "n = 2^" + log);
        }
    }

    @Test
    void forwardCoset_matchesNaiveEvaluation() {
        Random rng = new Random(7);
        for (int n = 1; n <= 256; n <<= 1) {
            long shift = Goldilocks.reduce(rng.nextLong());
            long[] a = random(rng, n);
            long[] expected = naiveCoset(a, shift);
            Ntt.forwardCoset(a, shift);
            assertArrayEquals(expected, a, "n = " + n);
        }
        long[] a = random(rng, 32);
        long[] expected = naiveCoset(a, Goldilocks.GENERATOR);
        Ntt.forwardCoset(a, Goldilocks.GENERATOR);
        assertArrayEquals(expected, a);
    }

    @Test
    void inverseCoset_undoesForwardCoset() {
        Random rng = new Random(8);
        for (int n = 1; n <= 1 << 17; n <<= 2) {
            long shift = Goldilocks.reduce(rng.nextLong());
            long[] a = random(rng, n);
            long[] copy = a.clone();
            Ntt.forwardCoset(a, shift);
            Ntt.inverseCoset(a, shift);
            assertArrayEquals(copy, a, "n = " + n);
        }
    }

    @Test
    void inverseCoset_matchesNaiveInterpolation() {
        Random rng = new Random(9);
        for (int n = 1; n <= 128; n <<= 1) {
            long shift = Goldilocks.reduce(rng.nextLong());
            long[] evaluations = random(rng, n);
            long[] a = evaluations.clone();
            Ntt.inverseCoset(a, shift);
            assertArrayEquals(evaluations, naiveCoset(a, shift), "n = " + n);
        }
    }

    @Test
    void forwardCoset_largeParallelMatchesHornerAtSampledPoints() {
        Random rng = new Random(13);
        int log = 17;
        long shift = Goldilocks.GENERATOR;
        long[] a = random(rng, 1 << log);
        long[] coefficients = a.clone();
        Ntt.forwardCoset(a, shift);
        long w = Goldilocks.rootOfUnity(log);
        for (int k = 0; k < 8; k++) {
            int i = k < 2 ? k : rng.nextInt(a.length);
            assertEquals(horner(coefficients, Goldilocks.mul(shift, Goldilocks.pow(w, i))), a[i], "i = " + i);
        }
    }

    @Test
    void bitReverse_matchesNaivePermutation() {
        Random rng = new Random(14);
        for (int log = 0; log <= 18; log++) {
            int n = 1 << log;
            long[] a = random(rng, n);
            long[] expected = new long[n];
            for (int i = 0; i < n; i++) {
                expected[log == 0 ? 0 : Integer.reverse(i) >>> (32 - log)] = a[i];
            }
            Ntt.bitReverse(a, log, log >= 16);
            assertArrayEquals(expected, a, "log = " + log);
        }
    }

    @Test
    void concurrentTransformsOfDifferentSizes_agreeWithSequentialResults() throws Exception {
        Random rng = new Random(15);
        int[] logs = {10, 14, 16, 17, 18, 19, 20, 21};
        long[][] inputs = new long[logs.length][];
        long[][] expected = new long[logs.length][];
        for (int k = 0; k < logs.length; k++) {
            inputs[k] = random(rng, 1 << logs[k]);
            expected[k] = inputs[k].clone();
            Ntt.transform(expected[k], logs[k], false);
        }
        Thread[] threads = new Thread[logs.length];
        long[][] results = new long[logs.length][];
        for (int k = 0; k < logs.length; k++) {
            int kk = k;
            threads[k] = new Thread(() -> {
                long[] a = inputs[kk].clone();
                Ntt.forward(a);
                results[kk] = a;
            });
            threads[k].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        for (int k = 0; k < logs.length; k++) {
            assertArrayEquals(expected[k], results[k], "n = 2^" + logs[k]);
        }
    }

    @Test
    void multiply_matchesSchoolbook() {
        Random rng = new Random(10);
        int[][] lengths = {
            {1, 1}, {1, 7}, {9, 1}, {2, 3}, {24, 25}, {25, 25}, {64, 64}, {65, 64}, {100, 37},
            {300, 200}, {513, 1000}, {1024, 1024}, {3000, 70},
        };
        for (int[] len : lengths) {
            long[] a = random(rng, len[0]);
            long[] b = random(rng, len[1]);
            long[] product = Ntt.multiply(a, b);
            assertEquals(len[0] + len[1] - 1, product.length);
            assertArrayEquals(schoolbook(a, b), product, () -> Arrays.toString(len));
        }
    }

    @Test
    void multiply_largeProductMatchesEvaluationAtRandomPoints() {
        Random rng = new Random(11);
        long[] a = random(rng, 40_000);
        long[] b = random(rng, 30_001);
        long[] product = Ntt.multiply(a, b);
        assertEquals(70_000, product.length);
        for (int k = 0; k < 5; k++) {
            long x = Goldilocks.reduce(rng.nextLong());
            assertEquals(Goldilocks.mul(horner(a, x), horner(b, x)), horner(product, x));
        }
    }

    @Test
    void badSizes_throwIllegalArgumentException() {
        for (int n : new int[] {0, 3, 6, 12, 1000}) {
            long[] a = new long[n];
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ntt.forward(a));
            assertTrue(e.getMessage().contains("power of two"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Ntt.inverse(a));
            assertThrows(IllegalArgumentException.class, () -> Ntt.forwardCoset(a, 7));
            assertThrows(IllegalArgumentException.class, () -> Ntt.inverseCoset(a, 7));
        }
        assertThrows(IllegalArgumentException.class, () -> Ntt.multiply(new long[0], new long[] {1}));
        assertThrows(IllegalArgumentException.class, () -> Ntt.inverseCoset(new long[4], 0));
    }

    @Test
    void fieldKernels_matchGoldilocks() {
        long p = Goldilocks.P;
        long[] edges = {0, 1, 2, p - 1, p - 2, 0xFFFF_FFFFL, 1L << 32, (1L << 32) + 1, 1L << 63,
            (1L << 63) - 1, p >>> 1, p - 0xFFFF_FFFFL, 0xFFFF_FFFF_0000_0000L};
        Random rng = new Random(12);
        long[] xs = Arrays.copyOf(edges, edges.length + 2000);
        for (int i = edges.length; i < xs.length; i++) {
            xs[i] = Goldilocks.reduce(rng.nextLong());
        }
        for (long a : xs) {
            for (int k = 0; k < 60; k++) {
                long b = k < edges.length ? edges[k] : xs[rng.nextInt(xs.length)];
                assertEquals(Goldilocks.mul(a, b), Fp.mul(a, b));
                assertEquals(Goldilocks.add(a, b), Fp.add(a, b));
                assertEquals(Goldilocks.sub(a, b), Fp.sub(a, b));
            }
            assertEquals(Goldilocks.mul(a, 1L << 48), Fp.mulTwoTo48(a));
        }
        assertEquals(1L << 48, Goldilocks.rootOfUnity(2), "ω_4 must be 2^48 for Fp.mulTwoTo48");
    }
}
