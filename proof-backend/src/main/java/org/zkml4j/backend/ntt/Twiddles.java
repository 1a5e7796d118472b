package org.zkml4j.backend.ntt;

import java.util.stream.IntStream;
import org.zkml4j.backend.field.Goldilocks;

/**
 * The shared, lazily grown tables of twiddle factors.
 *
 * <p>The table {@code t} has a power-of-two length {@code L} and satisfies
 * {@code t[h + j] = ω_{2h}^j} for every power of two {@code h < L} and {@code j < h}, where
 * {@code ω_m = Goldilocks.rootOfUnity(log2 m)}. Since that content does not depend on the transform
 * size, one table serves every size up to {@code L}: the stage with half-width {@code h} reads the
 * contiguous slice {@code t[h, 2h)}. The companion table {@code c} of length L/2 holds
 * {@code c[h + j] = ω_{4h}^{3j}}, the third twiddle of a radix-4 step. Published tables are never
 * mutated; growing replaces the reference, so readers need no locking.
 */
final class Twiddles {
    private static final int MIN_LOG = 4;
    /** The top level is filled in chunks of 2^CHUNK_LOG, in parallel from PARALLEL_MIN entries. */
    private static final int CHUNK_LOG = 12;
    private static final int PARALLEL_MIN = 1 << 15;
    /** ROOTS[k] = primitive 2^k-th root of unity (initialized before {@link #table}). */
    private static final long[] ROOTS = new long[Goldilocks.TWO_ADICITY + 1];

    static {
        for (int k = 0; k <= Goldilocks.TWO_ADICITY; k++) {
            ROOTS[k] = Goldilocks.rootOfUnity(k);
        }
    }

    private static volatile long[] table;
    private static volatile long[] cubes;

    static {
        if (ROOTS[2] != 1L << 48) {
            throw new IllegalStateException("Fp.mulTwoTo48 assumes Goldilocks.rootOfUnity(2) = 2^48");
        }
        long[] t = build(null, MIN_LOG);
        cubes = buildCubes(t);
        table = t;
    }

    private Twiddles() {}

    /** The primitive 2^logN-th root of unity (cached); {@code logN} must be in [0, 32]. */
    static long root(int logN) {
        return ROOTS[logN];
    }

    /** A table valid for transforms of size up to at least 2^logN. */
    static long[] forLog(int logN) {
        long[] t = table;
        if (t.length >= (1L << logN)) {
            return t;
        }
        return grow(logN);
    }

    /**
     * The radix-4 companion of {@link #forLog}: {@code c[h + j] = ω_{4h}^{3j}}, valid for transforms
     * of size up to at least 2^logN.
     */
    static long[] cubesForLog(int logN) {
        long[] c = cubes;
        if (2L * c.length >= (1L << logN)) {
            return c;
        }
        grow(logN);
        return cubes;
    }

    /** The current table, whatever its size (never blocks or allocates). */
    static long[] current() {
        return table;
    }

    private static synchronized long[] grow(int logN) {
        long[] t = table;
        if (t.length < (1L << logN)) {
            t = build(t, logN);
            cubes = buildCubes(t);
            table = t;
        }
        return t;
    }

    /** c[h + j] = ω_{4h}^{3j} = t[2h + 3j] if 3j &lt; 2h, else −t[3j] (as ω_{4h}^{2h} = −1). */
    private static long[] buildCubes(long[] t) {
        long[] c = new long[t.length >>> 1];
        for (int h = 1; h < c.length; h <<= 1) {
            for (int j = 0; j < h; j++) {
                int k = 3 * j;
                c[h + j] = k < 2 * h ? t[2 * h + k] : Goldilocks.neg(t[k]);
            }
        }
        return c;
    }

    /** Builds the table of length 2^logN, reusing the prefix {@code old} when given. */
    private static long[] build(long[] old, int logN) {
        int n = 1 << logN;
        long[] t = new long[n];
        int start;
        if (old == null) {
            start = 1;
        } else {
            System.arraycopy(old, 0, t, 0, old.length);
            start = old.length;
        }
        // Top level h = n/2 by successive powers of ω_n, then each lower level by decimation:
        // ω_{2h}^j = ω_{4h}^{2j}.
        int top = n >>> 1;
        long w = ROOTS[logN];
        int chunks = Math.max(1, top >>> CHUNK_LOG);
        IntStream range = IntStream.range(0, chunks);
        (top >= PARALLEL_MIN ? range.parallel() : range).forEach(c -> {
            int from = c << CHUNK_LOG;
            int to = Math.min(top, from + (1 << CHUNK_LOG));
            long x = Goldilocks.pow(w, from);
            for (int j = from; j < to; j++) {
                t[top + j] = x;
                x = Fp.mul(x, w);
            }
        });
        for (int h = top >>> 1; h >= start; h >>>= 1) {
            for (int j = 0; j < h; j++) {
                t[h + j] = t[2 * h + 2 * j];
            }
        }
        return t;
    }
}
