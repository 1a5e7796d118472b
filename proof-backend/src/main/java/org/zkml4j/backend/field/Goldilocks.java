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

    public static long add(long a, long b) {
        long s = a + b;
        // carry out of 64 bits, or s >= p: subtract p (equivalently add EPSILON on carry)
        if (Long.compareUnsigned(s, a) < 0) {
            s += EPSILON; // s + 2^64 − p; cannot carry again for canonical inputs
            return s;
        }
        return Long.compareUnsigned(s, P) >= 0 ? s - P : s;
    }

    public static long sub(long a, long b) {
        long d = a - b;
        return Long.compareUnsigned(a, b) < 0 ? d + P : d;
    }

    public static long neg(long a) {
        return a == 0 ? 0 : P - a;
    }

    public static long dbl(long a) {
        return add(a, a);
    }

    public static long mul(long a, long b) {
        long lo = a * b;
        long hi = Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
        return reduce128(hi, lo);
    }

    public static long square(long a) {
        return mul(a, a);
    }

    /** Reduces the 128-bit value hi·2^64 + lo modulo p (2^64 ≡ 2^32 − 1, 2^96 ≡ −1). */
    static long reduce128(long hi, long lo) {
        long hiHi = hi >>> 32;
        long hiLo = hi & EPSILON;
        long t0 = lo - hiHi;
        if (Long.compareUnsigned(lo, hiHi) < 0) {
            t0 -= EPSILON; // borrow: add p, i.e. subtract 2^32 − 1 modulo 2^64
        }
        long t1 = hiLo * EPSILON;
        long r = t0 + t1;
        if (Long.compareUnsigned(r, t1) < 0) {
            r += EPSILON; // carry: 2^64 ≡ 2^32 − 1
        }
        return reduce(r);
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
