package org.zkml4j.backend.sumcheck;

import static org.zkml4j.backend.field.Goldilocks.add;
import static org.zkml4j.backend.field.Goldilocks.mac;
import static org.zkml4j.backend.field.Goldilocks.mul;
import static org.zkml4j.backend.field.Goldilocks.reduceAccumulator;
import static org.zkml4j.backend.field.Goldilocks.sub;
import static org.zkml4j.backend.field.GoldilocksExt.mulC0;
import static org.zkml4j.backend.field.GoldilocksExt.mulC1;
import static org.zkml4j.backend.field.GoldilocksExt.times7;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.stream.IntStream;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.poly.Multilinear;

/**
 * The prover's round computation: holds the partially bound tables, computes each round
 * polynomial's values at 0..d, and binds the lowest variable to a challenge.
 *
 * <p>Round sums run per term over pairs (2i, 2i+1) with kernels specialised by term size and by
 * table kind (the first round reads base tables directly; only terms mixing base and extension
 * tables use extension copies of their base tables). Large rounds are split into chunks across the
 * common pool; field addition is exact, so the result does not depend on scheduling.
 */
final class SumcheckEngine {
    static final int PARALLEL_PAIRS = 1 << 14;
    private static final int MIN_CHUNK = 1 << 13;

    private final SumcheckShape shape;
    private final int d;
    private final Ext[] coefficients;
    private final int[][] factors;
    private final long[][] tables;
    private final boolean[] base;
    /** alias[j]: the first table registered with the same array and kind as j (folded once). */
    private final int[] alias;
    /** Ping-pong fold buffers per table (extension, sized for rounds 0 and 1). */
    private final long[][] bufA, bufB;
    /** Extension copies of base tables used by mixed terms (first round only), else null. */
    private long[][] promoted;
    private int vars;
    private Ext claim;

    SumcheckEngine(SumcheckInstance instance, Ext claim) {
        this.shape = instance.shape();
        this.d = shape.degree();
        List<SumcheckShape.Term> terms = shape.terms();
        this.coefficients = new Ext[terms.size()];
        this.factors = new int[terms.size()][];
        for (int t = 0; t < terms.size(); t++) {
            coefficients[t] = terms.get(t).coefficient();
            factors[t] = terms.get(t).tables();
        }
        int m = shape.numTables();
        this.tables = new long[m][];
        this.base = new boolean[m];
        for (int j = 0; j < m; j++) {
            tables[j] = instance.table(j);
            base[j] = instance.isBase(j);
        }
        this.alias = new int[m];
        IdentityHashMap<long[], Integer> firstBase = new IdentityHashMap<>();
        IdentityHashMap<long[], Integer> firstExt = new IdentityHashMap<>();
        for (int j = 0; j < m; j++) {
            IdentityHashMap<long[], Integer> first = base[j] ? firstBase : firstExt;
            Integer prior = first.putIfAbsent(tables[j], j);
            alias[j] = prior == null ? j : prior;
        }
        this.bufA = new long[m][];
        this.bufB = new long[m][];
        this.vars = shape.numVars();
        this.claim = claim;
    }

    /** Variables not yet bound. */
    int remainingVars() {
        return vars;
    }

    /** The current claim: the claimed sum, then each round polynomial at its challenge. */
    Ext claim() {
        return claim;
    }

    /** Σ over the remaining hypercube of the summand (without using the claim). */
    Ext fullSum() {
        if (vars == 0) {
            return shape.combine(finalEvaluations());
        }
        long[][] sums = termSums(true);
        Ext total = Ext.ZERO;
        for (int t = 0; t < factors.length; t++) {
            Ext s = Ext.of(add(sums[t][0], sums[t][2]), add(sums[t][1], sums[t][3]));
            total = total.add(coefficients[t].mul(s));
        }
        return total;
    }

