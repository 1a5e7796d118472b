package org.zkml4j.backend.field;

import static org.zkml4j.backend.field.Goldilocks.mul;
import static org.zkml4j.backend.field.Goldilocks.sub;

/**
 * The quadratic extension F_p[x]/(x² − 7) of {@link Goldilocks}, with about 2^128 elements.
 * Every verifier challenge lives here.
 *
 * <p>An element c0 + c1·x is an immutable value. Hot loops that cannot afford allocation use the
 * static component kernels ({@link #mulC0}, {@link #mulC1}) on interleaved {@code long[]} tables
 * ({@code [c0, c1, c0, c1, …]}).
 *
 * <pre>{@code
 * Ext a = Ext.of(3, 5);
 * assert a.mul(a.inverse()).equals(Ext.ONE);
 * }</pre>
 */
public final class GoldilocksExt {
    /** The non-residue W with x² = W. */
    public static final long W = 7;
    /** Size of an encoded element in bytes. */
    public static final int BYTES = 2 * Goldilocks.BYTES;

    private GoldilocksExt() {}

    /** Real part of (a0 + a1·x)(b0 + b1·x). */
    public static long mulC0(long a0, long a1, long b0, long b1) {
        return Goldilocks.dot2(a0, b0, a1, times7(b1));
    }

    /** Coefficient of x in (a0 + a1·x)(b0 + b1·x). */
    public static long mulC1(long a0, long a1, long b0, long b1) {
        return Goldilocks.dot2(a0, b1, a1, b0);
    }

    /** 7·a mod p: 8a − a as a 67-bit value, then one reduction. */
    public static long times7(long a) {
        long lo8 = a << 3;
        long lo = lo8 - a;
        long hi = (a >>> 61) - (((~lo8 & a) | (~(lo8 ^ a) & lo)) >>> 63);
        return Goldilocks.reduce128(hi, lo);
    }

    /** Inverse of a0 + a1·x as an array {c0, c1}. Uses (a0 − a1·x)/(a0² − 7a1²). */
    static long[] inverse(long a0, long a1) {
        long norm = sub(mul(a0, a0), mul(W, mul(a1, a1)));
        long inv = Goldilocks.inverse(norm); // norm ≠ 0 for non-zero input: 7 is a non-residue
        return new long[] {mul(a0, inv), Goldilocks.neg(mul(a1, inv))};
    }

    /**
     * Σ_i (wRe[i] + wIm[i]·x)·v[offset + i] for extension weights given by their parts and base
     * values, with lazy (one-reduction) accumulation.
     *
     * @return {c0, c1} of the sum
     */
    public static long[] dotBase(long[] wRe, long[] wIm, long[] v, int offset, int count) {
        long[] acc = new long[6];
        for (int i = 0; i < count; i++) {
            long x = v[offset + i];
            Goldilocks.mac(acc, 0, wRe[i], x);
            Goldilocks.mac(acc, 3, wIm[i], x);
        }
        return new long[] {Goldilocks.reduceAccumulator(acc, 0), Goldilocks.reduceAccumulator(acc, 3)};
    }
}
