package org.zkml4j.backend.ntt;

import java.util.Arrays;
import org.zkml4j.backend.field.Goldilocks;

/**
 * Reed–Solomon codes over {@link Goldilocks} on multiplicative subgroups, as used by FRI-style
 * commitments.
 *
 * <p>A message of n coefficients (n a power of two) is the polynomial f of degree &lt; n; its
 * codeword at rate 1/2^b is {@code f(ω^i)} for i &lt; n·2^b, with ω the primitive (n·2^b)-th root
 * of unity {@code Goldilocks.rootOfUnity(log2 n + b)} and the evaluations in natural order.
 *
 * <pre>{@code
 * long[] code = ReedSolomon.encode(new long[] {1, 2, 3, 4}, 2); // 16 symbols, rate 1/4
 * long[] msg = ReedSolomon.decode(code, 4);                     // {1, 2, 3, 4}
 * }</pre>
 *
 * <p>All methods are stateless and thread-safe; large domains use the common ForkJoinPool via
 * {@link Ntt}.
 */
public final class ReedSolomon {
    private ReedSolomon() {}

    /**
     * Evaluations of the polynomial with these coefficients (zero-padded) on the subgroup of order
     * 2^logDomain, in natural order: {@code out[i] = f(ω^i)}. The input is not modified. With at most
     * 2^k coefficients the first logDomain − k transform stages are skipped, so low-rate encodings
     * cost less than a full transform of the domain size.
     *
     * @throws IllegalArgumentException if {@code logDomain} is outside [0, 30] or there are more than
     *     2^logDomain coefficients
     */
    public static long[] evaluate(long[] coefficients, int logDomain) {
        if (logDomain < 0 || logDomain > Ntt.MAX_LOG) {
            throw new IllegalArgumentException(
                    "log2 of the domain size must be in [0, " + Ntt.MAX_LOG + "], got " + logDomain);
        }
        int size = 1 << logDomain;
        if (coefficients.length > size) {
            throw new IllegalArgumentException("cannot evaluate " + coefficients.length
                    + " coefficients on a domain of size " + size + " (degree too large)");
        }
        return Ntt.evaluatePadded(coefficients, logDomain);
    }

    /**
     * Encodes at rate 1/2^logBlowup: the message is a coefficient vector of power-of-two length n,
     * and the codeword is {@code f(ω^i)} for i &lt; n·2^logBlowup.
     *
     * @throws IllegalArgumentException if the message length is not a power of two, {@code logBlowup}
     *     is negative, or the codeword would be longer than 2^30
     */
    public static long[] encode(long[] message, int logBlowup) {
        int n = message.length;
        if (n <= 0 || (n & (n - 1)) != 0) {
            throw new IllegalArgumentException("message length must be a power of two, got " + n);
        }
        if (logBlowup < 0) {
            throw new IllegalArgumentException("log2 of the blowup factor must be ≥ 0, got " + logBlowup);
        }
        int logN = Integer.numberOfTrailingZeros(n);
        if (logN + logBlowup > Ntt.MAX_LOG) {
            throw new IllegalArgumentException("codeword length 2^" + (logN + logBlowup)
                    + " exceeds the largest supported size 2^" + Ntt.MAX_LOG);
        }
        return evaluate(message, logN + logBlowup);
    }

    /**
     * Inverse of {@link #encode} for an exact codeword: interpolates and returns the first
     * {@code messageLength} coefficients. The codeword is not modified.
     *
     * @throws IllegalArgumentException if the codeword length is not a power of two, {@code
     *     messageLength} is outside [1, codeword length], a symbol is not a canonical field element,
     *     or the interpolated polynomial has degree ≥ messageLength (the word is not in the code)
     */
    public static long[] decode(long[] codeword, int messageLength) {
        int size = codeword.length;
        if (size <= 0 || (size & (size - 1)) != 0) {
            throw new IllegalArgumentException("codeword length must be a power of two, got " + size);
        }
        if (messageLength < 1 || messageLength > size) {
            throw new IllegalArgumentException(
                    "message length must be in [1, " + size + "], got " + messageLength);
        }
        for (int i = 0; i < size; i++) {
            if (!Goldilocks.isCanonical(codeword[i])) {
                throw new IllegalArgumentException("codeword symbol " + i + " is not a canonical field element");
            }
        }
        long[] coefficients = codeword.clone();
        Ntt.inverse(coefficients);
        for (int k = messageLength; k < size; k++) {
            if (coefficients[k] != Goldilocks.ZERO) {
                throw new IllegalArgumentException("not a codeword: the interpolant has a non-zero coefficient"
                        + " of degree " + k + " ≥ message length " + messageLength);
            }
        }
        return Arrays.copyOf(coefficients, messageLength);
    }

    /**
     * ω^i for the generator ω = {@code Goldilocks.rootOfUnity(logDomain)} of the subgroup of order
     * 2^logDomain; {@code i} is taken modulo 2^logDomain (so negative exponents work too).
     *
     * @throws IllegalArgumentException if {@code logDomain} is outside [0, 32]
     */
    public static long domainPoint(int logDomain, int i) {
        if (logDomain < 0 || logDomain > Goldilocks.TWO_ADICITY) {
            throw new IllegalArgumentException(
                    "log2 of the domain size must be in [0, " + Goldilocks.TWO_ADICITY + "], got " + logDomain);
        }
        if (logDomain == 0) {
            return Goldilocks.ONE;
        }
        long size = 1L << logDomain;
        long e = i & (size - 1);
        long[] tw = Twiddles.current();
        if (tw.length >= size) {
            // tw[size/2 + j] = ω^j for j < size/2, and ω^(size/2) = −1.
            int halfSize = (int) (size >>> 1);
            return e < halfSize ? tw[halfSize + (int) e] : Goldilocks.neg(tw[(int) e]);
        }
        return Goldilocks.pow(Twiddles.root(logDomain), e);
    }
}
