package org.zkml4j.backend.ntt;

import static org.zkml4j.backend.ntt.Fp.add;
import static org.zkml4j.backend.ntt.Fp.mul;
import static org.zkml4j.backend.ntt.Fp.mulTwoTo48;
import static org.zkml4j.backend.ntt.Fp.sub;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.zkml4j.backend.field.Goldilocks;

/**
 * Number-theoretic transforms over the {@link Goldilocks} field, in natural order.
 *
 * <p>For an array of length n = 2^k, {@link #forward} computes {@code a[i] := Σ_j a[j]·ω^(i·j)} in
 * place with {@code ω = Goldilocks.rootOfUnity(k)}, i.e. it evaluates the polynomial with
 * coefficients {@code a} on the subgroup of order n. Inputs must be canonical field elements;
 * outputs are canonical. Lengths that are not powers of two are rejected with {@link
 * IllegalArgumentException}.
 *
 * <p>The implementation is an iterative decimation-in-time transform: a cache-blocked
 * bit-reversal permutation, then the short-stride stages inside L1-sized blocks, then the
 * long-stride stages on column tiles copied into an L2-sized buffer; stages are fused in pairs
 * (radix-4). Twiddles come from one shared, lazily grown table. Sizes from 2^16 up split the
 * independent blocks and tiles across the common {@link java.util.concurrent.ForkJoinPool} (the
 * calling thread takes part); every element sees the same operations either way, so results do not
 * depend on the degree of parallelism. All methods are thread-safe for distinct arrays.
 *
 * <pre>{@code
 * long[] a = {1, 2, 3, 4};
 * Ntt.forward(a);   // evaluations of 1 + 2x + 3x² + 4x³ at 1, ω, ω², ω³
 * Ntt.inverse(a);   // back to {1, 2, 3, 4}
 * }</pre>
 */
public final class Ntt {
    /** Largest supported log2 length (Java arrays hold fewer than 2^31 elements). */
    static final int MAX_LOG = 30;
    /** Stages with half-width below 2^LOG_BLOCK run inside contiguous blocks (2^12 longs = 32 KiB). */
    static final int LOG_BLOCK = 12;
    /** At most this many long-stride stages are fused into one pass over the array. */
    static final int MAX_GROUP_LOG = 9;
    /** log2 of the number of elements in a column tile buffer (2^14 longs = 128 KiB, L2-resident). */
    static final int LOG_TILE_ELEMS = 14;
    /** Column tiles are at least 2^MIN_COL_LOG elements (one 64-byte cache line) wide. */
    private static final int MIN_COL_LOG = 3;
    /** Transforms of at least 2^PARALLEL_LOG elements use the common ForkJoinPool. */
    static final int PARALLEL_LOG = 16;
    /** Bit-reversal tiles are 2^BR_LOG × 2^BR_LOG elements. */
    private static final int BR_LOG = 3;
    /** Below this many coefficient products, {@link #multiply} uses the schoolbook method. */
    static final int SCHOOLBOOK_PRODUCT = 4096;
    static final int SCHOOLBOOK_MIN_LENGTH = 24;

    private Ntt() {}

    /**
     * In place: {@code a[i] := Σ_j a[j]·ω^(i·j)} with {@code ω = Goldilocks.rootOfUnity(log2 n)};
     * natural order in and out.
     *
     * @throws IllegalArgumentException if the length is not a power of two (1 is allowed)
     */
    public static void forward(long[] a) {
        int log = log2Exact(a.length);
        transform(a, log, log >= PARALLEL_LOG);
    }

    /**
     * In place inverse of {@link #forward}, including the scaling by 1/n.
     *
     * @throws IllegalArgumentException if the length is not a power of two (1 is allowed)
     */
    public static void inverse(long[] a) {
        inverseCoset(a, Goldilocks.ONE);
    }

    /**
     * In place: {@code a[i] := Σ_j a[j]·(shift·ω^i)^j}, the evaluations on the coset shift·H of the
     * subgroup H of order n.
     *
     * @throws IllegalArgumentException if the length is not a power of two (1 is allowed)
     */
    public static void forwardCoset(long[] a, long shift) {
        int log = log2Exact(a.length);
        boolean par = log >= PARALLEL_LOG;
        if (shift != Goldilocks.ONE) {
            scaleByPowers(a, shift, par);
        }
        transform(a, log, par);
    }

