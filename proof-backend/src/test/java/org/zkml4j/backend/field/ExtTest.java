package org.zkml4j.backend.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExtTest {
    static final BigInteger P = GoldilocksTest.P;

    static BigInteger big(long v) {
        return GoldilocksTest.big(v);
    }

    /** Reference product in F_p[x]/(x² − 7) with BigInteger. */
    static Ext refMul(Ext a, Ext b) {
        BigInteger a0 = big(a.c0()), a1 = big(a.c1()), b0 = big(b.c0()), b1 = big(b.c1());
        BigInteger c0 = a0.multiply(b0).add(BigInteger.valueOf(7).multiply(a1).multiply(b1)).mod(P);
        BigInteger c1 = a0.multiply(b1).add(a1.multiply(b0)).mod(P);
        return Ext.of(c0.longValue(), c1.longValue());
    }

    static List<Ext> samples() {
        long[] edges = {0, 1, Goldilocks.P - 1, 1L << 32, Goldilocks.P - 2};
        List<Ext> xs = new ArrayList<>();
        for (long u : edges) {
            for (long v : edges) {
                xs.add(Ext.of(u, v));
            }
        }
        Random rng = new Random(7);
        for (int i = 0; i < 200; i++) {
            xs.add(Ext.random(rng));
        }
        return xs;
    }

    @Test
    void arithmetic_matchesBigIntegerReference() {
        List<Ext> xs = samples();
        for (Ext a : xs) {
            for (Ext b : xs.subList(0, 40)) {
                assertEquals(refMul(a, b), a.mul(b), () -> a + " * " + b);
                assertEquals(Ext.of(Goldilocks.add(a.c0(), b.c0()), Goldilocks.add(a.c1(), b.c1())), a.add(b));
                assertEquals(a, a.sub(b).add(b));
            }
            assertEquals(Ext.ZERO, a.add(a.neg()));
            assertEquals(a.mul(Ext.base(12345)), a.mul(12345));
        }
    }

    @Test
    void inverse_timesSelfIsOne() {
        for (Ext a : samples()) {
            if (!a.equals(Ext.ZERO)) {
                assertEquals(Ext.ONE, a.mul(a.inverse()), a::toString);
            }
        }
        assertThrows(ArithmeticException.class, Ext.ZERO::inverse);
    }

    @Test
    void pow_fermatHoldsInExtension() {
        // |F*| = p² − 1, so a^(p²−1) = 1; check via a^p · a^p … as (a^p)^p · a^(−1)·a.
        for (Ext a : samples().subList(30, 60)) {
            Ext ap = a.pow(Goldilocks.P);
            assertEquals(a, ap.pow(Goldilocks.P), a::toString); // Frobenius has order 2
            assertEquals(refMul(a, a), a.square());
        }
    }

    @Test
    void encoding_roundTripsAndRejectsNonCanonical() {
        byte[] buf = new byte[GoldilocksExt.BYTES];
        for (Ext a : samples()) {
            a.encode(buf, 0);
            assertEquals(a, Ext.decode(buf, 0));
        }
        Goldilocks.encode(-1L, buf, 8);
        assertThrows(IllegalArgumentException.class, () -> Ext.decode(buf, 0));
        assertThrows(IllegalArgumentException.class, () -> Ext.of(Goldilocks.P, 0));
    }
}
