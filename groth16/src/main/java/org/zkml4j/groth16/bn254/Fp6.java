package org.zkml4j.groth16.bn254;

import java.math.BigInteger;

/** An element c0 + c1·v + c2·v² of F_p⁶ = F_p²[v]/(v³ − ξ), immutable. */
public final class Fp6 {
    public static final Fp6 ZERO = new Fp6(Fp2.ZERO, Fp2.ZERO, Fp2.ZERO);
    public static final Fp6 ONE = new Fp6(Fp2.ONE, Fp2.ZERO, Fp2.ZERO);

    /** FROBENIUS_V[k] = ξ^((p^k − 1)/3) = v^(p^k − 1), FROBENIUS_V2[k] its square, k = 0..3. */
    private static final Fp2[] FROBENIUS_V = new Fp2[4];
    private static final Fp2[] FROBENIUS_V2 = new Fp2[4];

    static {
        for (int k = 0; k < 4; k++) {
            BigInteger e = Fp.MODULUS.pow(k).subtract(BigInteger.ONE).divide(BigInteger.valueOf(3));
            FROBENIUS_V[k] = Fp2.XI.pow(e);
            FROBENIUS_V2[k] = FROBENIUS_V[k].square();
        }
    }

    public final Fp2 c0;
    public final Fp2 c1;
    public final Fp2 c2;

    public Fp6(Fp2 c0, Fp2 c1, Fp2 c2) {
        this.c0 = c0;
        this.c1 = c1;
        this.c2 = c2;
    }

    public Fp6 add(Fp6 b) {
        return new Fp6(c0.add(b.c0), c1.add(b.c1), c2.add(b.c2));
    }

    public Fp6 sub(Fp6 b) {
        return new Fp6(c0.sub(b.c0), c1.sub(b.c1), c2.sub(b.c2));
    }

    public Fp6 neg() {
        return new Fp6(c0.neg(), c1.neg(), c2.neg());
    }

    /** Karatsuba over three coefficients: six F_p² products. */
    public Fp6 mul(Fp6 b) {
        Fp2 v0 = c0.mul(b.c0);
        Fp2 v1 = c1.mul(b.c1);
        Fp2 v2 = c2.mul(b.c2);
        Fp2 r0 = c1.add(c2).mul(b.c1.add(b.c2)).sub(v1).sub(v2).mulByXi().add(v0);
        Fp2 r1 = c0.add(c1).mul(b.c0.add(b.c1)).sub(v0).sub(v1).add(v2.mulByXi());
        Fp2 r2 = c0.add(c2).mul(b.c0.add(b.c2)).sub(v0).sub(v2).add(v1);
        return new Fp6(r0, r1, r2);
    }

    /** Product with b0 + b1·v (a sparse factor of a line function). */
    public Fp6 mulBy01(Fp2 b0, Fp2 b1) {
        Fp2 v0 = c0.mul(b0);
        Fp2 v1 = c1.mul(b1);
        Fp2 r0 = c2.mul(b1).mulByXi().add(v0);
        Fp2 r1 = c0.add(c1).mul(b0.add(b1)).sub(v0).sub(v1);
        Fp2 r2 = c2.mul(b0).add(v1);
        return new Fp6(r0, r1, r2);
    }

    public Fp6 mul(Fp2 b) {
        return new Fp6(c0.mul(b), c1.mul(b), c2.mul(b));
    }

    /** Chung–Hasan SQR2: two squarings and three products in F_p². */
    public Fp6 square() {
        Fp2 s0 = c0.square();
        Fp2 s1 = c0.mul(c1).dbl();
        Fp2 s2 = c0.sub(c1).add(c2).square();
        Fp2 s3 = c1.mul(c2).dbl();
        Fp2 s4 = c2.square();
        return new Fp6(s0.add(s3.mulByXi()), s1.add(s4.mulByXi()), s1.add(s2).add(s3).sub(s0).sub(s4));
    }

    /** Multiplication by v: (c0, c1, c2) ↦ (ξ·c2, c0, c1). */
    public Fp6 mulByV() {
        return new Fp6(c2.mulByXi(), c0, c1);
    }

    public Fp6 inverse() {
        Fp2 t0 = c0.square().sub(c1.mul(c2).mulByXi());
        Fp2 t1 = c2.square().mulByXi().sub(c0.mul(c1));
        Fp2 t2 = c1.square().sub(c0.mul(c2));
        Fp2 norm = c0.mul(t0).add(c2.mul(t1).add(c1.mul(t2)).mulByXi());
        Fp2 inv = norm.inverse();
        return new Fp6(t0.mul(inv), t1.mul(inv), t2.mul(inv));
    }

    /** The p^k-power Frobenius map, k = 1..3. */
    public Fp6 frobenius(int k) {
        return new Fp6(c0.frobenius(k), c1.frobenius(k).mul(FROBENIUS_V[k]), c2.frobenius(k).mul(FROBENIUS_V2[k]));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fp6 f && f.c0.equals(c0) && f.c1.equals(c1) && f.c2.equals(c2);
    }

    @Override
    public int hashCode() {
        return (c0.hashCode() * 31 + c1.hashCode()) * 31 + c2.hashCode();
    }

    @Override
    public String toString() {
        return "[" + c0 + ", " + c1 + ", " + c2 + "]";
    }
}
