package org.zkml4j.backend.pcs;

import java.util.Arrays;
import org.zkml4j.backend.field.Ext;

/** A linear map from a committed vector to the extension field: what a {@link Claim} evaluates. */
public sealed interface LinearFunctional {
    /**
     * The multilinear extension at {@code point}: Σ_x eq(point, x)·v[x], where bit l of the index x
     * is variable l. The vector length must be 2^point.length.
     */
    record MultilinearPoint(Ext[] point) implements LinearFunctional {
        public MultilinearPoint {
            point = point.clone();
        }

        @Override
        public Ext[] point() {
            return point.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof MultilinearPoint m && Arrays.equals(point, m.point);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(point);
        }

        @Override
        public String toString() {
            return "MultilinearPoint" + Arrays.toString(point);
        }
    }

    /** An explicit weighted sum Σ_i weights[i]·v[i]; the vector length must equal weights.length. */
    record WeightedSum(Ext[] weights) implements LinearFunctional {
        public WeightedSum {
            weights = weights.clone();
        }

        @Override
        public Ext[] weights() {
            return weights.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof WeightedSum w && Arrays.equals(weights, w.weights);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(weights);
        }

        @Override
        public String toString() {
            return "WeightedSum" + Arrays.toString(weights);
        }
    }
}
