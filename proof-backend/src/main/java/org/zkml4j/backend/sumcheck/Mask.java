package org.zkml4j.backend.sumcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.zkml4j.backend.field.Ext;

/**
 * The random mask polynomial g(x) = Σ_{i&lt;n} (e_i + g_i(x_i)), g_i(X) = Σ_{k=1..d} g_{i,k}·X^k, of
 * one {@link ZkSumcheck} (n variables, degree d), and its committed layout: max(1, n) blocks, block
 * i = [e_i, g_{i,1}, …, g_{i,d}] as interleaved (real, x-part) base-field values, zero-padded to
 * {@link #blockLength}. Every coefficient is uniform in the extension field.
 *
 * @param e the constants e_i (one per block)
 * @param g g[i][k − 1] = g_{i,k} (empty rows when n = 0)
 */
public record Mask(Ext[] e, Ext[][] g) {
    /** A fresh mask for n variables of degree d. */
    public static Mask sample(int numVars, int degree, RandomGenerator rng) {
        int blocks = blocks(numVars);
        int gd = numVars == 0 ? 0 : degree;
        Ext[] e = new Ext[blocks];
        Ext[][] g = new Ext[blocks][gd];
        for (int i = 0; i < blocks; i++) {
            e[i] = Ext.random(rng);
            for (int k = 0; k < gd; k++) {
                g[i][k] = Ext.random(rng);
            }
        }
        return new Mask(e, g);
    }

    /** Number of committed blocks for n variables: max(1, n). */
    public static int blocks(int numVars) {
        return Math.max(1, numVars);
    }

    /** Length of each block vector: 2·(1 + d) rounded up to a power of two (2 if n = 0). */
    public static int blockLength(int numVars, int degree) {
        int entries = 2 * (1 + (numVars == 0 ? 0 : degree));
        return Integer.highestOneBit(entries) == entries ? entries : Integer.highestOneBit(entries) << 1;
    }

    /** The block vectors to commit, in order. */
    public List<long[]> blocks() {
        int len = blockLength(numVars(), g[0].length);
        List<long[]> out = new ArrayList<>(e.length);
        for (int i = 0; i < e.length; i++) {
            long[] v = new long[len];
            e[i].set(v, 0);
            for (int k = 0; k < g[i].length; k++) {
                g[i][k].set(v, k + 1);
            }
            out.add(v);
        }
        return out;
    }

    /** a_0 = Σ e_i, the constant term of g. */
    Ext constant() {
        Ext a0 = Ext.ZERO;
        for (Ext ei : e) {
            a0 = a0.add(ei);
        }
        return a0;
    }

    /** tail[i] = Σ_{j ≥ i} Σ_k g_{j,k} for 0 ≤ i ≤ n (tail[n] = 0). */
    Ext[] tails() {
        int n = numVars();
        Ext[] tail = new Ext[n + 1];
        tail[n] = Ext.ZERO;
        for (int i = n - 1; i >= 0; i--) {
            Ext acc = tail[i + 1];
            for (Ext c : g[i]) {
                acc = acc.add(c);
            }
            tail[i] = acc;
        }
        return tail;
    }

    /** G = Σ_{x ∈ {0,1}^n} g(x) = 2^n·a_0 + 2^(n−1)·tail[0] (a_0 when n = 0). */
    Ext sum() {
        int n = numVars();
        return n == 0 ? constant() : constant().mul(ZkSumcheck.pow2(n)).add(tails()[0].mul(ZkSumcheck.pow2(n - 1)));
    }

    private int numVars() {
        return g[0].length == 0 ? 0 : e.length;
    }
}
