package org.zkml4j.backend.pcs;

import java.util.Arrays;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.field.Goldilocks;
import org.zkml4j.backend.field.GoldilocksExt;
import org.zkml4j.backend.ntt.Ntt;
import org.zkml4j.backend.poly.Multilinear;
import org.zkml4j.backend.transcript.Transcript;

/**
 * One claim term's functional split along the Ligero matrix. Over the rows r of its vector it has weights
 * ρ_r, and over columns polynomials Ã_r(X) = Σ_j a_r,j·X^(cols−1−j), so that the coefficient of
 * X^(cols−1) in Σ_r ρ_r·Ã_r·P_r is the claimed functional of the row messages. A multilinear point
 * is a tensor (one Ã for all rows, ρ = eq over the row variables); explicit weights give one Ã_r
 * per row and ρ_r = 1.
 */
final class ClaimGeometry {
    private final int firstRow;
    private final int rows;
    private final int cols;
    /** Tensor claims: row weights (also split into parts) and the column point; null for explicit weights. */
    private final Ext[] rowWeights;
    private final long[] rowWeightsRe;
    private final long[] rowWeightsIm;
    private final Ext[] columnPoint;
    /** Explicit weights, row-major over the vector; null for tensor claims. */
    private final Ext[] weights;

    private ClaimGeometry(int firstRow, int rows, int cols, Ext[] rowWeights, Ext[] columnPoint, Ext[] weights) {
        this.firstRow = firstRow;
        this.rows = rows;
        this.cols = cols;
        this.rowWeights = rowWeights;
        this.rowWeightsRe = rowWeights == null ? null : Arrays.stream(rowWeights).mapToLong(Ext::c0).toArray();
        this.rowWeightsIm = rowWeights == null ? null : Arrays.stream(rowWeights).mapToLong(Ext::c1).toArray();
        this.columnPoint = columnPoint;
        this.weights = weights;
    }

    /**
     * Splits a term of claim number {@code index} along the layout.
     *
     * @throws IllegalArgumentException naming the claim and the mismatch
     */
    static ClaimGeometry of(int index, Claim.Term claim, LigeroLayout layout) {
        int v = claim.vector();
        if (v < 0 || v >= layout.vectorLengths().length) {
            throw new IllegalArgumentException("claim " + index + " refers to vector " + v + " of "
                    + layout.vectorLengths().length);
        }
        int length = layout.vectorLengths()[v];
        int logLength = Integer.numberOfTrailingZeros(length);
        int first = layout.firstRow()[v];
        int rows = layout.rowCount()[v];
        if (claim.functional() instanceof LinearFunctional.MultilinearPoint m) {
            Ext[] z = m.point();
            if (z.length != logLength) {
                throw new IllegalArgumentException("claim " + index + ": point has " + z.length
                        + " coordinates but vector " + v + " has 2^" + logLength + " entries");
            }
            int columnVars = Math.min(logLength, layout.logCols());
            Ext[] rowWeights = toExts(Multilinear.eqTable(Arrays.copyOfRange(z, columnVars, z.length)));
            return new ClaimGeometry(first, rows, layout.cols(), rowWeights, Arrays.copyOf(z, columnVars), null);
        }
        Ext[] w = ((LinearFunctional.WeightedSum) claim.functional()).weights();
        if (w.length != length) {
            throw new IllegalArgumentException("claim " + index + ": " + w.length + " weights but vector " + v
                    + " has " + length + " entries");
        }
        return new ClaimGeometry(first, rows, layout.cols(), null, null, w);
    }

    private static Ext[] toExts(long[] table) {
        Ext[] out = new Ext[table.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = Ext.get(table, i);
        }
        return out;
    }

    /** Σ_r ρ_r·Ã_r·P_r as (real, x-part) coefficient arrays of length 2·cols + t − 1. */
    long[][] product(long[][] rowCoefficients, int rowLength) {
        if (weights == null) {
            long[][] folded = {new long[rowLength], new long[rowLength]};
            for (int r = 0; r < rows; r++) {
                LigeroPcs.addBase(folded, rowCoefficients[firstRow + r], 0, rowWeights[r]);
            }
            Ext[] a = toExts(Multilinear.eqTable(columnPoint));
            return LigeroPcs.multiplyExt(reversed(a, 0, a.length), folded);
        }
        long[][] acc = {new long[cols + rowLength - 1], new long[cols + rowLength - 1]};
        for (int r = 0; r < rows; r++) {
            int from = r * cols;
            long[][] a = reversed(weights, from, Math.min(weights.length, from + cols));
            long[] row = rowCoefficients[firstRow + r];
            long[] re = Ntt.multiply(a[0], row);
            long[] im = Ntt.multiply(a[1], row);
            for (int j = 0; j < re.length; j++) {
                acc[0][j] = Goldilocks.add(acc[0][j], re[j]);
                acc[1][j] = Goldilocks.add(acc[1][j], im[j]);
            }
        }
        return acc;
    }

    /** Coefficients of Σ_j a[from + j]·X^(cols−1−j) as (real, x-part) arrays of length cols. */
    private long[][] reversed(Ext[] a, int from, int to) {
        long[] re = new long[cols];
        long[] im = new long[cols];
        for (int j = from; j < to; j++) {
            re[cols - 1 - (j - from)] = a[j].c0();
            im[cols - 1 - (j - from)] = a[j].c1();
        }
        return new long[][] {re, im};
    }

    /**
     * Σ_r ρ_r·Ã_r(x)·column[firstRow + r] at x = ω^j, given x^−1. For a point, Ã(x) =
     * x^(cols−1)·Π_l (1 − z_l + z_l·x^(−2^l)) in O(log cols); for explicit weights, Horner in x^−1.
     */
    Ext expectedAt(long x, long xInverse, long[] column) {
        long lead = Goldilocks.pow(x, cols - 1);
        if (weights == null) {
            Ext a = Ext.base(lead);
            long power = xInverse;
            for (Ext z : columnPoint) {
                a = a.mul(Ext.ONE.sub(z).add(z.mul(power)));
                power = Goldilocks.mul(power, power);
            }
            long[] folded = GoldilocksExt.dotBase(rowWeightsRe, rowWeightsIm, column, firstRow, rows);
            return a.mul(Ext.of(folded[0], folded[1]));
        }
        Ext sum = Ext.ZERO;
        for (int r = 0; r < rows; r++) {
            int from = r * cols;
            Ext acc = Ext.ZERO;
            for (int j = Math.min(weights.length, from + cols) - 1; j >= from; j--) {
                acc = acc.mul(xInverse).add(weights[j]);
            }
            sum = sum.add(acc.mul(column[firstRow + r]));
        }
        return sum.mul(lead);
    }

    /** Absorbs the claim: its terms (vector, functional kind and data, coefficient), then its value. */
    static void absorb(Transcript t, Claim claim) {
        t.absorbLong("pcs/claim-terms", claim.terms().size());
        for (Claim.Term term : claim.terms()) {
            t.absorbLong("pcs/claim-vector", term.vector());
            if (term.functional() instanceof LinearFunctional.MultilinearPoint m) {
                t.absorbExts("pcs/claim-point", m.point());
            } else {
                t.absorbExts("pcs/claim-weights", ((LinearFunctional.WeightedSum) term.functional()).weights());
            }
            t.absorbExts("pcs/claim-coefficient", term.coefficient());
        }
        t.absorbExts("pcs/claim-value", claim.value());
    }
}
