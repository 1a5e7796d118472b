package org.zkml4j.groth16.bn254;

import java.math.BigInteger;

/** An element c0 + c1·u of F_p² = F_p[u]/(u² + 1), immutable. */
public final class Fp2 {
    public static final Fp2 ZERO = new Fp2(Fp.ZERO, Fp.ZERO);
    public static final Fp2 ONE = new Fp2(Fp.ONE, Fp.ZERO);
    /** ξ = 9 + u, the non-residue that builds F_p⁶ and the twist. */
    public static final Fp2 XI = new Fp2(Fp.of(9), Fp.ONE);

    public final Fp c0;
    public final Fp c1;

    public Fp2(Fp c0, Fp c1) {
        this.c0 = c0;
        this.c1 = c1;
    }

    public Fp2 add(Fp2 b) {
        return new Fp2(c0.add(b.c0), c1.add(b.c1));
    }

    public Fp2 sub(Fp2 b) {
        return new Fp2(c0.sub(b.c0), c1.sub(b.c1));
    }

    public Fp2 neg() {
        return new Fp2(c0.neg(), c1.neg());
    }

    public Fp2 dbl() {
        return new Fp2(c0.dbl(), c1.dbl());
    }

    /** Karatsuba: three base-field products. */
    public Fp2 mul(Fp2 b) {
        Fp v0 = c0.mul(b.c0);
        Fp v1 = c1.mul(b.c1);
        Fp cross = c0.add(c1).mul(b.c0.add(b.c1));
        return new Fp2(v0.sub(v1), cross.sub(v0).sub(v1));
    }

    public Fp2 mul(Fp b) {
        return new Fp2(c0.mul(b), c1.mul(b));
    }

    /** (c0 + c1)(c0 − c1) + 2·c0·c1·u: two base-field products. */
    public Fp2 square() {
        Fp cross = c0.mul(c1);
        return new Fp2(c0.add(c1).mul(c0.sub(c1)), cross.dbl());
    }

    /** Multiplication by ξ = 9 + u: (9c0 − c1) + (c0 + 9c1)·u, additions only. */
    public Fp2 mulByXi() {
        Fp nine0 = c0.dbl().dbl().dbl().add(c0);
        Fp nine1 = c1.dbl().dbl().dbl().add(c1);
        return new Fp2(nine0.sub(c1), c0.add(nine1));
    }

    public Fp2 conjugate() {
        return new Fp2(c0, c1.neg());
    }

    public Fp2 inverse() {
        Fp norm = c0.square().add(c1.square());
        Fp inv = norm.inverse();
        return new Fp2(c0.mul(inv), c1.neg().mul(inv));
    }

    /** The p^k-power Frobenius map: conjugation for odd k. */
    public Fp2 frobenius(int k) {
        return (k & 1) == 1 ? conjugate() : this;
    }

    /** {@code this^e} for {@code e ≥ 0} (not constant time: constants and public data only). */
    public Fp2 pow(BigInteger e) {
        Fp2 r = ONE;
        for (int i = e.bitLength() - 1; i >= 0; i--) {
            r = r.square();
            if (e.testBit(i)) {
                r = r.mul(this);
            }
        }
        return r;
    }

    public boolean isZero() {
        return c0.isZero() && c1.isZero();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fp2 f && f.c0.equals(c0) && f.c1.equals(c1);
    }

    @Override
    public int hashCode() {
        return c0.hashCode() * 31 + c1.hashCode();
    }

    @Override
    public String toString() {
        return "(" + c0 + " + " + c1 + "·u)";
    }
}
