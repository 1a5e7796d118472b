package org.zkml4j.backend.field;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GoldilocksTest {
    static final BigInteger P = new BigInteger("18446744069414584321");
    static final BigInteger TWO64 = BigInteger.ONE.shiftLeft(64);

    static BigInteger big(long v) {
        return new BigInteger(Long.toUnsignedString(v));
    }

    static long canon(BigInteger v) {
        return v.mod(P).longValue();
    }

    /** Edge values plus random ones; all canonical. */
    static List<Long> samples() {
        List<Long> xs = new ArrayList<>(List.of(0L, 1L, 2L, Goldilocks.P - 1, Goldilocks.P - 2,
                1L << 32, (1L << 32) - 1, (1L << 32) + 1, 1L << 63, Goldilocks.EPSILON * 3, Long.MAX_VALUE));
        Random rng = new Random(42);
        for (int i = 0; i < 300; i++) {
            xs.add(Ext.randomBase(rng));
        }
        return xs;
    }

    @Test
    void arithmetic_matchesBigInteger() {
        List<Long> xs = samples();
        for (long a : xs) {
            for (long b : xs.subList(0, 60)) {
                BigInteger ba = big(a), bb = big(b);
                assertEquals(canon(ba.add(bb)), Goldilocks.add(a, b), () -> "add " + a + " " + b);
                assertEquals(canon(ba.subtract(bb)), Goldilocks.sub(a, b), () -> "sub " + a + " " + b);
                assertEquals(canon(ba.multiply(bb)), Goldilocks.mul(a, b), () -> "mul " + a + " " + b);
            }
            assertEquals(canon(big(a).negate()), Goldilocks.neg(a));
        }
    }

    @Test
    void reduce_mapsValuesAbovePToCanonical() {
        for (long x : new long[] {Goldilocks.P, Goldilocks.P + 1, -1L, -2L, Goldilocks.P + 12345}) {
            assertEquals(canon(big(x)), Goldilocks.reduce(x));
        }
    }

    @Test
    void reduce128_matchesBigIntegerOnExtremes() {
        long[] parts = {0, 1, -1, Goldilocks.P, Goldilocks.EPSILON, 1L << 32, Long.MIN_VALUE};
        for (long hi : parts) {
            for (long lo : parts) {
                BigInteger v = big(hi).multiply(TWO64).add(big(lo));
                assertEquals(canon(v), Goldilocks.reduce128(hi, lo), () -> hi + ":" + lo);
            }
        }
    }

    @Test
    void powAndInverse_matchBigInteger() {
        for (long a : samples()) {
            long e = a ^ 0x5DEECE66DL;
            assertEquals(canon(big(a).modPow(big(e), P)), Goldilocks.pow(a, e));
            if (a != 0) {
                assertEquals(canon(big(a).modInverse(P)), Goldilocks.inverse(a));
            }
        }
    }

    @Test
    void inverse_zeroThrows() {
        assertThrows(ArithmeticException.class, () -> Goldilocks.inverse(0));
    }

    @Test
    void batchInverse_matchesSingleInverses() {
        List<Long> xs = samples().subList(1, 200);
        long[] values = xs.stream().mapToLong(Long::longValue).toArray();
        long[] expected = xs.stream().mapToLong(Goldilocks::inverse).toArray();
        Goldilocks.batchInverse(values);
        assertArrayEquals(expected, values);
    }

    @Test
    void batchInverse_zeroThrowsNamingIndex() {
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> Goldilocks.batchInverse(new long[] {3, 0}));
        assertEquals("zero at index 1 has no inverse", e.getMessage());
    }

    @Test
    void rootOfUnity_hasExactOrder() {
        for (int k : new int[] {0, 1, 2, 10, 20, 32}) {
            long w = Goldilocks.rootOfUnity(k);
            assertEquals(1, Goldilocks.pow(w, 1L << k));
            if (k > 0) {
                assertEquals(Goldilocks.P - 1, Goldilocks.pow(w, 1L << (k - 1)));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Goldilocks.rootOfUnity(33));
    }

    @Test
    void encoding_roundTripsAndRejectsNonCanonical() {
        byte[] buf = new byte[8];
        for (long a : samples()) {
            Goldilocks.encode(a, buf, 0);
            assertEquals(a, Goldilocks.decode(buf, 0));
        }
        Goldilocks.encode(Goldilocks.P, buf, 0);
        assertThrows(IllegalArgumentException.class, () -> Goldilocks.decode(buf, 0));
    }

    @Test
    void signedConversion_roundTrips() {
        for (long v : new long[] {0, 1, -1, 123456789, -987654321, Long.MAX_VALUE / 4, -(Long.MAX_VALUE / 4)}) {
            assertEquals(v, Goldilocks.toSigned(Goldilocks.fromSigned(v)));
        }
    }

    @Test
    void lazyKernels_matchBigInteger() {
        List<Long> xs = samples();
        for (int i = 0; i + 3 < xs.size(); i++) {
            long a0 = xs.get(i), b0 = xs.get(i + 1), a1 = xs.get(i + 2), b1 = xs.get(i + 3);
            BigInteger expected = big(a0).multiply(big(b0)).add(big(a1).multiply(big(b1)));
            assertEquals(canon(expected), Goldilocks.dot2(a0, b0, a1, b1));
            assertEquals(canon(big(a0).multiply(BigInteger.valueOf(7))), GoldilocksExt.times7(a0));
        }
        long[] acc = new long[3];
        BigInteger sum = BigInteger.ZERO;
        for (long a : xs) {
            for (long b : xs.subList(0, 20)) {
                Goldilocks.mac(acc, 0, a, b);
                sum = sum.add(big(a).multiply(big(b)));
            }
        }
        assertEquals(canon(sum), Goldilocks.reduceAccumulator(acc, 0));
        long max = Goldilocks.P - 1;
        long[] worst = new long[3];
        for (int i = 0; i < 1000; i++) {
            Goldilocks.mac(worst, 0, max, max);
        }
        assertEquals(canon(big(max).multiply(big(max)).multiply(BigInteger.valueOf(1000))),
                Goldilocks.reduceAccumulator(worst, 0));
    }
}
