package org.zkml4j.spark;

import java.io.Serializable;

/**
 * The column names of a proven DataFrame. Besides the features and the prediction columns, every
 * row carries where its proof is: {@link #batchCol()} (the batch's nonce, which also names the
 * batch), {@link #rowCol()} (the row's index in the batch's statement) and {@link #logitsCol()}
 * (its proven outputs), and {@link #clampedCol()} says how many of its input values lay outside the
 * calibrated range and were clamped; {@link #proofCol()} holds the batch's proof bytes on row 0 and null on the
 * other rows.
 *
 * @param featuresCol the vector column that was proven
 * @param predictionCol the prediction (class index or regression value)
 * @param probabilityCol class probabilities (probabilistic classifiers)
 * @param rawPredictionCol raw scores (classifiers)
 * @param proofCol the proof bytes; the three location columns derive their names from it
 */
public record ProofColumns(String featuresCol, String predictionCol, String probabilityCol, String rawPredictionCol,
                           String proofCol) implements Serializable {
    /** The batch id: the 64-bit nonce bound into the batch's proof. */
    public String batchCol() {
        return proofCol + "_batch";
    }

    /** The row's index in its batch (0 holds the proof). */
    public String rowCol() {
        return proofCol + "_row";
    }

    /** The row's proven outputs (integers of the statement). */
    public String logitsCol() {
        return proofCol + "_logits";
    }

    /**
     * How many of the row's input values were clamped to the calibrated range (the proof is about
     * the clamped input; 0 for rows inside the range).
     */
    public String clampedCol() {
        return proofCol + "_clamped";
    }
}
