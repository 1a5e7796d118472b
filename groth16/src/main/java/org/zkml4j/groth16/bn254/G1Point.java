package org.zkml4j.groth16.bn254;

import java.math.BigInteger;

/**
 * A point of G1 = E(F_p), E: y² = x³ + 3, in affine coordinates, immutable. E(F_p) has prime
 * order {@link Bn254#ORDER} (cofactor 1), so every point on the curve is in the group: {@link #of}
 * checks exactly that.
 */
public final class G1Point {
    private static final Fp B = Fp.of(3);

    public static final G1Point INFINITY = new G1Point();
    public static final G1Point GENERATOR = new G1Point(Fp.ONE, Fp.of(2));

    final Fp x;
    final Fp y;
    private final boolean infinity;

    G1Point(Fp x, Fp y) {
        this.x = x;
        this.y = y;
        this.infinity = false;
    }

    private G1Point() {
        this.x = Fp.ZERO;
        this.y = Fp.ZERO;
        this.infinity = true;
    }

    /** The affine point (x, y); rejects non-canonical coordinates and points off the curve. */
    public static G1Point of(BigInteger x, BigInteger y) {
        Fp fx = Fp.fromBigInteger(x);
        Fp fy = Fp.fromBigInteger(y);
        if (!fy.square().equals(fx.square().mul(fx).add(B))) {
            throw new IllegalArgumentException("G1 point is not on the curve y² = x³ + 3");
        }
        return new G1Point(fx, fy);
    }

    public boolean isInfinity() {
        return infinity;
    }

    public BigInteger x() {
        return x.toBigInteger();
    }

    public BigInteger y() {
        return y.toBigInteger();
    }

    public G1Point negate() {
        return infinity ? this : new G1Point(x, y.neg());
    }

    public G1Point add(G1Point o) {
        return G1Jacobian.of(this).add(o).toAffine();
    }

    /** [k]P for k ≥ 0. */
    public G1Point multiply(BigInteger k) {
        return linearCombination(new G1Point[] {this}, new BigInteger[] {k});
    }

    /**
     * Σ [k_i]P_i for scalars 0 ≤ k_i &lt; 2^256, with one shared doubling chain (Straus); the cost
     * follows the longest scalar, so small public signals are cheap.
     */
    public static G1Point linearCombination(G1Point[] points, BigInteger[] scalars) {
        if (points.length != scalars.length) {
            throw new IllegalArgumentException(points.length + " points but " + scalars.length + " scalars");
        }
        int bits = 0;
        for (BigInteger k : scalars) {
            if (k.signum() < 0 || k.bitLength() > 256) {
                throw new IllegalArgumentException("scalar outside [0, 2^256)");
            }
            bits = Math.max(bits, k.bitLength());
        }
        long[][] limbs = new long[scalars.length][4];
        for (int i = 0; i < scalars.length; i++) {
            for (int l = 0; l < 4; l++) {
                limbs[i][l] = scalars[i].shiftRight(64 * l).longValue();
            }
        }
        G1Jacobian acc = G1Jacobian.INFINITY;
        for (int bit = bits - 1; bit >= 0; bit--) {
            acc = acc.dbl();
            for (int i = 0; i < points.length; i++) {
                if (((limbs[i][bit >>> 6] >>> (bit & 63)) & 1) != 0) {
                    acc = acc.add(points[i]);
                }
            }
        }
        return acc.toAffine();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof G1Point p && p.infinity == infinity && p.x.equals(x) && p.y.equals(y);
    }

    @Override
    public int hashCode() {
        return infinity ? 0 : x.hashCode() * 31 + y.hashCode();
    }

    @Override
    public String toString() {
        return infinity ? "G1(∞)" : "G1(" + x + ", " + y + ")";
    }
}
