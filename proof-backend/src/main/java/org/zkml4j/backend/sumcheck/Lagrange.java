package org.zkml4j.backend.sumcheck;

import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.field.Goldilocks;

/** Evaluation of a univariate polynomial given by its values at 0, 1, …, d (d ≤ 3). */
final class Lagrange {
    /** INV_DENOM[d][k] = 1 / Π_{m ≠ k, 0 ≤ m ≤ d} (k − m). */
    private static final long[][] INV_DENOM = new long[SumcheckShape.MAX_TERM_SIZE + 1][];

    static {
        for (int d = 0; d <= SumcheckShape.MAX_TERM_SIZE; d++) {
            INV_DENOM[d] = new long[d + 1];
            for (int k = 0; k <= d; k++) {
                long den = 1;
                for (int m = 0; m <= d; m++) {
                    if (m != k) {
                        den *= k - m;
                    }
                }
                INV_DENOM[d][k] = Goldilocks.inverse(Goldilocks.fromSigned(den));
            }
        }
    }

    private Lagrange() {}

    /** p(r) for the polynomial of degree ≤ evals.length − 1 with p(k) = evals[k]. */
    static Ext interpolate(Ext[] evals, Ext r) {
        int d = evals.length - 1;
        Ext[] diff = new Ext[d + 1];
        for (int m = 0; m <= d; m++) {
            diff[m] = r.sub(Ext.base(m));
        }
        // prefix[k] = Π_{m<k} (r − m), suffix[k] = Π_{m>k} (r − m)
        Ext[] prefix = new Ext[d + 1];
        Ext acc = Ext.ONE;
        for (int k = 0; k <= d; k++) {
            prefix[k] = acc;
            acc = acc.mul(diff[k]);
        }
        Ext result = Ext.ZERO;
        Ext suffix = Ext.ONE;
        for (int k = d; k >= 0; k--) {
            Ext basis = prefix[k].mul(suffix).mul(INV_DENOM[d][k]);
            result = result.add(evals[k].mul(basis));
            suffix = suffix.mul(diff[k]);
        }
        return result;
    }
}