    /**
     * The current round polynomial's values at 0, 1, …, d. p(1) is derived as claim − p(0); a
     * wrong claim therefore surfaces only at the final check.
     */
    Ext[] roundEvaluations() {
        if (vars == 0) {
            throw new IllegalStateException("no variables left to sum over");
        }
        long[][] sums = termSums(false);
        Ext[] evals = new Ext[d + 1];
        for (int k = 0; k <= d; k++) {
            if (k == 1) {
                continue;
            }
            Ext e = Ext.ZERO;
            for (int t = 0; t < factors.length; t++) {
                e = e.add(coefficients[t].mul(Ext.of(sums[t][2 * k], sums[t][2 * k + 1])));
            }
            evals[k] = e;
        }
        evals[1] = claim.sub(evals[0]);
        return evals;
    }

    /** Binds the lowest remaining variable to {@code r}; {@code evals} is this round's polynomial. */
    void bind(Ext r, Ext[] evals) {
        claim = Lagrange.interpolate(evals, r);
        int entries = 1 << vars;
        boolean intoA = (shape.numVars() - vars) % 2 == 0; // ping-pong: round 0 → A, 1 → B, 2 → A, …
        for (int j = 0; j < tables.length; j++) {
            if (alias[j] != j) {
                continue;
            }
            long[] dst;
            if (intoA) {
                if (bufA[j] == null) {
                    bufA[j] = new long[entries];
                }
                dst = bufA[j];
            } else {
                if (bufB[j] == null) {
                    bufB[j] = new long[entries];
                }
                dst = bufB[j];
            }
            if (base[j]) {
                Multilinear.fixFirstVariableBaseInto(tables[j], entries, r, dst);
            } else {
                Multilinear.fixFirstVariableInto(tables[j], entries, r, dst);
            }
            tables[j] = dst;
        }
        for (int j = 0; j < tables.length; j++) {
            tables[j] = tables[alias[j]];
        }
        Arrays.fill(base, false);
        promoted = null;
        vars--;
    }

    /** f_j(r) for every table once all variables are bound. */
    Ext[] finalEvaluations() {
        if (vars != 0) {
            throw new IllegalStateException(vars + " variables are still unbound");
        }
        Ext[] out = new Ext[tables.length];
        for (int j = 0; j < tables.length; j++) {
            out[j] = base[j] ? Ext.base(tables[j][0]) : Ext.of(tables[j][0], tables[j][1]);
        }
        return out;
    }

