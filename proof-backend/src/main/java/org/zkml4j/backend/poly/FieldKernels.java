package org.zkml4j.backend.poly;

import org.zkml4j.backend.field.Goldilocks;
import org.zkml4j.backend.field.GoldilocksExt;

/**
 * Branch-free Goldilocks and extension-field kernels for hot loops over {@code long[]} tables.
 *
 * <p>Results are identical to {@link Goldilocks} and {@link GoldilocksExt} on canonical inputs;
 * these versions avoid data-dependent branches (which mispredict on random field elements) and
 * offer lazy accumulation: {@link #mac} adds exact 128-bit products into a three-limb accumulator
 * that is reduced once with {@link #reduceAccumulator}.
 *
 * <pre>{@code
 * long[] acc = new long[3];
 * for (int i = 0; i < n; i++) FieldKernels.mac(acc, 0, a[i], b[i]);
 * long dot = FieldKernels.reduceAccumulator(acc, 0);   // Σ a[i]·b[i] mod p
 * }</pre>
 */
public final class FieldKernels {
    private static final long P = Goldilocks.P;
    private static final long EPSILON = 0xFFFF_FFFFL; // 2^64 mod p

    private FieldKernels() {}

    /** a + b mod p for canonical inputs. */
    public static long add(long a, long b) {
        long s = a + b;
        s += Long.compareUnsigned(s, a) < 0 ? EPSILON : 0; // 2^64 ≡ 2^32 − 1; no second carry
        return Long.compareUnsigned(s, P) >= 0 ? s - P : s;
    }

    /** a − b mod p for canonical inputs. */
    public static long sub(long a, long b) {
        long d = a - b;
        return Long.compareUnsigned(a, b) < 0 ? d + P : d;
    }

    /** The high 64 bits of the unsigned 128-bit product a·b. */
    public static long mulHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    /** Reduces hi·2^64 + lo modulo p (any 128-bit value). */
    public static long reduce128(long hi, long lo) {
        long hiHi = hi >>> 32;
        long hiLo = hi & EPSILON;
        long t0 = lo - hiHi; // 2^96 ≡ −1
        t0 -= Long.compareUnsigned(lo, hiHi) < 0 ? EPSILON : 0; // borrow: add p ≡ subtract 2^32 − 1 mod 2^64
        long t1 = (hiLo << 32) - hiLo; // hiLo·(2^32 − 1), 2^64 ≡ 2^32 − 1
        long r = t0 + t1;
        r += Long.compareUnsigned(r, t1) < 0 ? EPSILON : 0;
        return Long.compareUnsigned(r, P) >= 0 ? r - P : r;
    }

    /** a·b mod p for canonical inputs. */
    public static long mul(long a, long b) {
        return reduce128(mulHigh(a, b), a * b);
    }

    /**
     * acc[o..o+2] += a·b as an exact 192-bit integer (limbs low to high). Up to 2^32 products
     * (of canonical inputs) may be accumulated before {@link #reduceAccumulator}.
     */
    public static void mac(long[] acc, int o, long a, long b) {
        long lo = a * b;
        long hi = mulHigh(a, b); // ≤ 2^64 − 2^33 for canonical inputs, so hi + 1 does not wrap
        long s = acc[o] + lo;
        hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
        acc[o] = s;
        long t = acc[o + 1] + hi;
        acc[o + 2] += Long.compareUnsigned(t, hi) < 0 ? 1 : 0;
        acc[o + 1] = t;
    }

    /** The three-limb value acc[o] + acc[o+1]·2^64 + acc[o+2]·2^128 modulo p (top limb < 2^32). */
    public static long reduceAccumulator(long[] acc, int o) {
        return reduce192(acc[o + 2], acc[o + 1], acc[o]);
    }

    /** top·2^128 + hi·2^64 + lo modulo p, for top < 2^32 (2^128 ≡ −2^32). */
    static long reduce192(long top, long hi, long lo) {
        return sub(reduce128(hi, lo), top << 32);
    }

    /** (a0·b0 + a1·b1) mod p: two exact products summed before one reduction. */
    public static long dot2(long a0, long b0, long a1, long b1) {
        long lo0 = a0 * b0, hi0 = mulHigh(a0, b0);
        long lo1 = a1 * b1, hi1 = mulHigh(a1, b1);
        long lo = lo0 + lo1;
        long c = Long.compareUnsigned(lo, lo0) < 0 ? 1 : 0;
        long hi = hi0 + c; // no wrap: hi0 ≤ 2^64 − 2^33
        long h = hi + hi1;
        long top = Long.compareUnsigned(h, hi1) < 0 ? 1 : 0;
        return reduce192(top, h, lo);
    }

    /** Real part of (a0 + a1·x)(b0 + b1·x) in F_p[x]/(x² − 7). */
    public static long extMulC0(long a0, long a1, long b0, long b1) {
        return dot2(a0, b0, a1, times7(b1));
    }

    /** Coefficient of x in (a0 + a1·x)(b0 + b1·x). */
    public static long extMulC1(long a0, long a1, long b0, long b1) {
        return dot2(a0, b1, a1, b0);
    }

    /** 7·a mod p, branch-free. */
    public static long times7(long a) {
        // 7a = 8a − a as a 67-bit value, then reduce: hi < 8
        long lo8 = a << 3;
        long hi = a >>> 61;
        long lo = lo8 - a;
        hi -= Long.compareUnsigned(lo8, a) < 0 ? 1 : 0;
        return reduce128(hi, lo);
    }
}
