package org.zkml4j.groth16.bn254;

/** A G1 point (X : Y : Z) in Jacobian coordinates, x = X/Z², y = Y/Z³; Z = 0 is the identity. */
final class G1Jacobian {
    static final G1Jacobian INFINITY = new G1Jacobian(Fp.ONE, Fp.ONE, Fp.ZERO);

    final Fp x;
    final Fp y;
    final Fp z;

    G1Jacobian(Fp x, Fp y, Fp z) {
        this.x = x;
        this.y = y;
        this.z = z;
    }

    static G1Jacobian of(G1Point p) {
        return p.isInfinity() ? INFINITY : new G1Jacobian(p.x, p.y, Fp.ONE);
    }

    boolean isInfinity() {
        return z.isZero();
    }

    /** dbl-2009-l (a = 0). */
    G1Jacobian dbl() {
        if (isInfinity()) {
            return this;
        }
        Fp a = x.square();
        Fp b = y.square();
        Fp c = b.square();
        Fp d = x.add(b).square().sub(a).sub(c).dbl();
        Fp e = a.dbl().add(a);
        Fp x3 = e.square().sub(d.dbl());
        Fp y3 = e.mul(d.sub(x3)).sub(c.dbl().dbl().dbl());
        return new G1Jacobian(x3, y3, y.mul(z).dbl());
    }

    /** add-2007-bl, with the doubling and inverse cases. */
    G1Jacobian add(G1Jacobian o) {
        if (isInfinity()) {
            return o;
        }
        if (o.isInfinity()) {
            return this;
        }
        Fp z1z1 = z.square();
        Fp z2z2 = o.z.square();
        Fp u1 = x.mul(z2z2);
        Fp u2 = o.x.mul(z1z1);
        Fp s1 = y.mul(o.z).mul(z2z2);
        Fp s2 = o.y.mul(z).mul(z1z1);
        Fp h = u2.sub(u1);
        Fp r = s2.sub(s1).dbl();
        if (h.isZero()) {
            return r.isZero() ? dbl() : INFINITY;
        }
        Fp i = h.dbl().square();
        Fp j = h.mul(i);
        Fp v = u1.mul(i);
        Fp x3 = r.square().sub(j).sub(v.dbl());
        Fp y3 = r.mul(v.sub(x3)).sub(s1.mul(j).dbl());
        Fp z3 = z.add(o.z).square().sub(z1z1).sub(z2z2).mul(h);
        return new G1Jacobian(x3, y3, z3);
    }

    /** madd-2007-bl: addition of an affine point. */
    G1Jacobian add(G1Point o) {
        if (o.isInfinity()) {
            return this;
        }
        if (isInfinity()) {
            return of(o);
        }
        Fp z1z1 = z.square();
        Fp u2 = o.x.mul(z1z1);
        Fp s2 = o.y.mul(z).mul(z1z1);
        Fp h = u2.sub(x);
        Fp r = s2.sub(y).dbl();
        if (h.isZero()) {
            return r.isZero() ? dbl() : INFINITY;
        }
        Fp hh = h.square();
        Fp i = hh.dbl().dbl();
        Fp j = h.mul(i);
        Fp v = x.mul(i);
        Fp x3 = r.square().sub(j).sub(v.dbl());
        Fp y3 = r.mul(v.sub(x3)).sub(y.mul(j).dbl());
        Fp z3 = z.add(h).square().sub(z1z1).sub(hh);
        return new G1Jacobian(x3, y3, z3);
    }

    G1Point toAffine() {
        if (isInfinity()) {
            return G1Point.INFINITY;
        }
        Fp zInv = z.inverse();
        Fp zInv2 = zInv.square();
        return new G1Point(x.mul(zInv2), y.mul(zInv2).mul(zInv));
    }
}
