package org.zkml4j.spark;

/**
 * One row's Spark prediction columns, computed from proven logits by {@link PredictionLayout#decode}.
 *
 * @param prediction the predicted class (as a double, like Spark) or the regression value
 * @param probability class probabilities, or null when the layout has none
 * @param rawPrediction raw scores, or null when the layout has none
 */
public record DecodedPrediction(double prediction, double[] probability, double[] rawPrediction) {
}
