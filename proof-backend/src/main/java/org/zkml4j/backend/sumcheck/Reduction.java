package org.zkml4j.backend.sumcheck;

import org.zkml4j.backend.field.Ext;

/**
 * What a sumcheck reduces its statement to: the point r and the claimed evaluations f_j(r) of
 * every table, which the caller must still prove (polynomial-commitment openings, or the next
 * layer's sumcheck).
 *
 * @param point the challenges r_0..r_{n−1} (variable l bound to r_l)
 * @param finalEvaluations f_j(r) for every table j
 */
public record Reduction(Ext[] point, Ext[] finalEvaluations) {
    /** Copies the arrays. */
    public Reduction {
        point = point.clone();
        finalEvaluations = finalEvaluations.clone();
    }

    @Override
    public Ext[] point() {
        return point.clone();
    }

    @Override
    public Ext[] finalEvaluations() {
        return finalEvaluations.clone();
    }
}
