package org.zkml4j.groth16.bn254;

import java.math.BigInteger;

/** A point of G2 (on the twist) (X : Y : Z) in Jacobian coordinates, x = X/Z², y = Y/Z³; Z = 0 is the identity. */
final class G2Jacobian {
    static final G2Jacobian INFINITY = new G2Jacobian(Fp2.ONE, Fp2.ONE, Fp2.ZERO);
    /** ξ^((p − 1)/3) and ξ^((p − 1)/2): ψ = φ⁻¹∘π∘φ (untwist, Frobenius, twist) is (x̄·PSI_X, ȳ·PSI_Y). */
    static final Fp2 PSI_X = Fp2.XI.pow(Fp.MODULUS.subtract(BigInteger.ONE).divide(BigInteger.valueOf(3)));
    static final Fp2 PSI_Y = Fp2.XI.pow(Fp.MODULUS.subtract(BigInteger.ONE).divide(BigInteger.TWO));
    private static final BigInteger U = BigInteger.valueOf(Bn254.U);

    final Fp2 x;
    final Fp2 y;
    final Fp2 z;

    G2Jacobian(Fp2 x, Fp2 y, Fp2 z) {
        this.x = x;
        this.y = y;
        this.z = z;
    }

    static G2Jacobian of(G2Point p) {
        return p.isInfinity() ? INFINITY : new G2Jacobian(p.x, p.y, Fp2.ONE);
    }

    boolean isInfinity() {
        return z.isZero();
    }

    /** dbl-2009-l (a = 0). */
    G2Jacobian dbl() {
        if (isInfinity()) {
            return this;
        }
        Fp2 a = x.square();
        Fp2 b = y.square();
        Fp2 c = b.square();
        Fp2 d = x.add(b).square().sub(a).sub(c).dbl();
        Fp2 e = a.dbl().add(a);
        Fp2 x3 = e.square().sub(d.dbl());
        Fp2 y3 = e.mul(d.sub(x3)).sub(c.dbl().dbl().dbl());
        return new G2Jacobian(x3, y3, y.mul(z).dbl());
    }

    /** add-2007-bl, with the doubling and inverse cases. */
    G2Jacobian add(G2Jacobian o) {
        if (isInfinity()) {
            return o;
        }
        if (o.isInfinity()) {
            return this;
        }
        Fp2 z1z1 = z.square();
        Fp2 z2z2 = o.z.square();
        Fp2 u1 = x.mul(z2z2);
        Fp2 u2 = o.x.mul(z1z1);
        Fp2 s1 = y.mul(o.z).mul(z2z2);
        Fp2 s2 = o.y.mul(z).mul(z1z1);
        Fp2 h = u2.sub(u1);
        Fp2 r = s2.sub(s1).dbl();
        if (h.isZero()) {
            return r.isZero() ? dbl() : INFINITY;
        }
        Fp2 i = h.dbl().square();
        Fp2 j = h.mul(i);
        Fp2 v = u1.mul(i);
        Fp2 x3 = r.square().sub(j).sub(v.dbl());
        Fp2 y3 = r.mul(v.sub(x3)).sub(s1.mul(j).dbl());
        Fp2 z3 = z.add(o.z).square().sub(z1z1).sub(z2z2).mul(h);
        return new G2Jacobian(x3, y3, z3);
    }

    /** [k]P for k ≥ 0 (double and add; public scalars only). */
    G2Jacobian multiply(BigInteger k) {
        G2Jacobian acc = INFINITY;
        for (int i = k.bitLength() - 1; i >= 0; i--) {
            acc = acc.dbl();
            if (k.testBit(i)) {
                acc = acc.add(this);
            }
        }
        return acc;
    }

    /** ψ in Jacobian coordinates: conjugating Z keeps x = X/Z², y = Y/Z³ consistent. */
    G2Jacobian psi() {
        return new G2Jacobian(x.conjugate().mul(PSI_X), y.conjugate().mul(PSI_Y), z.conjugate());
    }

    G2Jacobian negate() {
        return new G2Jacobian(x, y.neg(), z);
    }

    /**
     * Whether this twist point lies in G2, by the test of Dai, Lin, Zhao and Zhou (ePrint 2022/348,
     * valid for BN254 since u ≢ 4 mod 13 and u ≢ 92 mod 97): [u + 1]Q + ψ([u]Q) + ψ²([u]Q) = ψ³([2u]Q).
     * One 63-bit multiplication instead of one by r.
     */
    boolean isInSubgroup() {
        G2Jacobian uq = multiply(U);
        G2Jacobian lhs = uq.add(this).add(uq.psi()).add(uq.psi().psi());
        G2Jacobian rhs = uq.dbl().psi().psi().psi();
        return lhs.add(rhs.negate()).isInfinity();
    }

    G2Point toAffine() {
        if (isInfinity()) {
            return G2Point.INFINITY;
        }
        Fp2 zInv = z.inverse();
        Fp2 zInv2 = zInv.square();
        return new G2Point(x.mul(zInv2), y.mul(zInv2).mul(zInv));
    }
}
