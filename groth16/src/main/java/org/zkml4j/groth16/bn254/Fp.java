package org.zkml4j.groth16.bn254;

import java.math.BigInteger;

/**
 * An element of the BN254 base field F_p (p ≈ 2^254), immutable, in Montgomery form (a·2^256 mod p)
 * on four 64-bit little-endian limbs. Arithmetic never touches {@link BigInteger}: that is only used
 * to decode and encode decimal values.
 */
public final class Fp {
    /** The modulus p = 36u⁴ + 36u³ + 24u² + 6u + 1 with u = 4965661367192848881. */
    public static final BigInteger MODULUS = new BigInteger(
            "21888242871839275222246405745257275088696311157297823662689037894645226208583");

    static final long P0 = 0x3c208c16d87cfd47L;
    static final long P1 = 0x97816a916871ca8dL;
    static final long P2 = 0xb85045b68181585dL;
    static final long P3 = 0x30644e72e131a029L;
    /** −p⁻¹ mod 2^64. */
    static final long INV = 0x87d20782e4866389L;

    private static final BigInteger R_SQUARED = BigInteger.ONE.shiftLeft(512).mod(MODULUS);
    private static final BigInteger P_MINUS_2 = MODULUS.subtract(BigInteger.TWO);

    public static final Fp ZERO = new Fp(0, 0, 0, 0);
    public static final Fp ONE = fromBigInteger(BigInteger.ONE);

    final long l0;
    final long l1;
    final long l2;
    final long l3;

    private Fp(long l0, long l1, long l2, long l3) {
        this.l0 = l0;
        this.l1 = l1;
        this.l2 = l2;
        this.l3 = l3;
    }

    /** The element with canonical value {@code v}; rejects values outside [0, p). */
    public static Fp fromBigInteger(BigInteger v) {
        if (v.signum() < 0 || v.compareTo(MODULUS) >= 0) {
            throw new IllegalArgumentException("not a canonical base-field element (must be in [0, p))");
        }
        long[] a = limbs(v);
        long[] r2 = limbs(R_SQUARED);
        return montMul(a[0], a[1], a[2], a[3], r2[0], r2[1], r2[2], r2[3]);
    }

    /** The small integer {@code v ≥ 0} as a field element. */
    public static Fp of(long v) {
        return fromBigInteger(BigInteger.valueOf(v));
    }

    /** The canonical value in [0, p). */
    public BigInteger toBigInteger() {
        Fp plain = montMul(l0, l1, l2, l3, 1, 0, 0, 0);
        BigInteger v = BigInteger.ZERO;
        long[] limbs = {plain.l3, plain.l2, plain.l1, plain.l0};
        for (long limb : limbs) {
            v = v.shiftLeft(64).or(new BigInteger(Long.toUnsignedString(limb)));
        }
        return v;
    }

    public Fp add(Fp b) {
        long s0 = l0 + b.l0;
        long c = carry(l0, b.l0, s0);
        long t = l1 + b.l1;
        long s1 = t + c;
        c = carry(l1, b.l1, t) | carry(t, c, s1);
        t = l2 + b.l2;
        long s2 = t + c;
        c = carry(l2, b.l2, t) | carry(t, c, s2);
        return reduceOnce(s0, s1, s2, l3 + b.l3 + c);
    }

    public Fp sub(Fp b) {
        long d0 = l0 - b.l0;
        long w = borrow(l0, b.l0, d0);
        long t = l1 - b.l1;
        long d1 = t - w;
        w = borrow(l1, b.l1, t) | borrow(t, w, d1);
        t = l2 - b.l2;
        long d2 = t - w;
        w = borrow(l2, b.l2, t) | borrow(t, w, d2);
        t = l3 - b.l3;
        long d3 = t - w;
        w = borrow(l3, b.l3, t) | borrow(t, w, d3);
        long mask = -w;
        long s0 = d0 + (P0 & mask);
        long c = carry(d0, P0 & mask, s0);
        t = d1 + (P1 & mask);
        long s1 = t + c;
        c = carry(d1, P1 & mask, t) | carry(t, c, s1);
        t = d2 + (P2 & mask);
        long s2 = t + c;
        c = carry(d2, P2 & mask, t) | carry(t, c, s2);
        return new Fp(s0, s1, s2, d3 + (P3 & mask) + c);
    }

