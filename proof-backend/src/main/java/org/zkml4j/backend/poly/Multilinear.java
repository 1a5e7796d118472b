package org.zkml4j.backend.poly;

import static org.zkml4j.backend.field.Goldilocks.add;
import static org.zkml4j.backend.field.Goldilocks.dot2;
import static org.zkml4j.backend.field.Goldilocks.mul;
import static org.zkml4j.backend.field.Goldilocks.sub;
import static org.zkml4j.backend.field.GoldilocksExt.times7;

import java.util.Objects;
import java.util.stream.IntStream;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.field.Goldilocks;

/**
 * Evaluation-table operations on multilinear polynomials: the eq table, evaluation of the
 * multilinear extension (MLE) at an extension-field point, and binding the lowest variable.
 *
 * <p>Variable {@code l} is bit {@code l} of the table index. Base tables are {@code long[]}s of
 * canonical elements of length 2^n; extension tables are interleaved ({@code [c0, c1, …]}, length
 * 2·2^n). Inputs are never modified; large tables are processed in parallel on the common
 * {@link java.util.concurrent.ForkJoinPool} with deterministic results.
 *
 * <pre>{@code
 * Ext[] r = {Ext.of(3, 1), Ext.of(5, 0)};
 * Ext v = Multilinear.evaluate(new long[] {1, 2, 3, 4}, r);   // Σ_x eq(r, x)·t[x]
 * }</pre>
 */
public final class Multilinear {
    /** Work items (elements or pairs) below which loops stay on the calling thread. */
    static final int PARALLEL_THRESHOLD = 1 << 14;
    /** Largest supported number of variables (an ext table of 2·2^29 longs still fits an array). */
    public static final int MAX_VARS = 29;

    private Multilinear() {}

    /**
     * The table of eq(r, ·) over {0,1}^n: entry x is Π_l (r_l·x_l + (1 − r_l)(1 − x_l)).
     *
     * @return an interleaved extension table of length 2·2^n (n = r.length), in O(2^n)
     * @throws IllegalArgumentException if n exceeds {@link #MAX_VARS}
     */
    public static long[] eqTable(Ext[] r) {
        Objects.requireNonNull(r, "r");
        int n = r.length;
        checkVars(n);
        long[] t = new long[2 << n];
        t[0] = Goldilocks.ONE;
        for (int l = 0; l < n; l++) {
            final int half = 1 << l;
            final long r0 = r[l].c0();
            final long r1 = r[l].c1();
            final long r1w = times7(r1);
            // entries with bit l set: t[i]·r_l; entries with bit l clear: t[i]·(1 − r_l) = t[i] − t[i]·r_l
            forRange(half, (lo, hi) -> {
                for (int i = lo; i < hi; i++) {
                    long a0 = t[2 * i], a1 = t[2 * i + 1];
                    long p0 = dot2(a0, r0, a1, r1w), p1 = dot2(a0, r1, a1, r0);
                    int j = 2 * (i + half);
                    t[j] = p0;
                    t[j + 1] = p1;
                    t[2 * i] = sub(a0, p0);
                    t[2 * i + 1] = sub(a1, p1);
                }
            });
        }
        return t;
    }

    /**
     * eq(a, b) = Π_l (a_l·b_l + (1 − a_l)(1 − b_l)).
     *
     * @throws IllegalArgumentException if the points have different lengths
     */
    public static Ext eq(Ext[] a, Ext[] b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (a.length != b.length) {
            throw new IllegalArgumentException("eq of points of different dimension: " + a.length + " vs " + b.length);
        }
        Ext acc = Ext.ONE;
        for (int l = 0; l < a.length; l++) {
            Ext ab = a[l].mul(b[l]);
            // a·b + (1 − a)(1 − b) = 1 − a − b + 2ab
            Ext term = Ext.ONE.sub(a[l]).sub(b[l]).add(ab).add(ab);
            acc = acc.mul(term);
        }
        return acc;
    }

