package org.zkml4j.backend.pcs;

import org.zkml4j.backend.field.Ext;

/**
 * A claim that a linear functional of committed vector {@code vector} equals {@code value}.
 *
 * @param vector index of the vector in its commitment
 * @param functional what is evaluated
 * @param value the claimed result
 */
public record Claim(int vector, LinearFunctional functional, Ext value) {
    /** A claim that the multilinear extension of vector {@code vector} at {@code point} is {@code value}. */
    public static Claim multilinear(int vector, Ext[] point, Ext value) {
        return new Claim(vector, new LinearFunctional.MultilinearPoint(point), value);
    }

    /** A claim that Σ weights[i]·v[i] is {@code value}. */
    public static Claim weighted(int vector, Ext[] weights, Ext value) {
        return new Claim(vector, new LinearFunctional.WeightedSum(weights), value);
    }
}