    public Fp neg() {
        return isZero() ? this : ZERO.sub(this);
    }

    public Fp dbl() {
        return add(this);
    }

    public Fp mul(Fp b) {
        return montMul(l0, l1, l2, l3, b.l0, b.l1, b.l2, b.l3);
    }

    public Fp square() {
        return montMul(l0, l1, l2, l3, l0, l1, l2, l3);
    }

    /** The inverse (Fermat); zero has none. */
    public Fp inverse() {
        if (isZero()) {
            throw new ArithmeticException("zero has no inverse");
        }
        return pow(P_MINUS_2);
    }

    /** {@code this^e} for {@code e ≥ 0} (square and multiply, not constant time: public data only). */
    public Fp pow(BigInteger e) {
        Fp r = ONE;
        for (int i = e.bitLength() - 1; i >= 0; i--) {
            r = r.square();
            if (e.testBit(i)) {
                r = r.mul(this);
            }
        }
        return r;
    }

    public boolean isZero() {
        return (l0 | l1 | l2 | l3) == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fp f && f.l0 == l0 && f.l1 == l1 && f.l2 == l2 && f.l3 == l3;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(l0 ^ l1 * 31 ^ l2 * 961 ^ l3 * 29791);
    }

    @Override
    public String toString() {
        return toBigInteger().toString();
    }

    /** The carry out of {@code s = a + b} (wrapping), branch-free: carries are data-dependent. */
    private static long carry(long a, long b, long s) {
        return ((a & b) | ((a | b) & ~s)) >>> 63;
    }

    /** The borrow out of {@code d = a − b} (wrapping), branch-free. */
    private static long borrow(long a, long b, long d) {
        return ((~a & b) | (~(a ^ b) & d)) >>> 63;
    }

    private static long mulHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    /** t − p if t ≥ p, else t (t < 2p), branch-free. */
    private static Fp reduceOnce(long t0, long t1, long t2, long t3) {
        long d0 = t0 - P0;
        long w = borrow(t0, P0, d0);
        long t = t1 - P1;
        long d1 = t - w;
        w = borrow(t1, P1, t) | borrow(t, w, d1);
        t = t2 - P2;
        long d2 = t - w;
        w = borrow(t2, P2, t) | borrow(t, w, d2);
        t = t3 - P3;
        long d3 = t - w;
        w = borrow(t3, P3, t) | borrow(t, w, d3);
        long keep = -w;
        return new Fp((t0 & keep) | (d0 & ~keep), (t1 & keep) | (d1 & ~keep), (t2 & keep) | (d2 & ~keep),
                (t3 & keep) | (d3 & ~keep));
    }

