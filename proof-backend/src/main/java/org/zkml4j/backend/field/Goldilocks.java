package org.zkml4j.backend.field;

/**
 * Arithmetic in the Goldilocks prime field, p = 2^64 − 2^32 + 1.
 *
 * <p>Elements are plain {@code long}s holding the canonical representative in {@code [0, p)},
 * read as unsigned. Every method returns a canonical value when its arguments are canonical;
 * {@link #reduce(long)} makes any 64-bit pattern canonical.
 *
 * <pre>{@code
 * long a = Goldilocks.reduce(12345), b = Goldilocks.inverse(a);
 * assert Goldilocks.mul(a, b) == Goldilocks.ONE;
 * }</pre>
 */
public final class Goldilocks {
    /** The modulus 2^64 − 2^32 + 1, as an unsigned long. */
    public static final long P = 0xFFFF_FFFF_0000_0001L;
    /** 2^32 − 1 = 2^64 mod p. */
    static final long EPSILON = 0xFFFF_FFFFL;
    public static final long ZERO = 0;
    public static final long ONE = 1;
    /** A generator of the multiplicative group (order p − 1). */
    public static final long GENERATOR = 7;
    /** The largest k with 2^k dividing p − 1. */
    public static final int TWO_ADICITY = 32;
    /** Size of an encoded element in bytes (little-endian, canonical). */
    public static final int BYTES = 8;

    private Goldilocks() {}

    /** Maps any 64-bit pattern, read as unsigned, to its canonical residue. */
    public static long reduce(long x) {
        return Long.compareUnsigned(x, P) >= 0 ? x - P : x;
    }

    /** Whether {@code x}, read as unsigned, is already a canonical residue. */
    public static boolean isCanonical(long x) {
        return Long.compareUnsigned(x, P) < 0;
    }

    /** The residue of a signed integer, e.g. {@code fromSigned(-1) == P - 1}. */
    public static long fromSigned(long v) {
        return v >= 0 ? reduce(v) : neg(reduce(-v));
    }

    /** Reads a canonical element as a signed integer in (−p/2, p/2). */
    public static long toSigned(long a) {
        return Long.compareUnsigned(a, P >>> 1) > 0 ? a - P : a;
    }

    /** a + b mod p. Branch-free: carries on random field elements are unpredictable. */
    public static long add(long a, long b) {
        long t = P - b; // in (0, p]; a + b ≡ a − t
        long d = a - t;
        return d - (borrowMask(a, t, d) >>> 32); // on borrow add p, i.e. subtract 2^32 − 1 mod 2^64
    }

    /** a − b mod p. */
    public static long sub(long a, long b) {
        long d = a - b;
        return d - (borrowMask(a, b, d) >>> 32);
    }

    public static long neg(long a) {
        return a == 0 ? 0 : P - a;
    }

    public static long dbl(long a) {
        return add(a, a);
    }

    /** a·b mod p. */
    public static long mul(long a, long b) {
        return reduce128(mulHigh(a, b), a * b);
    }

    public static long square(long a) {
        return mul(a, a);
    }

    /** The high 64 bits of the unsigned 128-bit product a·b (Java 17 has no unsignedMultiplyHigh). */
    public static long mulHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    /** Reduces the 128-bit value hi·2^64 + lo modulo p (2^64 ≡ 2^32 − 1, 2^96 ≡ −1). */
    public static long reduce128(long hi, long lo) {
        long hiHi = hi >>> 32;
        long hiLo = hi & EPSILON;
        long t0 = lo - hiHi;
        t0 = (lo ^ Long.MIN_VALUE) < (hiHi ^ Long.MIN_VALUE) ? t0 - EPSILON : t0; // rare borrow: add p
        long t1 = (hiLo << 32) - hiLo; // hiLo·(2^32 − 1)
        long r = t0 + t1;
        r += (((t0 & t1) | ((t0 | t1) & ~r)) >> 63) >>> 32; // carry out: 2^64 ≡ 2^32 − 1
        return (r ^ Long.MIN_VALUE) >= (P ^ Long.MIN_VALUE) ? r - P : r; // rare: r ≥ p
    }

    /** top·2^128 + hi·2^64 + lo modulo p, for top &lt; 2^32 (2^128 ≡ −2^32). */
    static long reduce192(long top, long hi, long lo) {
        return sub(reduce128(hi, lo), top << 32);
    }

