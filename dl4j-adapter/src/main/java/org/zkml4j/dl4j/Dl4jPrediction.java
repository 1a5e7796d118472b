package org.zkml4j.dl4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.zkml4j.sdk.VerifiedPrediction;

/**
 * A DL4J-shaped prediction with its proof.
 *
 * @param output one row per input (for a classifier: probabilities recomputed from proven logits)
 * @param proof the statement, proven outputs and proof bytes to send to a verifier
 */
public record Dl4jPrediction(INDArray output, VerifiedPrediction proof) {
    /**
     * Per row, how many input values lay outside the calibrated range and were clamped (the proof
     * is about the clamped input; DL4J's own output is not).
     */
    public int[] clampedInputs() {
        return proof.clampedInputs();
    }
}
