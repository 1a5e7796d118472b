package org.zkml4j.bridge.validator;

import org.zkml4j.bridge.circuit.Circuit;

/**
 * A circuit a validator tests miners on, and how often relative to the others.
 *
 * @param circuit the circuit (only its key is needed)
 * @param weight relative frequency, positive
 */
public record WeightedCircuit(Circuit circuit, double weight) {
    /** Validates the weight. */
    public WeightedCircuit {
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("circuit weight must be positive and finite, got " + weight);
        }
    }
}
