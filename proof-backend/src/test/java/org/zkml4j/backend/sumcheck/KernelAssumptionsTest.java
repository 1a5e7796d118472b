package org.zkml4j.backend.sumcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.field.Goldilocks;
import org.zkml4j.backend.field.GoldilocksExt;

/** The field kernels the sumcheck's hot loops rely on (lazy accumulation, dot2, ×7), vs BigInteger. */
class KernelAssumptionsTest {
    static final BigInteger P = new BigInteger(Long.toUnsignedString(Goldilocks.P));

    static BigInteger big(long v) {
        return new BigInteger(Long.toUnsignedString(v));
    }

    static List<Long> samples() {
        List<Long> xs = new ArrayList<>(List.of(0L, 1L, 2L, 7L, Goldilocks.P - 1, Goldilocks.P - 2, 1L << 32,
                (1L << 32) - 1, (1L << 32) + 1, 1L << 63, (1L << 63) - 1, 0xFFFF_FFFEL << 32));
        Random rng = new Random(3);
        for (int i = 0; i < 40; i++) {
            xs.add(Ext.randomBase(rng));
        }
        return xs;
    }

    @Test
    void mac_worstCaseAccumulationIsExact() {
        long m = Goldilocks.P - 1;
        long[] acc = new long[4]; // offset 1 checks limb indexing
        int count = 300_000;
        for (int i = 0; i < count; i++) {
            Goldilocks.mac(acc, 1, m, m);
        }
        BigInteger expected = big(m).multiply(big(m)).multiply(BigInteger.valueOf(count)).mod(P);
        assertEquals(expected.longValue(), Goldilocks.reduceAccumulator(acc, 1));
        assertEquals(0, acc[0]);
    }

    @Test
    void mac_randomAccumulationMatchesReference() {
        Random rng = new Random(9);
        long[] acc = new long[3];
        BigInteger expected = BigInteger.ZERO;
        for (int i = 0; i < 5000; i++) {
            long a = Ext.randomBase(rng), b = Ext.randomBase(rng);
            Goldilocks.mac(acc, 0, a, b);
            expected = expected.add(big(a).multiply(big(b)));
        }
        assertEquals(expected.mod(P).longValue(), Goldilocks.reduceAccumulator(acc, 0));
    }

    @Test
    void dot2Times7AndExtProducts_matchReference() {
        List<Long> xs = samples();
        BigInteger seven = BigInteger.valueOf(7);
        for (long a : xs) {
            assertEquals(big(a).multiply(seven).mod(P).longValue(), GoldilocksExt.times7(a));
            for (long b : xs) {
                long c = xs.get((int) (Long.remainderUnsigned(a ^ b, xs.size())));
                long e = xs.get((int) (Long.remainderUnsigned(a + 3 * b, xs.size())));
                BigInteger dot = big(a).multiply(big(b)).add(big(c).multiply(big(e)));
                assertEquals(dot.mod(P).longValue(), Goldilocks.dot2(a, b, c, e));
                BigInteger c0 = big(a).multiply(big(b)).add(seven.multiply(big(c)).multiply(big(e)));
                BigInteger c1 = big(a).multiply(big(e)).add(big(c).multiply(big(b)));
                assertEquals(c0.mod(P).longValue(), GoldilocksExt.mulC0(a, c, b, e));
                assertEquals(c1.mod(P).longValue(), GoldilocksExt.mulC1(a, c, b, e));
            }
        }
    }
}