    /**
     * The MLE of a base table at {@code r}: Σ_x eq(r, x)·t[x].
     *
     * @throws IllegalArgumentException if {@code baseTable.length != 2^r.length}
     */
    public static Ext evaluate(long[] baseTable, Ext[] r) {
        Objects.requireNonNull(baseTable, "baseTable");
        Objects.requireNonNull(r, "r");
        checkVars(r.length);
        if (baseTable.length != 1 << r.length) {
            throw new IllegalArgumentException(
                    "base table of length " + baseTable.length + " does not have 2^" + r.length + " entries");
        }
        if (r.length == 0) {
            return Ext.base(baseTable[0]);
        }
        long[] t = fixFirstVariableBase(baseTable, r[0]);
        for (int l = 1; l < r.length; l++) {
            t = fixFirstVariable(t, r[l]);
        }
        return Ext.of(t[0], t[1]);
    }

    /**
     * The MLE of an interleaved extension table at {@code r}.
     *
     * @throws IllegalArgumentException if {@code extTable.length != 2·2^r.length}
     */
    public static Ext evaluateExt(long[] extTable, Ext[] r) {
        Objects.requireNonNull(extTable, "extTable");
        Objects.requireNonNull(r, "r");
        checkVars(r.length);
        if (extTable.length != 2 << r.length) {
            throw new IllegalArgumentException("extension table of length " + extTable.length
                    + " does not have 2^" + r.length + " interleaved entries");
        }
        long[] t = extTable;
        for (Ext ri : r) {
            t = fixFirstVariable(t, ri);
        }
        return Ext.of(t[0], t[1]);
    }

    /**
     * Binds variable 0 to {@code r}: out[i] = t[2i] + r·(t[2i+1] − t[2i]).
     *
     * @param extTable interleaved extension table with 2^k entries, k ≥ 1
     * @return a new interleaved table with 2^(k−1) entries
     * @throws IllegalArgumentException if the table does not hold a power of two ≥ 2 of entries
     */
    public static long[] fixFirstVariable(long[] extTable, Ext r) {
        Objects.requireNonNull(extTable, "extTable");
        Objects.requireNonNull(r, "r");
        int len = extTable.length;
        if (len < 4 || (len & (len - 1)) != 0) {
            throw new IllegalArgumentException(
                    "extension table length " + len + " is not 2·2^k with k ≥ 1");
        }
        int half = len / 4; // output entries
        long[] out = new long[2 * half];
        long r0 = r.c0(), r1 = r.c1();
        forRange(half, (lo, hi) -> foldExt(extTable, out, r0, r1, lo, hi));
        return out;
    }

    /**
     * Binds variable 0 of a base table to {@code r}, producing an extension table:
     * out[i] = t[2i] + r·(t[2i+1] − t[2i]).
     *
     * @param baseTable base table with 2^k entries, k ≥ 1
     * @return a new interleaved extension table with 2^(k−1) entries
     * @throws IllegalArgumentException if the length is not a power of two ≥ 2
     */
    public static long[] fixFirstVariableBase(long[] baseTable, Ext r) {
        Objects.requireNonNull(baseTable, "baseTable");
        Objects.requireNonNull(r, "r");
        int len = baseTable.length;
        if (len < 2 || (len & (len - 1)) != 0) {
            throw new IllegalArgumentException("base table length " + len + " is not 2^k with k ≥ 1");
        }
        int half = len / 2;
        long[] out = new long[2 * half];
        long r0 = r.c0(), r1 = r.c1();
        forRange(half, (lo, hi) -> foldBase(baseTable, out, r0, r1, lo, hi));
        return out;
    }