    /** (a0·b0 + a1·b1) mod p, with one reduction of the exact sum. */
    public static long dot2(long a0, long b0, long a1, long b1) {
        long lo0 = a0 * b0;
        long lo1 = a1 * b1;
        long lo = lo0 + lo1;
        long hi0 = mulHigh(a0, b0) + carry(lo0, lo1, lo); // no wrap: hi0 ≤ 2^64 − 2^33
        long hi1 = mulHigh(a1, b1);
        long hi = hi0 + hi1;
        return reduce192(carry(hi0, hi1, hi), hi, lo);
    }

    /**
     * Lazy multiply-accumulate: acc[o..o+2] += a·b as an exact 192-bit integer (limbs low to high).
     * Up to 2^32 products of canonical elements fit before {@link #reduceAccumulator}.
     */
    public static void mac(long[] acc, int o, long a, long b) {
        long lo = a * b;
        long s = acc[o] + lo;
        long hi = mulHigh(a, b) + carry(acc[o], lo, s);
        acc[o] = s;
        long t = acc[o + 1] + hi;
        acc[o + 2] += carry(acc[o + 1], hi, t);
        acc[o + 1] = t;
    }

    /** The accumulator acc[o] + acc[o+1]·2^64 + acc[o+2]·2^128 modulo p. */
    public static long reduceAccumulator(long[] acc, int o) {
        return reduce192(acc[o + 2], acc[o + 1], acc[o]);
    }

    /** 1 if x + y carried out of 64 bits (s = x + y mod 2^64), else 0. */
    private static long carry(long x, long y, long s) {
        return ((x & y) | ((x | y) & ~s)) >>> 63;
    }

    /** All ones if x − y borrows (x &lt; y unsigned), else zero; d = x − y mod 2^64. */
    private static long borrowMask(long x, long y, long d) {
        return ((~x & y) | (~(x ^ y) & d)) >> 63;
    }

    public static long pow(long base, long exponent) {
        long result = ONE;
        long b = base;
        long e = exponent;
        while (e != 0) {
            if ((e & 1) != 0) {
                result = mul(result, b);
            }
            b = mul(b, b);
            e >>>= 1;
        }
        return result;
    }

    /**
     * The multiplicative inverse.
     *
     * @throws ArithmeticException if {@code a == 0}
     */
    public static long inverse(long a) {
        if (a == 0) {
            throw new ArithmeticException("zero has no inverse in the Goldilocks field");
        }
        return pow(a, P - 2);
    }

    /**
     * Inverts every element in place with one field inversion (Montgomery's trick).
     *
     * @throws ArithmeticException if any element is zero
     */
    public static void batchInverse(long[] values) {
        int n = values.length;
        if (n == 0) {
            return;
        }
        long[] prefix = new long[n];
        long acc = ONE;
        for (int i = 0; i < n; i++) {
            if (values[i] == 0) {
                throw new ArithmeticException("zero at index " + i + " has no inverse");
            }
            prefix[i] = acc;
            acc = mul(acc, values[i]);
        }
        long inv = inverse(acc);
        for (int i = n - 1; i >= 0; i--) {
            long v = values[i];
            values[i] = mul(inv, prefix[i]);
            inv = mul(inv, v);
        }
    }

    /**
     * A primitive 2^logN-th root of unity.
     *
     * @throws IllegalArgumentException if {@code logN} is outside [0, 32]
     */
    public static long rootOfUnity(int logN) {
        if (logN < 0 || logN > TWO_ADICITY) {
            throw new IllegalArgumentException("no 2^" + logN + "-th root of unity: two-adicity is 32");
        }
        // 7^((p−1)/2^32) has order 2^32; square it down.
        long w = pow(GENERATOR, (P - 1) >>> TWO_ADICITY);
        for (int i = TWO_ADICITY; i > logN; i--) {
            w = mul(w, w);
        }
        return w;
    }

    /** Writes the canonical little-endian encoding of {@code a} into {@code out} at {@code offset}. */
    public static void encode(long a, byte[] out, int offset) {
        for (int i = 0; i < BYTES; i++) {
            out[offset + i] = (byte) (a >>> (8 * i));
        }
    }

    /**
     * Reads a little-endian encoding; rejects non-canonical values (≥ p).
     *
     * @throws IllegalArgumentException if the value is not canonical
     */
    public static long decode(byte[] in, int offset) {
        long v = 0;
        for (int i = 0; i < BYTES; i++) {
            v |= (in[offset + i] & 0xFFL) << (8 * i);
        }
        if (!isCanonical(v)) {
            throw new IllegalArgumentException("field element is not canonical (≥ p)");
        }
        return v;
    }

    /** Unsigned decimal form, for messages and debugging. */
    public static String toString(long a) {
        return Long.toUnsignedString(a);
    }
}