    /** sums[t][2k..2k+1] = Σ_i Π_{j ∈ t} f_j(k; i) for k = 0..d (k = 1 only if {@code withOne}). */
    private long[][] termSums(boolean withOne) {
        int pairs = 1 << (vars - 1);
        int width = 2 * (d + 1);
        preparePromoted();
        if (pairs < PARALLEL_PAIRS) {
            long[][] out = new long[factors.length][width];
            for (int t = 0; t < factors.length; t++) {
                termKernel(t, 0, pairs, withOne, out[t]);
            }
            return out;
        }
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        int chunks = Math.max(1, Math.min(4 * threads, pairs / MIN_CHUNK));
        long[][][] partial = new long[chunks][factors.length][width];
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int lo = (int) ((long) pairs * c / chunks);
            int hi = (int) ((long) pairs * (c + 1) / chunks);
            for (int t = 0; t < factors.length; t++) {
                termKernel(t, lo, hi, withOne, partial[c][t]);
            }
        });
        long[][] out = partial[0];
        for (int c = 1; c < chunks; c++) {
            for (int t = 0; t < factors.length; t++) {
                for (int k = 0; k < width; k++) {
                    out[t][k] = add(out[t][k], partial[c][t][k]);
                }
            }
        }
        return out;
    }

    private void preparePromoted() {
        if (promoted != null) {
            return;
        }
        promoted = new long[tables.length][];
        for (int[] f : factors) {
            boolean anyBase = false, anyExt = false;
            for (int j : f) {
                anyBase |= base[j];
                anyExt |= !base[j];
            }
            if (anyBase && anyExt) {
                for (int j : f) {
                    if (base[j] && promoted[j] == null) {
                        long[] src = tables[j];
                        long[] ext = new long[2 * src.length];
                        for (int i = 0; i < src.length; i++) {
                            ext[2 * i] = src[i];
                        }
                        promoted[j] = ext;
                    }
                }
            }
        }
    }

    private void termKernel(int t, int lo, int hi, boolean one, long[] acc) {
        int[] f = factors[t];
        boolean allBase = true;
        for (int j : f) {
            allBase &= base[j];
        }
        if (allBase) {
            switch (f.length) {
                case 1 -> base1(tables[f[0]], lo, hi, d, acc);
                case 2 -> base2(tables[f[0]], tables[f[1]], lo, hi, d, one, acc);
                default -> base3(tables[f[0]], tables[f[1]], tables[f[2]], lo, hi, d, one, acc);
            }
            return;
        }
        long[][] ext = new long[f.length][];
        for (int k = 0; k < f.length; k++) {
            ext[k] = base[f[k]] ? promoted[f[k]] : tables[f[k]];
        }
        switch (f.length) {
            case 1 -> ext1(ext[0], lo, hi, d, acc);
            case 2 -> ext2(ext[0], ext[1], lo, hi, d, one, acc);
            default -> ext3(ext[0], ext[1], ext[2], lo, hi, d, one, acc);
        }
    }

    // ---- kernels: acc[2k], acc[2k+1] += Σ_{i ∈ [lo, hi)} Π_factors f(k; i) with
    // f(k; i) = f[2i] + k·(f[2i+1] − f[2i]) for k = 0..d (k = 1 only if `one`). Final products are
    // accumulated exactly (Goldilocks.mac) and reduced once per chunk.

    /** Linear term: Σ f(k) = S0 + k·(S1 − S0), no products needed. Always fills k = 1. */
    static void base1(long[] a, int lo, int hi, int d, long[] acc) {
        long s0 = 0, s1 = 0;
        for (int i = lo; i < hi; i++) {
            s0 = add(s0, a[2 * i]);
            s1 = add(s1, a[2 * i + 1]);
        }
        long diff = sub(s1, s0), v = s0;
        for (int k = 0; k <= d; k++) {
            acc[2 * k] = add(acc[2 * k], v);
            v = add(v, diff);
        }
    }

    static void ext1(long[] a, int lo, int hi, int d, long[] acc) {
        long s00 = 0, s01 = 0, s10 = 0, s11 = 0;
        for (int i = lo; i < hi; i++) {
            int s = 4 * i;
            s00 = add(s00, a[s]);
            s01 = add(s01, a[s + 1]);
            s10 = add(s10, a[s + 2]);
            s11 = add(s11, a[s + 3]);
        }
        long d0 = sub(s10, s00), d1 = sub(s11, s01), v0 = s00, v1 = s01;
        for (int k = 0; k <= d; k++) {
            acc[2 * k] = add(acc[2 * k], v0);
            acc[2 * k + 1] = add(acc[2 * k + 1], v1);
            v0 = add(v0, d0);
            v1 = add(v1, d1);
        }
    }

    static void base2(long[] a, long[] b, int lo, int hi, int d, boolean one, long[] acc) {
        long[] lazy = new long[3 * (d + 1)];
        for (int i = lo; i < hi; i++) {
            long a0 = a[2 * i], a1 = a[2 * i + 1], b0 = b[2 * i], b1 = b[2 * i + 1];
            mac(lazy, 0, a0, b0);
            if (one) {
                mac(lazy, 3, a1, b1);
            }
            long da = sub(a1, a0), db = sub(b1, b0);
            for (int k = 2; k <= d; k++) {
                a1 = add(a1, da);
                b1 = add(b1, db);
                mac(lazy, 3 * k, a1, b1);
            }
        }
        flushBase(lazy, d, acc);
    }

    static void base3(long[] a, long[] b, long[] c, int lo, int hi, int d, boolean one, long[] acc) {
        long[] lazy = new long[3 * (d + 1)];
        for (int i = lo; i < hi; i++) {
            long a0 = a[2 * i], a1 = a[2 * i + 1], b0 = b[2 * i], b1 = b[2 * i + 1];
            long c0 = c[2 * i], c1 = c[2 * i + 1];
            mac(lazy, 0, mul(a0, b0), c0);
            if (one) {
                mac(lazy, 3, mul(a1, b1), c1);
            }
            long da = sub(a1, a0), db = sub(b1, b0), dc = sub(c1, c0);
            for (int k = 2; k <= d; k++) {
                a1 = add(a1, da);
                b1 = add(b1, db);
                c1 = add(c1, dc);
                mac(lazy, 3 * k, mul(a1, b1), c1);
            }
        }
        flushBase(lazy, d, acc);
    }

    static void ext2(long[] a, long[] b, int lo, int hi, int d, boolean one, long[] acc) {
        long[] lazy = new long[9 * (d + 1)];
        for (int i = lo; i < hi; i++) {
            int s = 4 * i;
            long a00 = a[s], a01 = a[s + 1], a10 = a[s + 2], a11 = a[s + 3];
            long b00 = b[s], b01 = b[s + 1], b10 = b[s + 2], b11 = b[s + 3];
            macExt(lazy, 0, a00, a01, b00, b01);
            if (one) {
                macExt(lazy, 9, a10, a11, b10, b11);
            }
            long da0 = sub(a10, a00), da1 = sub(a11, a01), db0 = sub(b10, b00), db1 = sub(b11, b01);
            for (int k = 2; k <= d; k++) {
                a10 = add(a10, da0);
                a11 = add(a11, da1);
                b10 = add(b10, db0);
                b11 = add(b11, db1);
                macExt(lazy, 9 * k, a10, a11, b10, b11);
            }
        }
        flushExt(lazy, d, acc);
    }

    static void ext3(long[] a, long[] b, long[] c, int lo, int hi, int d, boolean one, long[] acc) {
        long[] lazy = new long[9 * (d + 1)];
        for (int i = lo; i < hi; i++) {
            int s = 4 * i;
            long a00 = a[s], a01 = a[s + 1], a10 = a[s + 2], a11 = a[s + 3];
            long b00 = b[s], b01 = b[s + 1], b10 = b[s + 2], b11 = b[s + 3];
            long c00 = c[s], c01 = c[s + 1], c10 = c[s + 2], c11 = c[s + 3];
            macExt(lazy, 0, mulC0(a00, a01, b00, b01), mulC1(a00, a01, b00, b01), c00, c01);
            if (one) {
                macExt(lazy, 9, mulC0(a10, a11, b10, b11), mulC1(a10, a11, b10, b11), c10, c11);
            }
            long da0 = sub(a10, a00), da1 = sub(a11, a01), db0 = sub(b10, b00), db1 = sub(b11, b01);
            long dc0 = sub(c10, c00), dc1 = sub(c11, c01);
            for (int k = 2; k <= d; k++) {
                a10 = add(a10, da0);
                a11 = add(a11, da1);
                b10 = add(b10, db0);
                b11 = add(b11, db1);
                c10 = add(c10, dc0);
                c11 = add(c11, dc1);
                macExt(lazy, 9 * k, mulC0(a10, a11, b10, b11), mulC1(a10, a11, b10, b11), c10, c11);
            }
        }
        flushExt(lazy, d, acc);
    }

    /** Lazily accumulates the extension product (a0 + a1·x)(b0 + b1·x) into lazy[o..o+8]. */
    private static void macExt(long[] lazy, int o, long a0, long a1, long b0, long b1) {
        mac(lazy, o, a0, b0); // real·real
        mac(lazy, o + 3, a1, b1); // x·x, times W = 7 at the end
        mac(lazy, o + 6, a0, b1); // cross terms
        mac(lazy, o + 6, a1, b0);
    }

    private static void flushBase(long[] lazy, int d, long[] acc) {
        for (int k = 0; k <= d; k++) {
            acc[2 * k] = add(acc[2 * k], reduceAccumulator(lazy, 3 * k));
        }
    }

    private static void flushExt(long[] lazy, int d, long[] acc) {
        for (int k = 0; k <= d; k++) {
            long c0 = add(reduceAccumulator(lazy, 9 * k), times7(reduceAccumulator(lazy, 9 * k + 3)));
            acc[2 * k] = add(acc[2 * k], c0);
            acc[2 * k + 1] = add(acc[2 * k + 1], reduceAccumulator(lazy, 9 * k + 6));
        }
    }
}
