package org.zkml4j.backend.layer;

import java.util.Objects;
import org.zkml4j.backend.field.Goldilocks;

/**
 * The prover's side of a {@link DenseLayer} statement: X (B × n), Z and R (B × m), exactly as the
 * caller committed them in C1 (layouts in {@link DenseLayerShape}). Arrays are referenced, not
 * copied, and must not change while a proof is made.
 *
 * <pre>{@code
 * DenseLayerShape shape = DenseLayerShape.fromSigned(64, w, b, 7);
 * DenseLayerWitness wit = DenseLayerWitness.compute(shape, x);   // z, r by integer requantization
 * // commit x, wit.z(), wit.r() in C1 (at the shape's indices), absorb C1, then DenseLayer.prove
 * }</pre>
 */
public final class DenseLayerWitness {
    /** Largest |Σ_j W_ij·x_bj + b_i + c| {@link #compute} accepts (far inside (−p/2, p/2)). */
    public static final long MAX_ACCUMULATOR = 1L << 62;

    private final DenseLayerShape shape;
    private final long[] x;
    private final long[] z;
    private final long[] r;

    /**
     * Wraps the three vectors. Whether they satisfy the relation is checked by
     * {@link DenseLayer#prove}, not here (see {@link #checkRelation}).
     *
     * @throws IllegalArgumentException if a length does not match the shape or an entry is not
     *     canonical
     */
    public DenseLayerWitness(DenseLayerShape shape, long[] x, long[] z, long[] r) {
        this.shape = Objects.requireNonNull(shape, "shape");
        checkVector(x, shape.batch() * shape.inputs(), "X");
        checkVector(z, shape.batch() * shape.outputs(), "Z");
        checkVector(r, shape.batch() * shape.outputs(), "R");
        this.x = x;
        this.z = z;
        this.r = r;
    }

    /**
     * Computes Z and R from X by the integer semantics of docs/quantization.md §4.3: with
     * y = Σ_j W_ij·x_bj + b_i (weights, bias and X read as signed integers) and c = 2^(k−1)
     * (k ≥ 1), z = floor((y + c) / 2^k) and r = y + c − 2^k·z ∈ [0, 2^k); for k = 0, z = y, r = 0.
     *
     * @param x X (B·n canonical residues, x[b·n + j])
     * @throws IllegalArgumentException if X has the wrong length or a non-canonical entry, or some
     *     |y + c| exceeds {@link #MAX_ACCUMULATOR}
     */
    public static DenseLayerWitness compute(DenseLayerShape shape, long[] x) {
        Objects.requireNonNull(shape, "shape");
        int batch = shape.batch(), n = shape.inputs(), m = shape.outputs(), k = shape.shift();
        checkVector(x, batch * n, "X");
        long[] w = shape.weightsRef();
        long[] bias = shape.biasRef();
        long c = shape.roundingConstant();
        long[] z = new long[batch * m];
        long[] r = new long[batch * m];
        long[] xs = new long[n];
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < n; j++) {
                xs[j] = Goldilocks.toSigned(x[b * n + j]);
            }
            for (int i = 0; i < m; i++) {
                long y;
                try {
                    y = Math.addExact(Goldilocks.toSigned(bias[i]), c);
                    for (int j = 0; j < n; j++) {
                        y = Math.addExact(y, Math.multiplyExact(Goldilocks.toSigned(w[i * n + j]), xs[j]));
                    }
                } catch (ArithmeticException e) {
                    throw new IllegalArgumentException("accumulator of row " + b + ", output " + i + " overflows 64 bits");
                }
                if (Math.abs(y) > MAX_ACCUMULATOR) {
                    throw new IllegalArgumentException("accumulator of row " + b + ", output " + i + " is " + y
                            + ", beyond ±2^62");
                }
                long q = Math.floorDiv(y, 1L << k);
                z[b * m + i] = Goldilocks.fromSigned(q);
                r[b * m + i] = Goldilocks.fromSigned(y - (q << k));
            }
        }
        return new DenseLayerWitness(shape, x, z, r);
    }

    private static void checkVector(long[] v, int length, String what) {
        Objects.requireNonNull(v, what);
        if (v.length != length) {
            throw new IllegalArgumentException(what + " has " + v.length + " entries, expected " + length);
        }
        for (int i = 0; i < v.length; i++) {
            if (!Goldilocks.isCanonical(v[i])) {
                throw new IllegalArgumentException(what + " entry " + i + " is not canonical");
            }
        }
    }

    /** The public statement. */
    public DenseLayerShape shape() {
        return shape;
    }

    /** X (a copy). */
    public long[] x() {
        return x.clone();
    }

    /** Z (a copy). */
    public long[] z() {
        return z.clone();
    }

    /** R (a copy). */
    public long[] r() {
        return r.clone();
    }

    long[] xRef() {
        return x;
    }

    long[] zRef() {
        return z;
    }

    long[] rRef() {
        return r;
    }

    /**
     * Checks Σ_j W_ij·X_bj + b_i + c = 2^k·Z_bi + R_bi in the field for every (b, i), in
     * O(B·m·n). Does not check 0 ≤ R &lt; 2^k (the range check's job).
     *
     * @throws IllegalArgumentException naming the first (b, i) where it fails
     */
    public void checkRelation() {
        int batch = shape.batch(), n = shape.inputs(), m = shape.outputs();
        long[] w = shape.weightsRef();
        long[] bias = shape.biasRef();
        long c = shape.roundingConstant();
        long twoK = 1L << shape.shift();
        long[] acc = new long[3];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < m; i++) {
                acc[0] = acc[1] = acc[2] = 0;
                for (int j = 0; j < n; j++) {
                    Goldilocks.mac(acc, 0, w[i * n + j], x[b * n + j]);
                }
                long lhs = Goldilocks.add(Goldilocks.add(Goldilocks.reduceAccumulator(acc, 0), bias[i]), c);
                long rhs = Goldilocks.add(Goldilocks.mul(twoK, z[b * m + i]), r[b * m + i]);
                if (lhs != rhs) {
                    throw new IllegalArgumentException("dense relation fails at batch row " + b + ", output " + i
                            + ": W·x + b + c = " + Goldilocks.toSigned(lhs) + " but 2^k·z + r = "
                            + Goldilocks.toSigned(rhs));
                }
            }
        }
    }
}
