package org.zkml4j.backend.pcs;

import java.util.Arrays;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.field.Goldilocks;
import org.zkml4j.backend.poly.Multilinear;

/**
 * A claim's functional split along the Ligero matrix: weights over the vector's rows, and over
 * columns the polynomial Ã(X) = Σ_j a_j·X^(cols−1−j), whose coefficient of X^(cols−1) in Ã·P_i is
 * Σ_j a_j·w_ij for a row polynomial P_i with message w_i.
 */
final class ClaimGeometry {
    final int firstRow;
    final Ext[] rowWeights;
    /** Column weights a_j (length ≤ cols); for a multilinear point, null until needed. */
    private final Ext[] columnPoint;
    private final Ext[] columnWeights;
    private final int cols;

    private ClaimGeometry(int firstRow, Ext[] rowWeights, Ext[] columnPoint, Ext[] columnWeights, int cols) {
        this.firstRow = firstRow;
        this.rowWeights = rowWeights;
        this.columnPoint = columnPoint;
        this.columnWeights = columnWeights;
        this.cols = cols;
    }

    /**
     * Splits a claim, or returns a reason why it does not fit the committed vectors.
     *
     * @return the geometry; never null
     * @throws IllegalArgumentException with a message naming the claim and the mismatch
     */
    static ClaimGeometry of(int index, Claim claim, LigeroLayout layout) {
        int v = claim.vector();
        if (v < 0 || v >= layout.vectorLengths().length) {
            throw new IllegalArgumentException("claim " + index + " refers to vector " + v + " of "
                    + layout.vectorLengths().length);
        }
        int length = layout.vectorLengths()[v];
        int logLength = Integer.numberOfTrailingZeros(length);
        int first = layout.firstRow()[v];
        if (claim.functional() instanceof LinearFunctional.MultilinearPoint m) {
            Ext[] z = m.point();
            if (z.length != logLength) {
                throw new IllegalArgumentException("claim " + index + ": point has " + z.length
                        + " coordinates but vector " + v + " has 2^" + logLength + " entries");
            }
            int columnVars = Math.min(logLength, layout.logCols());
            Ext[] rowWeights = toExts(Multilinear.eqTable(Arrays.copyOfRange(z, columnVars, z.length)));
            return new ClaimGeometry(first, rowWeights, Arrays.copyOf(z, columnVars), null, layout.cols());
        }
        Ext[] w = ((LinearFunctional.WeightedSum) claim.functional()).weights();
        if (w.length != length) {
            throw new IllegalArgumentException("claim " + index + ": " + w.length + " weights but vector " + v
                    + " has " + length + " entries");
        }
        if (length > layout.cols()) {
            throw new IllegalArgumentException("claim " + index + ": weighted sums are supported for vectors of at most "
                    + layout.cols() + " entries (one row); vector " + v + " has " + length);
        }
        return new ClaimGeometry(first, new Ext[] {Ext.ONE}, null, w, layout.cols());
    }

    private static Ext[] toExts(long[] table) {
        Ext[] out = new Ext[table.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = Ext.get(table, i);
        }
        return out;
    }

    /** Coefficients of Ã, as real and x-parts, each of length cols. */
    long[][] columnPolynomial() {
        Ext[] a = columnWeights != null ? columnWeights : toExts(Multilinear.eqTable(columnPoint));
        long[] re = new long[cols];
        long[] im = new long[cols];
        for (int j = 0; j < a.length; j++) {
            re[cols - 1 - j] = a[j].c0();
            im[cols - 1 - j] = a[j].c1();
        }
        return new long[][] {re, im};
    }

    /**
     * Ã(x) for x = ω^c with x^−1 given. For a point z this is x^(cols−1)·Π_l (1 − z_l + z_l·x^(−2^l)),
     * O(log cols); for explicit weights, Horner in x^−1.
     */
    Ext columnPolynomialAt(long x, long xInverse) {
        long lead = Goldilocks.pow(x, cols - 1);
        if (columnWeights != null) {
            Ext acc = Ext.ZERO;
            for (int j = columnWeights.length - 1; j >= 0; j--) {
                acc = acc.mul(xInverse).add(columnWeights[j]);
            }
            return acc.mul(lead);
        }
        Ext acc = Ext.base(lead);
        long power = xInverse;
        for (Ext z : columnPoint) {
            acc = acc.mul(Ext.ONE.sub(z).add(z.mul(power)));
            power = Goldilocks.mul(power, power);
        }
        return acc;
    }

    /** Absorbs the claim: vector, functional kind and data, value. */
    static void absorb(org.zkml4j.backend.transcript.Transcript t, Claim claim) {
        t.absorbLong("pcs/claim-vector", claim.vector());
        if (claim.functional() instanceof LinearFunctional.MultilinearPoint m) {
            t.absorbExts("pcs/claim-point", m.point());
        } else {
            t.absorbExts("pcs/claim-weights", ((LinearFunctional.WeightedSum) claim.functional()).weights());
        }
        t.absorbExts("pcs/claim-value", claim.value());
    }
}
