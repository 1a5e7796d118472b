package org.zkml4j.backend.pcs;

import java.util.List;
import org.zkml4j.backend.field.Ext;

/**
 * A claim that Σ_terms coefficient·functional(vector) over committed vectors equals {@code value}.
 * Most claims have one term (an evaluation of one vector); a combination of several terms lets a
 * protocol prove a linear relation among hidden evaluations while revealing only its result.
 *
 * @param terms one or more terms
 * @param value the claimed result
 */
public record Claim(List<Term> terms, Ext value) {
    /**
     * One term: {@code coefficient} times a linear functional of committed vector {@code vector}.
     *
     * @param vector index of the vector in its commitment
     * @param functional what is evaluated
     * @param coefficient the term's scalar factor
     */
    public record Term(int vector, LinearFunctional functional, Ext coefficient) {}

    /** Copies the terms; a claim needs at least one. */
    public Claim {
        terms = List.copyOf(terms);
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("a claim needs at least one term");
        }
    }

    /** A single-term claim: {@code functional} of vector {@code vector} equals {@code value}. */
    public Claim(int vector, LinearFunctional functional, Ext value) {
        this(List.of(new Term(vector, functional, Ext.ONE)), value);
    }

    /** A claim that the multilinear extension of vector {@code vector} at {@code point} is {@code value}. */
    public static Claim multilinear(int vector, Ext[] point, Ext value) {
        return new Claim(vector, new LinearFunctional.MultilinearPoint(point), value);
    }

    /** A claim that Σ weights[i]·v[i] is {@code value}. */
    public static Claim weighted(int vector, Ext[] weights, Ext value) {
        return new Claim(vector, new LinearFunctional.WeightedSum(weights), value);
    }

    /** The vector of a single-term claim. */
    public int vector() {
        return single().vector();
    }

    /** The functional of a single-term claim. */
    public LinearFunctional functional() {
        return single().functional();
    }

    private Term single() {
        if (terms.size() != 1 || !terms.get(0).coefficient().equals(Ext.ONE)) {
            throw new IllegalStateException("claim combines " + terms.size() + " terms; use terms()");
        }
        return terms.get(0);
    }
}
