package org.zkml4j.backend.ntt;

import org.zkml4j.backend.field.Goldilocks;

/**
 * Goldilocks kernels for the transform inner loops, bit-for-bit equal to {@link Goldilocks#mul},
 * {@link Goldilocks#add} and {@link Goldilocks#sub} on canonical inputs.
 *
 * <p>The corrections that go either way about half the time on NTT data (the borrow of add/sub and
 * the carry in the reduction) are computed as arithmetic masks, never as conditionals. Written as
 * {@code if}s or {@code ?:}, C2 picks mispredicted branches or conditional moves depending on the
 * branch profile it happened to collect: after a warm-up on zero-padded inputs a 2^20 transform was
 * measured 2.4× slower than after one on random inputs. Only corrections that fire with probability
 * about 2^−32 stay conditionals, since a branch is the cheapest option for them.
 */
final class Fp {
    static final long P = Goldilocks.P;
    /** 2^32 − 1 = 2^64 mod p, so adding p modulo 2^64 is subtracting EPSILON. */
    private static final long EPSILON = 0xFFFF_FFFFL;
    /** Flipping the sign bit turns an unsigned comparison into a signed one. */
    private static final long MIN = Long.MIN_VALUE;

    private Fp() {}

    static long add(long a, long b) {
        long t = P - b; // in (0, p]; a + b ≡ a − t
        long d = a - t;
        return d - (borrowMask(a, t, d) >>> 32); // on borrow add p
    }

    static long sub(long a, long b) {
        long d = a - b;
        return d - (borrowMask(a, b, d) >>> 32); // on borrow add p
    }

    static long mul(long a, long b) {
        long lo = a * b;
        long hi = Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a); // unsigned high word
        // hi·2^64 + lo ≡ lo − hiHi + hiLo·(2^32 − 1)   (2^64 ≡ 2^32 − 1, 2^96 ≡ −1)
        long hiHi = hi >>> 32;
        long hiLo = hi & EPSILON;
        long t0 = lo - hiHi;
        t0 = (lo ^ MIN) < (hiHi ^ MIN) ? t0 - EPSILON : t0; // rare borrow: add p
        long t1 = (hiLo << 32) - hiLo;
        long r = t0 + t1;
        r += (((t0 & t1) | ((t0 | t1) & ~r)) >> 63) >>> 32; // carry: 2^64 ≡ 2^32 − 1
        return (r ^ MIN) >= (P ^ MIN) ? r - P : r; // rare: r ≥ p
    }

    /**
     * x·2^48, which is ω_4 = {@code Goldilocks.rootOfUnity(2)}: the 128-bit product is a pair of
     * shifts, so only the reduction of {@link #mul} remains.
     */
    static long mulTwoTo48(long x) {
        long hi = x >>> 16;
        long lo = x << 48;
        long hiHi = hi >>> 32;
        long hiLo = hi & EPSILON;
        long t0 = lo - hiHi;
        t0 = (lo ^ MIN) < (hiHi ^ MIN) ? t0 - EPSILON : t0; // rare borrow: add p
        long t1 = (hiLo << 32) - hiLo;
        long r = t0 + t1;
        r += (((t0 & t1) | ((t0 | t1) & ~r)) >> 63) >>> 32;
        return (r ^ MIN) >= (P ^ MIN) ? r - P : r;
    }

    /** All ones if x − y borrows (x &lt; y unsigned), else zero; {@code d} is x − y mod 2^64. */
    private static long borrowMask(long x, long y, long d) {
        return ((~x & y) | (~(x ^ y) & d)) >> 63;
    }
}
