package org.zkml4j.groth16.bn254;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TowerTest {
    private final Random random = new Random(254);

    Fp fp() {
        return Fp.fromBigInteger(new BigInteger(256, random).mod(Fp.MODULUS));
    }

    Fp2 fp2() {
        return new Fp2(fp(), fp());
    }

    Fp6 fp6() {
        return new Fp6(fp2(), fp2(), fp2());
    }

    Fp12 fp12() {
        return new Fp12(fp6(), fp6());
    }

    @Test
    void fp2_squareInverseAndXiAgreeWithProducts() {
        Fp2 a = fp2();
        Fp2 b = fp2();
        assertEquals(a.mul(a), a.square());
        assertEquals(Fp2.ONE, a.mul(a.inverse()));
        assertEquals(a.mul(Fp2.XI), a.mulByXi());
        assertEquals(a.mul(b), b.mul(a));
        Fp2 u = new Fp2(Fp.ZERO, Fp.ONE);
        assertEquals(Fp2.ONE.neg(), u.square());
    }

    @Test
    void fp6_squareSparseProductsAndInverse() {
        Fp6 a = fp6();
        Fp2 b0 = fp2();
        Fp2 b1 = fp2();
        assertEquals(a.mul(a), a.square());
        assertEquals(a.mul(new Fp6(b0, b1, Fp2.ZERO)), a.mulBy01(b0, b1));
        assertEquals(a.mul(new Fp6(Fp2.ZERO, Fp2.ONE, Fp2.ZERO)), a.mulByV());
        assertEquals(Fp6.ONE, a.mul(a.inverse()));
        Fp6 v = new Fp6(Fp2.ZERO, Fp2.ONE, Fp2.ZERO);
        assertEquals(new Fp6(Fp2.XI, Fp2.ZERO, Fp2.ZERO), v.mul(v).mul(v));
    }

    @Test
    void fp12_squareSparseProductInverseAndFrobenius() {
        Fp12 a = fp12();
        Fp2 d0 = fp2();
        Fp2 d3 = fp2();
        Fp2 d4 = fp2();
        assertEquals(a.mul(a), a.square());
        Fp12 sparse = new Fp12(new Fp6(d0, Fp2.ZERO, Fp2.ZERO), new Fp6(d3, d4, Fp2.ZERO));
        assertEquals(a.mul(sparse), a.mulBy034(d0, d3, d4));
        assertEquals(Fp12.ONE, a.mul(a.inverse()));
        BigInteger p = Fp.MODULUS;
        assertEquals(a.pow(p), a.frobenius(1));
        assertEquals(a.pow(p).pow(p), a.frobenius(2));
        assertEquals(a.frobenius(2).frobenius(1), a.frobenius(3));
        assertEquals(a.pow(p.pow(6)), a.conjugate());
    }

    @Test
    void fp12_cyclotomicSquareAgreesOnTheCyclotomicSubgroup() {
        Fp12 a = fp12();
        Fp12 easy = a.conjugate().mul(a.inverse());
        Fp12 cyclotomic = easy.frobenius(2).mul(easy);
        assertEquals(cyclotomic.square(), cyclotomic.cyclotomicSquare());
        assertEquals(cyclotomic.square().square(), cyclotomic.cyclotomicSquare().cyclotomicSquare());
    }
}
