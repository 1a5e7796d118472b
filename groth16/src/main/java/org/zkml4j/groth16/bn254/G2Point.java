package org.zkml4j.groth16.bn254;

import java.math.BigInteger;

/**
 * A point of G2, the order-r subgroup of the D-type twist E'(F_p²): y² = x³ + 3/ξ, in affine
 * coordinates, immutable. The twist has a large cofactor, so {@link #of} checks both that the point
 * is on E' and that it is in the order-r subgroup (an endomorphism test equivalent to [r]Q = ∞);
 * a point that passes is safe to pair.
 */
public final class G2Point {
    static final Fp2 B = Fp2.XI.inverse().mul(Fp.of(3));

    public static final G2Point INFINITY = new G2Point();
    /** The generator used by snarkjs and Ethereum (EIP-197). */
    public static final G2Point GENERATOR = new G2Point(
            new Fp2(fp("10857046999023057135944570762232829481370756359578518086990519993285655852781"),
                    fp("11559732032986387107991004021392285783925812861821192530917403151452391805634")),
            new Fp2(fp("8495653923123431417604973247489272438418190587263600148770280649306958101930"),
                    fp("4082367875863433681332203403145435568316851327593401208105741076214120093531")));

    final Fp2 x;
    final Fp2 y;
    private final boolean infinity;

    G2Point(Fp2 x, Fp2 y) {
        this.x = x;
        this.y = y;
        this.infinity = false;
    }

    private G2Point() {
        this.x = Fp2.ZERO;
        this.y = Fp2.ZERO;
        this.infinity = true;
    }

    /**
     * The affine point (x0 + x1·u, y0 + y1·u) (snarkjs order: real part first); rejects
     * non-canonical coordinates, points off the twist and points outside the order-r subgroup.
     */
    public static G2Point of(BigInteger x0, BigInteger x1, BigInteger y0, BigInteger y1) {
        Fp2 x = new Fp2(Fp.fromBigInteger(x0), Fp.fromBigInteger(x1));
        Fp2 y = new Fp2(Fp.fromBigInteger(y0), Fp.fromBigInteger(y1));
        if (!isOnTwist(x, y)) {
            throw new IllegalArgumentException("G2 point is not on the twist y² = x³ + 3/(9 + u)");
        }
        G2Point p = new G2Point(x, y);
        if (!G2Jacobian.of(p).isInSubgroup()) {
            throw new IllegalArgumentException("G2 point is on the twist but not in the order-r subgroup");
        }
        return p;
    }

    static boolean isOnTwist(Fp2 x, Fp2 y) {
        return y.square().equals(x.square().mul(x).add(B));
    }

    public boolean isInfinity() {
        return infinity;
    }

    public G2Point negate() {
        return infinity ? this : new G2Point(x, y.neg());
    }

    public G2Point add(G2Point o) {
        return G2Jacobian.of(this).add(G2Jacobian.of(o)).toAffine();
    }

    /** [k]Q for k ≥ 0. */
    public G2Point multiply(BigInteger k) {
        return G2Jacobian.of(this).multiply(k).toAffine();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof G2Point p && p.infinity == infinity && p.x.equals(x) && p.y.equals(y);
    }

    @Override
    public int hashCode() {
        return infinity ? 0 : x.hashCode() * 31 + y.hashCode();
    }

    @Override
    public String toString() {
        return infinity ? "G2(∞)" : "G2(" + x + ", " + y + ")";
    }

    private static Fp fp(String decimal) {
        return Fp.fromBigInteger(new BigInteger(decimal));
    }
}
