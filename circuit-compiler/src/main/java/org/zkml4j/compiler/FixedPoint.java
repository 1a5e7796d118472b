package org.zkml4j.compiler;

/**
 * The exact integer arithmetic of the compiled circuit: power-of-two fixed point, rounding,
 * saturation and requantization. Every rule here is part of the statement the proofs attest; see
 * {@code docs/quantization.md} for the formulas.
 *
 * <pre>{@code
 * long q = FixedPoint.quantize(0.3, 7, 127);        // round(0.3·2^7) = 38
 * long z = FixedPoint.requantize(1000, 4);          // floor((1000 + 8) / 16) = 63
 * long r = FixedPoint.requantizeRemainder(1000, 4); // 1000 + 8 = 63·16 + 0
 * }</pre>
 */
public final class FixedPoint {
    private FixedPoint() {}

    /**
     * Rounds to the nearest integer, ties away from zero ({@code 2.5 → 3}, {@code −2.5 → −3}).
     * Exact for every finite double whose result fits in a {@code long}.
     *
     * @throws IllegalArgumentException if {@code v} is NaN, infinite or |v| ≥ 2^63
     */
    public static long roundHalfAwayFromZero(double v) {
        if (!(Math.abs(v) < 0x1p63)) {
            throw new IllegalArgumentException("cannot round " + v + " to a 64-bit integer");
        }
        double a = Math.abs(v);
        double t = Math.floor(a); // a − t is exact: both share an exponent range
        long r = (long) t + (a - t >= 0.5 ? 1 : 0);
        return v < 0 ? -r : r;
    }

    /**
     * Quantizes a real value to {@code f} fractional bits with saturation:
     * {@code clamp(roundHalfAwayFromZero(v·2^f), −limit, limit)}. Scaling by 2^f is exact in
     * double precision, so the result is the exact rounding of the real product.
     *
     * @throws IllegalArgumentException if {@code v} is NaN or infinite
     */
    public static long quantize(double v, int f, long limit) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("cannot quantize non-finite value " + v);
        }
        double s = Math.scalb(v, f);
        if (s >= limit) {
            return limit;
        }
        if (s <= -limit) {
            return -limit;
        }
        return roundHalfAwayFromZero(s);
    }

    /** The symmetric integer limit Q = 2^(bits−1) − 1 of a signed {@code bits}-bit tensor. */
    public static int limit(int bits) {
        if (bits < 2 || bits > 31) {
            throw new IllegalArgumentException("bit width " + bits + " outside [2, 31]");
        }
        return (1 << (bits - 1)) - 1;
    }

    /**
     * ceil(log2(m)) for a finite m &gt; 0, computed exactly from the binary exponent (no
     * floating-point logarithm): 1 → 0, 1.5 → 1, 2 → 1, 0.5 → −1, 0.3 → −1.
     */
    public static int ceilLog2(double m) {
        if (!(m > 0) || !Double.isFinite(m)) {
            throw new IllegalArgumentException("ceilLog2 needs a finite positive value, got " + m);
        }
        int e = Math.getExponent(m);
        if (e < Double.MIN_EXPONENT) { // subnormal
            return ceilLog2(Math.scalb(m, 64)) - 64;
        }
        return Math.scalb(1.0, e) == m ? e : e + 1;
    }

    /**
     * The calibrated fractional bits of a tensor whose largest magnitude is {@code maxAbs}:
     * {@code (bits − 1) − ceil(log2(maxAbs))}, or {@code bits − 1} when {@code maxAbs == 0}.
     * No range check; {@link CircuitCompiler} clamps and refuses.
     */
    public static int fractionalBits(double maxAbs, int bits) {
        if (maxAbs == 0) {
            return bits - 1;
        }
        return (bits - 1) - ceilLog2(maxAbs);
    }

    /**
     * Requantizes an accumulator by a right shift of {@code k} bits with round-half-up:
     * {@code z = floor((y + 2^(k−1)) / 2^k)} for {@code k ≥ 1}, {@code z = y} for {@code k = 0}.
     * The caller guarantees (bound analysis) that {@code y + 2^(k−1)} does not overflow.
     */
    public static long requantize(long y, int k) {
        checkShift(k);
        return k == 0 ? y : (y + (1L << (k - 1))) >> k;
    }

    /**
     * The remainder r of requantization: {@code y + 2^(k−1) = z·2^k + r} with {@code 0 ≤ r < 2^k}
     * ({@code r = 0} for {@code k = 0}).
     */
    public static long requantizeRemainder(long y, int k) {
        checkShift(k);
        return k == 0 ? 0 : (y + (1L << (k - 1))) & ((1L << k) - 1);
    }

    /** Clamps {@code v} to {@code [−limit, limit]}. */
    public static long clamp(long v, long limit) {
        return Math.max(-limit, Math.min(limit, v));
    }

    private static void checkShift(int k) {
        if (k < 0 || k > 62) {
            throw new IllegalArgumentException("shift " + k + " outside [0, 62]");
        }
    }
}
