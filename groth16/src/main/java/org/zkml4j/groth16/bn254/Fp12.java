package org.zkml4j.groth16.bn254;

import java.math.BigInteger;

/** An element c0 + c1·w of F_p¹² = F_p⁶[w]/(w² − v), immutable: the pairing's target field. */
public final class Fp12 {
    public static final Fp12 ONE = new Fp12(Fp6.ONE, Fp6.ZERO);

    /** FROBENIUS_W[k] = ξ^((p^k − 1)/6) = w^(p^k − 1), k = 0..3. */
    private static final Fp2[] FROBENIUS_W = new Fp2[4];

    static {
        for (int k = 0; k < 4; k++) {
            BigInteger e = Fp.MODULUS.pow(k).subtract(BigInteger.ONE).divide(BigInteger.valueOf(6));
            FROBENIUS_W[k] = Fp2.XI.pow(e);
        }
    }

    public final Fp6 c0;
    public final Fp6 c1;

    public Fp12(Fp6 c0, Fp6 c1) {
        this.c0 = c0;
        this.c1 = c1;
    }

    /** Karatsuba: three F_p⁶ products. */
    public Fp12 mul(Fp12 b) {
        Fp6 v0 = c0.mul(b.c0);
        Fp6 v1 = c1.mul(b.c1);
        Fp6 cross = c0.add(c1).mul(b.c0.add(b.c1));
        return new Fp12(v0.add(v1.mulByV()), cross.sub(v0).sub(v1));
    }

    /** Product with the sparse (d0) + (d3 + d4·v)·w, the shape of a line function on the D-type twist. */
    public Fp12 mulBy034(Fp2 d0, Fp2 d3, Fp2 d4) {
        Fp6 a = c0.mul(d0);
        Fp6 b = c1.mulBy01(d3, d4);
        Fp6 e = c0.add(c1).mulBy01(d0.add(d3), d4);
        return new Fp12(b.mulByV().add(a), e.sub(a).sub(b));
    }

    /** Complex squaring: two F_p⁶ products. */
    public Fp12 square() {
        Fp6 ab = c0.mul(c1);
        Fp6 t = c0.add(c1).mul(c0.add(c1.mulByV()));
        return new Fp12(t.sub(ab).sub(ab.mulByV()), ab.add(ab));
    }

    /**
     * The square of an element of the cyclotomic subgroup (order dividing p⁴ − p² + 1, as after the
     * easy part of the final exponentiation): Granger–Scott, six F_p² products instead of twelve.
     * Wrong for other elements.
     */
    public Fp12 cyclotomicSquare() {
        Fp2 r0 = c0.c0;
        Fp2 r4 = c0.c1;
        Fp2 r3 = c0.c2;
        Fp2 r2 = c1.c0;
        Fp2 r1 = c1.c1;
        Fp2 r5 = c1.c2;
        Fp2 tmp = r0.mul(r1);
        Fp2 t0 = r0.add(r1).mul(r1.mulByXi().add(r0)).sub(tmp).sub(tmp.mulByXi());
        Fp2 t1 = tmp.dbl();
        tmp = r2.mul(r3);
        Fp2 t2 = r2.add(r3).mul(r3.mulByXi().add(r2)).sub(tmp).sub(tmp.mulByXi());
        Fp2 t3 = tmp.dbl();
        tmp = r4.mul(r5);
        Fp2 t4 = r4.add(r5).mul(r5.mulByXi().add(r4)).sub(tmp).sub(tmp.mulByXi());
        Fp2 t5 = tmp.dbl();
        Fp2 xiT5 = t5.mulByXi();
        Fp2 z0 = t0.sub(r0).dbl().add(t0);
        Fp2 z1 = t1.add(r1).dbl().add(t1);
        Fp2 z2 = r2.add(xiT5).dbl().add(xiT5);
        Fp2 z3 = t4.sub(r3).dbl().add(t4);
        Fp2 z4 = t2.sub(r4).dbl().add(t2);
        Fp2 z5 = r5.add(t3).dbl().add(t3);
        return new Fp12(new Fp6(z0, z4, z3), new Fp6(z2, z1, z5));
    }

    /** The p⁶-power Frobenius map; the inverse on the cyclotomic subgroup (unitary elements). */
    public Fp12 conjugate() {
        return new Fp12(c0, c1.neg());
    }

    public Fp12 inverse() {
        Fp6 norm = c0.square().sub(c1.square().mulByV());
        Fp6 inv = norm.inverse();
        return new Fp12(c0.mul(inv), c1.mul(inv).neg());
    }

    /** The p^k-power Frobenius map, k = 1..3. */
    public Fp12 frobenius(int k) {
        return new Fp12(c0.frobenius(k), c1.frobenius(k).mul(FROBENIUS_W[k]));
    }

    /** {@code this^e} for {@code e ≥ 0} (square and multiply; public data only). */
    public Fp12 pow(BigInteger e) {
        Fp12 r = ONE;
        for (int i = e.bitLength() - 1; i >= 0; i--) {
            r = r.square();
            if (e.testBit(i)) {
                r = r.mul(this);
            }
        }
        return r;
    }

    public boolean isOne() {
        return equals(ONE);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fp12 f && f.c0.equals(c0) && f.c1.equals(c1);
    }

    @Override
    public int hashCode() {
        return c0.hashCode() * 31 + c1.hashCode();
    }

    @Override
    public String toString() {
        return "{" + c0 + ", " + c1 + "}";
    }
}
