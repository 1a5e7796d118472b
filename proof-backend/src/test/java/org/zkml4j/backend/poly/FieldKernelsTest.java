package org.zkml4j.backend.poly;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.field.Goldilocks;
import org.zkml4j.backend.field.GoldilocksExt;

class FieldKernelsTest {
    static final BigInteger P = new BigInteger(Long.toUnsignedString(Goldilocks.P));

    static List<Long> samples() {
        List<Long> xs = new ArrayList<>(List.of(0L, 1L, 2L, 7L, Goldilocks.P - 1, Goldilocks.P - 2,
                1L << 32, (1L << 32) - 1, (1L << 32) + 1, 1L << 63, (1L << 63) - 1, 0xFFFF_FFFEL << 32));
        Random rng = new Random(3);
        for (int i = 0; i < 60; i++) {
            xs.add(Ext.randomBase(rng));
        }
        return xs;
    }

    static BigInteger big(long v) {
        return new BigInteger(Long.toUnsignedString(v));
    }

    @Test
    void baseOps_matchGoldilocks() {
        for (long a : samples()) {
            assertEquals(Goldilocks.mul(7, a), FieldKernels.times7(a));
            for (long b : samples()) {
                assertEquals(Goldilocks.add(a, b), FieldKernels.add(a, b));
                assertEquals(Goldilocks.sub(a, b), FieldKernels.sub(a, b));
                assertEquals(Goldilocks.mul(a, b), FieldKernels.mul(a, b));
                assertEquals(big(a).multiply(big(b)).shiftRight(64).longValue(), FieldKernels.mulHigh(a, b));
            }
        }
    }

    @Test
    void reduce128_matchesBigIntegerForAnyValue() {
        Random rng = new Random(5);
        long[] edges = {0, 1, -1, Goldilocks.P, Goldilocks.P - 1, 1L << 32, -1L << 32};
        for (int i = 0; i < 2000; i++) {
            long hi = i < 49 ? edges[i % 7] : rng.nextLong();
            long lo = i < 49 ? edges[i / 7] : rng.nextLong();
            BigInteger v = big(hi).shiftLeft(64).add(big(lo));
            assertEquals(v.mod(P).longValue(), FieldKernels.reduce128(hi, lo), () -> v.toString());
        }
    }

    @Test
    void extProducts_matchGoldilocksExt() {
        List<Long> xs = samples();
        for (int i = 0; i + 3 < xs.size(); i++) {
            long a0 = xs.get(i), a1 = xs.get(i + 1), b0 = xs.get(xs.size() - 1 - i), b1 = xs.get(i + 3);
            assertEquals(GoldilocksExt.mulC0(a0, a1, b0, b1), FieldKernels.extMulC0(a0, a1, b0, b1));
            assertEquals(GoldilocksExt.mulC1(a0, a1, b0, b1), FieldKernels.extMulC1(a0, a1, b0, b1));
            assertEquals(Goldilocks.add(Goldilocks.mul(a0, b0), Goldilocks.mul(a1, b1)),
                    FieldKernels.dot2(a0, b0, a1, b1));
        }
        long m = Goldilocks.P - 1;
        assertEquals(GoldilocksExt.mulC0(m, m, m, m), FieldKernels.extMulC0(m, m, m, m));
        assertEquals(GoldilocksExt.mulC1(m, m, m, m), FieldKernels.extMulC1(m, m, m, m));
    }

    @Test
    void mac_accumulatesExactly() {
        long[] acc = new long[4]; // offset 1 checks the limb indexing
        long expected = 0;
        long m = Goldilocks.P - 1;
        for (int i = 0; i < 100_000; i++) {
            FieldKernels.mac(acc, 1, m, m); // worst case products
            expected = Goldilocks.add(expected, Goldilocks.mul(m, m));
        }
        assertEquals(expected, FieldKernels.reduceAccumulator(acc, 1));
        assertEquals(0, acc[0]);
        Random rng = new Random(9);
        long[] acc2 = new long[3];
        long exp2 = 0;
        for (int i = 0; i < 5000; i++) {
            long a = Ext.randomBase(rng), b = Ext.randomBase(rng);
            FieldKernels.mac(acc2, 0, a, b);
            exp2 = Goldilocks.add(exp2, Goldilocks.mul(a, b));
        }
        assertEquals(exp2, FieldKernels.reduceAccumulator(acc2, 0));
    }
}
