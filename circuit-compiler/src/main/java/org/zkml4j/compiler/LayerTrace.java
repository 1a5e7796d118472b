package org.zkml4j.compiler;

/**
 * The integer tensors one layer produced in one execution: accumulators y, requantized values z,
 * remainders r (with y + 2^(k−1) = z·2^k + r, 0 ≤ r &lt; 2^k) and activations a = A(z). Immutable;
 * array accessors return copies.
 */
public final class LayerTrace {
    private final long[] y;
    private final int[] z;
    private final int[] r;
    private final int[] a;

    LayerTrace(long[] y, int[] z, int[] r, int[] a) {
        this.y = y;
        this.z = z;
        this.r = r;
        this.a = a;
    }

    /** Output length of the layer. */
    public int size() {
        return y.length;
    }

    /** Accumulators y = Wq·x + bq, at scale f_x + f_w. */
    public long[] y() {
        return y.clone();
    }

    /** Requantized pre-activations z, at scale f_y, |z| ≤ zMax. */
    public int[] z() {
        return z.clone();
    }

    /** Requantization remainders r ∈ [0, 2^k). */
    public int[] r() {
        return r.clone();
    }

    /** Activations a = A(z) ∈ [−Q, Q], at scale f_a. */
    public int[] a() {
        return a.clone();
    }

    int[] aInternal() {
        return a;
    }
}