    /**
     * Binds variable 0 of the first {@code entries} entries of an extension table into {@code dst}
     * (entries/2 entries written to its prefix), without allocating. For ping-pong buffers in
     * round-by-round provers.
     *
     * @throws IllegalArgumentException if {@code entries} is not a power of two ≥ 2, a table is too
     *     short, or {@code src == dst}
     */
    public static void fixFirstVariableInto(long[] src, int entries, Ext r, long[] dst) {
        checkInto(src, 2L * entries, entries, dst);
        long r0 = r.c0(), r1 = r.c1();
        forRange(entries / 2, (lo, hi) -> foldExt(src, dst, r0, r1, lo, hi));
    }

    /**
     * Binds variable 0 of the first {@code entries} entries of a base table into the extension
     * table {@code dst} (entries/2 entries written to its prefix), without allocating.
     *
     * @throws IllegalArgumentException if {@code entries} is not a power of two ≥ 2, a table is too
     *     short, or {@code src == dst}
     */
    public static void fixFirstVariableBaseInto(long[] src, int entries, Ext r, long[] dst) {
        checkInto(src, entries, entries, dst);
        long r0 = r.c0(), r1 = r.c1();
        forRange(entries / 2, (lo, hi) -> foldBase(src, dst, r0, r1, lo, hi));
    }

    private static void checkInto(long[] src, long srcLongs, int entries, long[] dst) {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(dst, "dst");
        if (entries < 2 || (entries & (entries - 1)) != 0) {
            throw new IllegalArgumentException("entry count " + entries + " is not 2^k with k ≥ 1");
        }
        if (src.length < srcLongs || dst.length < entries) {
            throw new IllegalArgumentException("table too short for " + entries + " entries");
        }
        if (src == dst) {
            throw new IllegalArgumentException("source and destination must differ");
        }
    }

    /** out[i] = t[2i] + r·(t[2i+1] − t[2i]) for ext entries i in [lo, hi). */
    static void foldExt(long[] t, long[] out, long r0, long r1, int lo, int hi) {
        long r1w = times7(r1);
        for (int i = lo; i < hi; i++) {
            int s = 4 * i;
            long a0 = t[s], a1 = t[s + 1];
            long d0 = sub(t[s + 2], a0), d1 = sub(t[s + 3], a1);
            out[2 * i] = add(a0, dot2(d0, r0, d1, r1w));
            out[2 * i + 1] = add(a1, dot2(d0, r1, d1, r0));
        }
    }

    /** out[i] = t[2i] + r·(t[2i+1] − t[2i]) from base entries, for i in [lo, hi). */
    static void foldBase(long[] t, long[] out, long r0, long r1, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            long a = t[2 * i];
            long d = sub(t[2 * i + 1], a);
            out[2 * i] = add(a, mul(d, r0));
            out[2 * i + 1] = mul(d, r1);
        }
    }

    private static void checkVars(int n) {
        if (n > MAX_VARS) {
            throw new IllegalArgumentException(n + " variables exceed the supported maximum " + MAX_VARS);
        }
    }

    /** A loop body over the index range [lo, hi). */
    @FunctionalInterface
    interface RangeBody {
        void run(int lo, int hi);
    }

    /**
     * Runs {@code body} over [0, n): on the calling thread below {@link #PARALLEL_THRESHOLD}, else
     * split into disjoint chunks across the common pool. Bodies write disjoint outputs, so the
     * result does not depend on scheduling.
     */
    static void forRange(int n, RangeBody body) {
        if (n < PARALLEL_THRESHOLD) {
            body.run(0, n);
            return;
        }
        int chunks = chunkCount(n);
        IntStream.range(0, chunks).parallel().forEach(c -> body.run(chunkStart(n, chunks, c), chunkStart(n, chunks, c + 1)));
    }

    static int chunkCount(int n) {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        return Math.max(1, Math.min(4 * threads, n / (PARALLEL_THRESHOLD / 2)));
    }

    static int chunkStart(int n, int chunks, int c) {
        return (int) ((long) n * c / chunks);
    }
}