    /**
     * In place inverse of {@link #forwardCoset}: turns evaluations on shift·H back into coefficients.
     *
     * @throws IllegalArgumentException if the length is not a power of two, or if {@code shift} is
     *     zero
     */
    public static void inverseCoset(long[] a, long shift) {
        int log = log2Exact(a.length);
        if (shift == Goldilocks.ZERO) {
            throw new IllegalArgumentException("coset shift must be non-zero");
        }
        boolean par = log >= PARALLEL_LOG;
        transform(a, log, par);
        reverseAndScale(a, shift, par);
    }

    /**
     * The product of two polynomials given by coefficient arrays (lowest degree first), computed
     * with NTTs (schoolbook multiplication for small inputs).
     *
     * @return the {@code a.length + b.length − 1} coefficients of the product
     * @throws IllegalArgumentException if either array is empty or the product is too long
     */
    public static long[] multiply(long[] a, long[] b) {
        if (a.length == 0 || b.length == 0) {
            throw new IllegalArgumentException(
                    "polynomials must have at least one coefficient, got lengths " + a.length + " and " + b.length);
        }
        long resultLength = (long) a.length + b.length - 1;
        if (Math.min(a.length, b.length) <= SCHOOLBOOK_MIN_LENGTH
                || (long) a.length * b.length <= SCHOOLBOOK_PRODUCT) {
            if (resultLength > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("product length " + resultLength + " is too large");
            }
            return schoolbook(a, b);
        }
        int log = 64 - Long.numberOfLeadingZeros(resultLength - 1); // ceil(log2(resultLength))
        if (log > MAX_LOG) {
            throw new IllegalArgumentException(
                    "product length " + resultLength + " exceeds the largest NTT size 2^" + MAX_LOG);
        }
        int n = 1 << log;
        boolean par = log >= PARALLEL_LOG;
        long[] fa = evaluatePadded(a, log);
        long[] fb = evaluatePadded(b, log);
        forEachChunk(n, par, (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                fa[i] = mul(fa[i], fb[i]);
            }
        });
        transform(fa, log, par);
        reverseAndScale(fa, Goldilocks.ONE, par);
        return fa.length == resultLength ? fa : Arrays.copyOf(fa, (int) resultLength);
    }

    // ---------------------------------------------------------------------------------------------
    // Core transform
    //
    // Each loop nest is its own small method and the butterflies are written out inside the loops
    // rather than called: C2 then compiles every nest as a unit, with the field kernels inlined,
    // independently of how (or whether) the callers get inlined. The range guards at the top of the
    // kernels and loading the twiddles before the data both measurably help C2 drop bounds checks.
    //
    // A radix-4 step fuses the DIT stages with half-widths h and 2h on a0..a3 = a[i], a[i+h],
    // a[i+2h], a[i+3h] (j = position within the half-width, ω = ω_{4h}):
    //   b1 = a1·ω^{2j}, b2 = a2·ω^j, b3 = a3·ω^{3j}, t2 = b2 + b3, t3 = ω_4·(b2 − b3),
    //   a0 ± b1 ± …:  a[i] = a0 + b1 + t2, a[i+2h] = a0 + b1 − t2, a[i+h] = a0 − b1 + t3,
    //   a[i+3h] = a0 − b1 − t3.
    // That is three general multiplications plus one by ω_4 = 2^48 (two shifts and a reduction)
    // instead of the four general ones of two radix-2 stages, and half the loads and stores.

    /** Unscaled forward DFT in natural order: bit-reversal, then decimation-in-time stages. */
    static void transform(long[] a, int log, boolean par) {
        if (log == 0) {
            return;
        }
        bitReverse(a, log, par);
        stages(a, log, 0, par);
    }

    /**
     * The forward DFT of size 2^log of {@code coefficients} zero-padded, as a new array. When only the
     * first 2^k entries can be non-zero, the bit-reversed input has one non-zero entry at the start of
     * every run of 2^(log−k), and the first log − k DIT stages just copy it across its run: so those
     * stages become a fill, and the bit-reversal shrinks to one of size 2^k.
     */
    static long[] evaluatePadded(long[] coefficients, int log) {
        int size = 1 << log;
        int m = coefficients.length;
        if (m == 0) {
            return new long[size];
        }
        boolean par = log >= PARALLEL_LOG;
        int logM = 32 - Integer.numberOfLeadingZeros(m - 1); // ceil(log2 m)
        int spread = log - logM;
        if (spread == 0) {
            long[] out = Arrays.copyOf(coefficients, size);
            transform(out, log, par);
            return out;
        }
        long[] head = Arrays.copyOf(coefficients, 1 << logM);
        if (logM > 0) {
            bitReverse(head, logM, par);
        }
        long[] out = new long[size];
        int run = 1 << spread;
        forEachRange(head.length, par, (lo, hi) -> {
            for (int k = lo; k < hi; k++) {
                long v = head[k];
                int from = k << spread;
                for (int i = from; i < from + run; i++) {
                    out[i] = v;
                }
            }
        });
        stages(out, log, spread, par);
        return out;
    }

    /**
     * DIT stages {@code first} … log − 1 (half-widths 2^first … 2^(log−1)) on data in bit-reversed
     * order whose earlier stages are done.
     */
    static void stages(long[] a, int log, int first, boolean par) {
        if (first >= log) {
            return;
        }
        long[] tw = Twiddles.forLog(log);
        long[] c3 = Twiddles.cubesForLog(log);
        int lb = Math.min(log, LOG_BLOCK);
        if (first < lb) {
            int blockLen = 1 << lb;
            forEachRange(1 << (log - lb), par, (lo, hi) -> {
                for (int blk = lo; blk < hi; blk++) {
                    blockStages(a, blk * blockLen, lb, first, tw, c3);
                }
            });
        }
        // Long-stride stages in balanced groups of at most MAX_GROUP_LOG stages each.
        int p = Math.max(first, lb);
        int remaining = log - p;
        int groups = (remaining + MAX_GROUP_LOG - 1) / MAX_GROUP_LOG;
        for (int g = 0; g < groups; g++) {
            int size = (remaining + (groups - g) - 1) / (groups - g);
            columnPass(a, tw, c3, log, p, p + size, par);
            remaining -= size;
            p += size;
        }
    }

    /** Stages first … lb − 1 on the contiguous block a[off, off + 2^lb). */
    private static void blockStages(long[] a, int off, int lb, int first, long[] tw, long[] c3) {
        int len = 1 << lb;
        int end = off + len;
        int h = 1 << first;
        if (first == 0 && lb >= 2) {
            firstTwoStages(a, off, end);
            h = 4;
        }
        for (; 4 * h <= len; h <<= 2) {
            blockStagePair(a, off, end, h, tw, c3);
        }
        if (h < len) {
            blockStage(a, off, end, h, tw);
        }
    }

    /** Stages h = 1 and h = 2 fused: a radix-4 butterfly whose only non-trivial twiddle is ω_4. */
    private static void firstTwoStages(long[] a, int off, int end) {
        if (off < 0 || end > a.length) {
            throw new AssertionError(); // never: stated so that C2 can drop the bounds checks
        }
        for (int i = off; i < end; i += 4) {
            long x0 = a[i];
            long x1 = a[i + 1];
            long x2 = a[i + 2];
            long x3 = a[i + 3];
            long s01 = add(x0, x1);
            long d01 = sub(x0, x1);
            long s23 = add(x2, x3);
            long d23 = mulTwoTo48(sub(x2, x3));
            a[i] = add(s01, s23);
            a[i + 2] = sub(s01, s23);
            a[i + 1] = add(d01, d23);
            a[i + 3] = sub(d01, d23);
        }
    }

    /** Stages h and 2h fused (radix-4) within a[off, end). */
    private static void blockStagePair(long[] a, int off, int end, int h, long[] tw, long[] c3) {
        if (off < 0 || end > a.length || 4 * h > tw.length || 2 * h > c3.length) {
            throw new AssertionError(); // never: stated so that C2 can drop the bounds checks
        }
        for (int s = off; s < end; s += 4 * h) {
            for (int j = 0; j < h; j++) {
                long w2j = tw[h + j];
                long wj = tw[2 * h + j];
                long w3j = c3[h + j];
                int i0 = s + j;
                int i1 = i0 + h;
                int i2 = i1 + h;
                int i3 = i2 + h;
                long x0 = a[i0];
                long b1 = mul(a[i1], w2j);
                long b2 = mul(a[i2], wj);
                long b3 = mul(a[i3], w3j);
                long y0 = add(x0, b1);
                long y1 = sub(x0, b1);
                long t2 = add(b2, b3);
                long t3 = mulTwoTo48(sub(b2, b3));
                a[i0] = add(y0, t2);
                a[i2] = sub(y0, t2);
                a[i1] = add(y1, t3);
                a[i3] = sub(y1, t3);
            }
        }
    }

    /** One radix-2 stage with half-width h within a[off, end). */
    private static void blockStage(long[] a, int off, int end, int h, long[] tw) {
        if (off < 0 || end > a.length || 2 * h > tw.length) {
            throw new AssertionError(); // never: stated so that C2 can drop the bounds checks
        }
        for (int s = off; s < end; s += 2 * h) {
            for (int j = 0; j < h; j++) {
                int i0 = s + j;
                int i1 = i0 + h;
                long w = tw[h + j];
                long u = a[i0];
                long v = mul(a[i1], w);
                a[i0] = add(u, v);
                a[i1] = sub(u, v);
            }
        }
    }

    /**
     * Stages with half-width 2^p … 2^(q−1). They never mix index bits below p or from q up, so the
     * work splits into independent tiles: a run of 2^c consecutive residues mod 2^p (the columns)
     * across the 2^(q−p) rows of one aligned segment of length 2^q. Each tile is copied into a small
     * contiguous buffer, transformed there in cache, and copied back; working on it in place would
     * thrash the cache, since its rows lie a power-of-two stride apart.
     */
    private static void columnPass(long[] a, long[] tw, long[] c3, int log, int p, int q, boolean par) {
        int rowLog = q - p;
        int colLog = Math.min(p, Math.max(MIN_COL_LOG, LOG_TILE_ELEMS - rowLog));
        int tilesPerSegment = 1 << (p - colLog);
        int segments = 1 << (log - q);
        forEachRange(segments * tilesPerSegment, par, (lo, hi) -> {
            long[] buf = new long[1 << (rowLog + colLog)];
            for (int t = lo; t < hi; t++) {
                int seg = t / tilesPerSegment;
                int c0 = (t % tilesPerSegment) << colLog;
                columnTile(a, buf, tw, c3, p, rowLog, colLog, seg << q, c0);
            }
        });
    }

    private static void columnTile(long[] a, long[] buf, long[] tw, long[] c3, int p, int rowLog, int colLog,
            int base, int c0) {
        int rows = 1 << rowLog;
        int cols = 1 << colLog;
        int hLo = 1 << p;
        for (int m = 0; m < rows; m++) {
            System.arraycopy(a, base + (m << p) + c0, buf, m * cols, cols);
        }
        int hr = 1; // half-width in rows; the real half-width is hr·2^p
        for (; 4 * hr <= rows; hr <<= 2) {
            tileStagePair(buf, tw, c3, rows, cols, hr, hLo, c0);
        }
        if (hr < rows) {
            tileStage(buf, tw, rows, cols, hr, hLo, c0);
        }
        for (int m = 0; m < rows; m++) {
            System.arraycopy(buf, m * cols, a, base + (m << p) + c0, cols);
        }
    }

    /** Stages with real half-widths hr·hLo and 2·hr·hLo fused, on a tile buffer of rows × cols. */
    private static void tileStagePair(long[] b, long[] tw, long[] c3, int rows, int cols, int hr, int hLo,
            int c0) {
        int h = hr * hLo;
        int d = hr * cols;
        if (rows * cols > b.length || 4 * h > tw.length || 2 * h > c3.length || c0 < 0 || c0 + cols > hLo) {
            throw new AssertionError(); // never: stated so that C2 can drop the bounds checks
        }
        for (int sm = 0; sm < rows; sm += 4 * hr) {
            for (int mm = 0; mm < hr; mm++) {
                int rowStart = (sm + mm) * cols;
                int t = mm * hLo + c0; // j = t + r is the position within the half-width h
                for (int r = 0; r < cols; r++) {
                    long w2j = tw[h + t + r];
                    long wj = tw[2 * h + t + r];
                    long w3j = c3[h + t + r];
                    int i0 = rowStart + r;
                    int i1 = i0 + d;
                    int i2 = i1 + d;
                    int i3 = i2 + d;
                    long x0 = b[i0];
                    long b1 = mul(b[i1], w2j);
                    long b2 = mul(b[i2], wj);
                    long b3 = mul(b[i3], w3j);
                    long y0 = add(x0, b1);
                    long y1 = sub(x0, b1);
                    long t2 = add(b2, b3);
                    long t3 = mulTwoTo48(sub(b2, b3));
                    b[i0] = add(y0, t2);
                    b[i2] = sub(y0, t2);
                    b[i1] = add(y1, t3);
                    b[i3] = sub(y1, t3);
                }
            }
        }
    }

    /** One stage with real half-width hr·hLo on a tile buffer of rows × cols. */
    private static void tileStage(long[] b, long[] tw, int rows, int cols, int hr, int hLo, int c0) {
        int h = hr * hLo;
        int d = hr * cols;
        if (rows * cols > b.length || 2 * h > tw.length || c0 < 0 || c0 + cols > hLo) {
            throw new AssertionError(); // never: stated so that C2 can drop the bounds checks
        }
        for (int sm = 0; sm < rows; sm += 2 * hr) {
            for (int mm = 0; mm < hr; mm++) {
                int rowStart = (sm + mm) * cols;
                int t = h + mm * hLo + c0;
                for (int r = 0; r < cols; r++) {
                    int i0 = rowStart + r;
                    int i1 = i0 + d;
                    long w = tw[t + r];
                    long u = b[i0];
                    long v = mul(b[i1], w);
                    b[i0] = add(u, v);
                    b[i1] = sub(u, v);
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Permutations and scaling

    /** In-place bit-reversal permutation of a[0, 2^log). */
    static void bitReverse(long[] a, int log, boolean par) {
        int midBits = log - 2 * BR_LOG;
        if (midBits < 1) {
            int shift = 32 - log;
            for (int i = 0; i < a.length; i++) {
                int j = Integer.reverse(i) >>> shift;
                if (i < j) {
                    long t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                }
            }
            return;
        }
        // Index = (hi | mid | lo) with BR_LOG-bit hi and lo; reversal maps tile `mid` (all hi, lo)
        // onto tile rev(mid), transposed. Each tile row is one 64-byte run of 8 longs.
        int midShift = 32 - midBits;
        forEachRange(1 << midBits, par, (lo, hi) -> {
            for (int m = lo; m < hi; m++) {
                int rm = Integer.reverse(m) >>> midShift;
                if (m <= rm) {
                    swapTiles(a, log, m, rm);
                }
            }
        });
    }

    /** REV[k] = k with its BR_LOG bits reversed. */
    private static final int[] REV = new int[1 << BR_LOG];

    static {
        for (int k = 0; k < REV.length; k++) {
            REV[k] = Integer.reverse(k) >>> (32 - BR_LOG);
        }
    }

    /**
     * Exchanges every element (hi, m, lo) with its bit-reversed partner (rev lo, rm, rev hi), where
     * rm = rev(m) ≥ m; when rm = m the pairs lie in one tile and each is swapped once.
     */
    private static void swapTiles(long[] a, int log, int m, int rm) {
        int t = 1 << BR_LOG;
        int hiShift = log - BR_LOG;
        int baseI = m << BR_LOG;
        int baseJ = rm << BR_LOG;
        boolean sameTile = m == rm;
        for (int hi = 0; hi < t; hi++) {
            int rowI = (hi << hiShift) | baseI;
            int colJ = REV[hi] | baseJ;
            for (int lo = 0; lo < t; lo++) {
                int i = rowI | lo;
                int j = (REV[lo] << hiShift) | colJ;
                if (!sameTile || i < j) {
                    long x = a[i];
                    a[i] = a[j];
                    a[j] = x;
                }
            }
        }
    }

    /** a[j] := a[j]·shift^j, with four interleaved running powers to shorten the dependency chain. */
    private static void scaleByPowers(long[] a, long shift, boolean par) {
        long shift4 = Goldilocks.pow(shift, 4);
        forEachChunk(a.length, par, (lo, hi) -> {
            long w0 = Goldilocks.pow(shift, lo);
            long w1 = mul(w0, shift);
            long w2 = mul(w1, shift);
            long w3 = mul(w2, shift);
            int j = lo;
            for (; j + 3 < hi; j += 4) {
                a[j] = mul(a[j], w0);
                a[j + 1] = mul(a[j + 1], w1);
                a[j + 2] = mul(a[j + 2], w2);
                a[j + 3] = mul(a[j + 3], w3);
                w0 = mul(w0, shift4);
                w1 = mul(w1, shift4);
                w2 = mul(w2, shift4);
                w3 = mul(w3, shift4);
            }
            for (; j < hi; j++) {
                a[j] = mul(a[j], w0);
                w0 = mul(w0, shift);
            }
        });
    }

    /**
     * Finishes an inverse coset transform after the unscaled forward DFT X = transform(a):
     * {@code a[i] := X[(n − i) mod n] · n⁻¹ · shift^(−i)}. Writing k = n − i, the factor for X[k]
     * (k ≥ 1) is d·shift^k with d = n⁻¹·shift^(−n), so each pair (i, n − i) is swapped and scaled
     * with two running powers.
     */
    private static void reverseAndScale(long[] a, long shift, boolean par) {
        int n = a.length;
        long nInv = Goldilocks.inverse(n);
        if (n == 1) {
            a[0] = mul(a[0], nInv);
            return;
        }
        int half = n >>> 1;
        if (shift == Goldilocks.ONE) {
            a[0] = mul(a[0], nInv);
            a[half] = mul(a[half], nInv);
            forEachChunk(half - 1, par, (lo, hi) -> {
                for (int i = lo + 1; i < hi + 1; i++) {
                    int j = n - i;
                    long x = a[i];
                    a[i] = mul(a[j], nInv);
                    a[j] = mul(x, nInv);
                }
            });
            return;
        }
        long shiftInv = Goldilocks.inverse(shift);
        long d = mul(nInv, Goldilocks.pow(shiftInv, n));
        a[0] = mul(a[0], nInv);
        a[half] = mul(a[half], mul(d, Goldilocks.pow(shift, half)));
        forEachChunk(half - 1, par, (lo, hi) -> {
            int first = lo + 1;
            long e = mul(d, Goldilocks.pow(shift, first)); // factor for X[i]
            long f = mul(d, Goldilocks.pow(shift, n - first)); // factor for X[n − i]
            for (int i = first; i < hi + 1; i++) {
                int j = n - i;
                long x = a[i];
                a[i] = mul(a[j], f);
                a[j] = mul(x, e);
                e = mul(e, shift);
                f = mul(f, shiftInv);
            }
        });
    }

    private static long[] schoolbook(long[] a, long[] b) {
        long[] c = new long[a.length + b.length - 1];
        for (int i = 0; i < a.length; i++) {
            long ai = a[i];
            if (ai == 0) {
                continue;
            }
            for (int j = 0; j < b.length; j++) {
                c[i + j] = add(c[i + j], mul(ai, b[j]));
            }
        }
        return c;
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers

    /** log2 of a power-of-two length in [1, 2^MAX_LOG]. */
    static int log2Exact(int n) {
        if (n <= 0 || (n & (n - 1)) != 0) {
            throw new IllegalArgumentException("NTT length must be a power of two, got " + n);
        }
        return Integer.numberOfTrailingZeros(n);
    }

    /** A task over the index range [lo, hi). */
    @FunctionalInterface
    private interface RangeBody {
        void run(int lo, int hi);
    }

    private static final int CHUNK = 1 << 13;
    /** Number of ranges a parallel loop is split into (several per core: cores may run unevenly). */
    private static final int PARALLEL_PARTS =
            Math.max(1, 8 * (java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() + 1));

    /**
     * Runs body over [0, count) split into a few contiguous ranges, run across the common
     * ForkJoinPool when {@code par} (the calling thread takes part).
     */
    private static void forEachRange(int count, boolean par, RangeBody body) {
        int parts = par ? Math.min(count, PARALLEL_PARTS) : 1;
        if (parts <= 1) {
            body.run(0, count);
            return;
        }
        IntStream.range(0, parts).parallel().forEach(k -> body.run(
                (int) ((long) count * k / parts), (int) ((long) count * (k + 1) / parts)));
    }

    /** Runs body over [0, count) in chunks, across the common ForkJoinPool when {@code par}. */
    private static void forEachChunk(int count, boolean par, RangeBody body) {
        if (!par || count <= CHUNK) {
            body.run(0, count);
            return;
        }
        int chunks = (count + CHUNK - 1) / CHUNK;
        IntStream.range(0, chunks).parallel().forEach(c -> body.run(c * CHUNK, Math.min(count, (c + 1) * CHUNK)));
    }
}
