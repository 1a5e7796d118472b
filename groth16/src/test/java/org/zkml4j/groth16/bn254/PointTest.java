package org.zkml4j.groth16.bn254;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class PointTest {
    private static final BigInteger R = Bn254.ORDER;

    @Test
    void g1_groupLawAndOrder() {
        G1Point g = G1Point.GENERATOR;
        assertTrue(g.multiply(R).isInfinity());
        assertEquals(g.add(g), g.multiply(BigInteger.TWO));
        assertEquals(g.multiply(BigInteger.valueOf(5)), g.multiply(BigInteger.TWO).add(g.multiply(BigInteger.valueOf(3))));
        assertEquals(g.negate(), g.multiply(R.subtract(BigInteger.ONE)));
        assertTrue(g.add(g.negate()).isInfinity());
        assertEquals(g.multiply(BigInteger.valueOf(9)).add(g.multiply(BigInteger.valueOf(4)).multiply(BigInteger.TWO)),
                G1Point.linearCombination(new G1Point[] {g.multiply(BigInteger.valueOf(9)), g.multiply(BigInteger.valueOf(4))},
                        new BigInteger[] {BigInteger.ONE, BigInteger.TWO}));
    }

    @Test
    void g1Of_rejectsPointsOffTheCurveAndNonCanonicalCoordinates() {
        assertEquals(G1Point.GENERATOR, G1Point.of(BigInteger.ONE, BigInteger.TWO));
        assertThrows(IllegalArgumentException.class, () -> G1Point.of(BigInteger.ONE, BigInteger.valueOf(3)));
        assertThrows(IllegalArgumentException.class, () -> G1Point.of(BigInteger.ONE, BigInteger.TWO.add(Fp.MODULUS)));
    }

    @Test
    void g2_groupLawAndOrder() {
        G2Point g = G2Point.GENERATOR;
        assertTrue(g.multiply(R).isInfinity());
        assertEquals(g.add(g), g.multiply(BigInteger.TWO));
        assertEquals(g.negate(), g.multiply(R.subtract(BigInteger.ONE)));
        G2Point g7 = g.multiply(BigInteger.valueOf(7));
        assertEquals(g7, G2Point.of(g7.x.c0.toBigInteger(), g7.x.c1.toBigInteger(), g7.y.c0.toBigInteger(), g7.y.c1.toBigInteger()));
    }

    @Test
    void g2Of_rejectsPointsOffTheTwist() {
        G2Point g = G2Point.GENERATOR;
        BigInteger x0 = g.x.c0.toBigInteger();
        BigInteger x1 = g.x.c1.toBigInteger();
        BigInteger y0 = g.y.c0.toBigInteger();
        BigInteger y1 = g.y.c1.toBigInteger();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> G2Point.of(x0, x1, y1, y0));
        assertTrue(e.getMessage().contains("not on the twist"), e.getMessage());
    }

    @Test
    void g2Of_rejectsTwistPointsOutsideTheSubgroup() {
        G2Point outside = twistPointOutsideG2();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> G2Point.of(
                outside.x.c0.toBigInteger(), outside.x.c1.toBigInteger(), outside.y.c0.toBigInteger(), outside.y.c1.toBigInteger()));
        assertTrue(e.getMessage().contains("not in the order-r subgroup"), e.getMessage());
    }

    @Test
    void g2SubgroupTest_agreesWithMultiplicationByR() {
        G2Point outside = twistPointOutsideG2();
        assertFalse(G2Jacobian.of(outside).multiply(R).isInfinity());
        assertFalse(G2Jacobian.of(outside).isInSubgroup());
        G2Point cleared = outside.multiply(twistCofactor());
        assertTrue(G2Jacobian.of(cleared).multiply(R).isInfinity());
        assertTrue(G2Jacobian.of(cleared).isInSubgroup());
        for (long k : new long[] {1, 2, 12345, Long.MAX_VALUE}) {
            G2Point member = G2Point.GENERATOR.multiply(BigInteger.valueOf(k));
            assertTrue(G2Jacobian.of(member).isInSubgroup());
            G2Jacobian mixed = G2Jacobian.of(member).add(G2Jacobian.of(outside));
            assertFalse(mixed.isInSubgroup());
            assertFalse(mixed.multiply(R).isInfinity());
        }
    }

    /** #E'(F_p²) / r = 2p − r (the twist's order is r·(2p − r)). */
    private static BigInteger twistCofactor() {
        return Fp.MODULUS.multiply(BigInteger.TWO).subtract(R);
    }

    /** The first x = k (k = 1, 2, ...) whose x³ + b' is a square in F_p²: on the twist, cofactor ≠ 1. */
    static G2Point twistPointOutsideG2() {
        for (int k = 1; ; k++) {
            Fp2 x = new Fp2(Fp.of(k), Fp.ZERO);
            Fp2 rhs = x.square().mul(x).add(G2Point.B);
            Fp2 y = sqrt(rhs);
            if (y != null) {
                assertTrue(G2Point.isOnTwist(x, y));
                return new G2Point(x, y);
            }
        }
    }

    /** A square root in F_p² (p ≡ 3 mod 4) through the norm, or null. */
    private static Fp2 sqrt(Fp2 a) {
        BigInteger quarter = Fp.MODULUS.add(BigInteger.ONE).shiftRight(2);
        Fp norm = a.c0.square().add(a.c1.square());
        Fp s = norm.pow(quarter);
        if (!s.square().equals(norm)) {
            return null;
        }
        Fp half = Fp.of(2).inverse();
        for (Fp delta : new Fp[] {a.c0.add(s).mul(half), a.c0.sub(s).mul(half)}) {
            Fp x0 = delta.pow(quarter);
            if (x0.square().equals(delta) && !x0.isZero()) {
                Fp2 root = new Fp2(x0, a.c1.mul(x0.dbl().inverse()));
                if (root.square().equals(a)) {
                    return root;
                }
            }
        }
        return null;
    }
}