    /**
     * Montgomery product a·b·2^-256 mod p (CIOS; the top limb of p leaves spare bits, so the
     * running sum needs no fifth limb).
     */
    private static Fp montMul(long a0, long a1, long a2, long a3, long b0, long b1, long b2, long b3) {
        long t0, t1, t2, t3, A, C, m, lo, hi, s, u;
        t0 = a0 * b0; A = mulHigh(a0, b0);
        m = t0 * INV;
        lo = m * P0; hi = mulHigh(m, P0); s = lo + t0; hi += ((lo & t0) | ((lo | t0) & ~s)) >>> 63; C = hi;
        lo = a1 * b0; hi = mulHigh(a1, b0); s = lo + A; hi += ((lo & A) | ((lo | A) & ~s)) >>> 63; A = hi; t1 = s;
        lo = m * P1; hi = mulHigh(m, P1); s = lo + t1; hi += ((lo & t1) | ((lo | t1) & ~s)) >>> 63; u = s + C; hi += ((s & C) | ((s | C) & ~u)) >>> 63; C = hi; t0 = u;
        lo = a2 * b0; hi = mulHigh(a2, b0); s = lo + A; hi += ((lo & A) | ((lo | A) & ~s)) >>> 63; A = hi; t2 = s;
        lo = m * P2; hi = mulHigh(m, P2); s = lo + t2; hi += ((lo & t2) | ((lo | t2) & ~s)) >>> 63; u = s + C; hi += ((s & C) | ((s | C) & ~u)) >>> 63; C = hi; t1 = u;
        lo = a3 * b0; hi = mulHigh(a3, b0); s = lo + A; hi += ((lo & A) | ((lo | A) & ~s)) >>> 63; A = hi; t3 = s;
        lo = m * P3; hi = mulHigh(m, P3); s = lo + t3; hi += ((lo & t3) | ((lo | t3) & ~s)) >>> 63; u = s + C; hi += ((s & C) | ((s | C) & ~u)) >>> 63; C = hi; t2 = u;
        t3 = C + A;
        lo = a0 * b1; hi = mulHigh(a0, b1); s = lo + t0; hi += ((lo & t0) | ((lo | t0) & ~s)) >>> 63; t0 = s; A = hi;
        m = t0 * INV;
        lo = m * P0; hi = mulHigh(m, P0); s = lo + t0; hi += ((lo & t0) | ((lo | t0) & ~s)) >>> 63; C = hi;
        lo = a1 * b1; hi = mulHigh(a1, b1); s = lo + A; hi += ((lo & A) | ((lo | A) & ~s)) >>> 63; u = s + t1; hi += ((s & t1) | ((s | t1) & ~u)) >>> 63; A = hi; t1 = u;
        lo = m * P1; hi = mulHigh(m, P1); s = lo + t1; hi += ((lo & t1) | ((lo | t1) & ~s)) >>> 63; u = s + C; hi += ((s & C) | ((s | C) & ~u)) >>> 63; C = hi; t0 = u;
        lo = a2 * b1; hi = mulHigh(a2, b1); s = lo + A; hi += ((lo & A) | ((lo | A) & ~s)) >>> 63; u = s + t2; hi += ((s & t2) | ((s | t2) & ~u)) >>> 63; A = hi; t2 = u;
        lo = m * P2; hi = mulHigh(m, P2); s = lo + t2; hi += ((lo & t2) | ((lo | t2) & ~s)) >>> 63; u = s + C; hi += ((s & C) | ((s | C) & ~u)) >>> 63; C = hi; t1 = u;
        lo = a3 * b1; hi = mulHigh(a3, b1); s = lo + A; hi += ((lo & A) | ((lo | A) & ~s)) >>> 63; u = s + t3; hi += ((s & t3) | ((s | t3) & ~u)) >>> 63; A = hi; t3 = u;
        lo = m * P3; hi = mulHigh(m, P3); s = lo + t3; hi += ((lo & t3) | ((lo | t3) & ~s)) >>> 63; u = s + C; hi += ((s & C) | ((s | C) & ~u)) >>> 63; C = hi; t2 = u;
        t3 = C + A;
        lo = a0 * b2; hi = mulHigh(a0, b2); s = lo + t0; hi += ((lo & t0) | ((lo | t0) & ~s)) >>> 63; t0 = s; A = hi;
        m = t0 * INV;
        lo = m * P0; hi = mulHigh(m, P0); s = lo + t0; hi += ((lo & t0) | ((lo | t0) & ~s)) >>> 63; C = hi;
        lo = a1 * b2; hi = mulHigh(a1, b2); s = lo + A; hi += ((lo & A) | ((lo | A) & ~s)) >>> 63; u = s + t1; hi += ((s & t1) | ((s | t1) & ~u)) >>> 63; A = hi; t1 = u;
        lo = m * P1; hi = mulHigh(m, P1); s = lo + t1; hi += ((lo & t1) | ((lo | t1) & ~s)) >>> 63; u = s + C; hi += ((s & C) | ((s | C) & ~u)) >>> 63; C = hi; t0 = u;
        lo = a2 * b2; hi = mulHigh(a2, b2); s = lo + A; hi += ((lo & A) | ((lo | A) & ~s)) >>> 63; u = s + t2; hi += ((s & t2) | ((s | t2) & ~u)) >>> 63; A = hi; t2 = u;
        lo = m * P2; hi = mulHigh(m, P2); s = lo + t2; hi += ((lo & t2) | ((lo | t2) & ~s)) >>> 63; u = s + C; hi += ((s & C) | ((s | C) & ~u)) >>> 63; C = hi; t1 = u;
        lo = a3 * b2; hi = mulHigh(a3, b2); s = lo + A; hi += ((lo & A) | ((lo | A) & ~s)) >>> 63; u = s + t3; hi += ((s & t3) | ((s | t3) & ~u)) >>> 63; A = hi; t3 = u;
        lo = m * P3; hi = mulHigh(m, P3); s = lo + t3; hi += ((lo & t3) | ((lo | t3) & ~s)) >>> 63; u = s + C; hi += ((s & C) | ((s | C) & ~u)) >>> 63; C = hi; t2 = u;
        t3 = C + A;
        lo = a0 * b3; hi = mulHigh(a0, b3); s = lo + t0; hi += ((lo & t0) | ((lo | t0) & ~s)) >>> 63; t0 = s; A = hi;
        m = t0 * INV;
        lo = m * P0; hi = mulHigh(m, P0); s = lo + t0; hi += ((lo & t0) | ((lo | t0) & ~s)) >>> 63; C = hi;
        lo = a1 * b3; hi = mulHigh(a1, b3); s = lo + A; hi += ((lo & A) | ((lo | A) & ~s)) >>> 63; u = s + t1; hi += ((s & t1) | ((s | t1) & ~u)) >>> 63; A = hi; t1 = u;
        lo = m * P1; hi = mulHigh(m, P1); s = lo + t1; hi += ((lo & t1) | ((lo | t1) & ~s)) >>> 63; u = s + C; hi += ((s & C) | ((s | C) & ~u)) >>> 63; C = hi; t0 = u;
        lo = a2 * b3; hi = mulHigh(a2, b3); s = lo + A; hi += ((lo & A) | ((lo | A) & ~s)) >>> 63; u = s + t2; hi += ((s & t2) | ((s | t2) & ~u)) >>> 63; A = hi; t2 = u;
        lo = m * P2; hi = mulHigh(m, P2); s = lo + t2; hi += ((lo & t2) | ((lo | t2) & ~s)) >>> 63; u = s + C; hi += ((s & C) | ((s | C) & ~u)) >>> 63; C = hi; t1 = u;
        lo = a3 * b3; hi = mulHigh(a3, b3); s = lo + A; hi += ((lo & A) | ((lo | A) & ~s)) >>> 63; u = s + t3; hi += ((s & t3) | ((s | t3) & ~u)) >>> 63; A = hi; t3 = u;
        lo = m * P3; hi = mulHigh(m, P3); s = lo + t3; hi += ((lo & t3) | ((lo | t3) & ~s)) >>> 63; u = s + C; hi += ((s & C) | ((s | C) & ~u)) >>> 63; C = hi; t2 = u;
        t3 = C + A;
        return reduceOnce(t0, t1, t2, t3);
    }

    private static long[] limbs(BigInteger v) {
        long[] out = new long[4];
        for (int i = 0; i < 4; i++) {
            out[i] = v.shiftRight(64 * i).longValue();
        }
        return out;
    }
}
