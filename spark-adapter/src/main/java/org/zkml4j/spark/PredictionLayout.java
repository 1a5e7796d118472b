package org.zkml4j.spark;

import org.zkml4j.sdk.Logits;

/**
 * How a model's proven outputs (integer logits at scale 2^-f) become Spark's prediction columns.
 * The same function runs on the prover and on the verifier, so an honest row matches bit for bit.
 *
 * <p>With {@code v = logits · 2^-f} (exact in double precision):
 * <ul>
 *   <li>{@link #REGRESSION}: {@code prediction = v[0]};</li>
 *   <li>{@link #BINARY}: two logits {@code [threshold, margin]}; {@code d = v[1] − v[0]},
 *       {@code rawPrediction = [−d, d]}, {@code prediction = 1} iff {@code logits[1] > logits[0]};</li>
 *   <li>{@link #BINARY_PROBABILISTIC}: as {@link #BINARY}, plus
 *       {@code probability = [1 − σ(d), σ(d)]};</li>
 *   <li>{@link #MULTICLASS_PROBABILISTIC}: {@code rawPrediction = v},
 *       {@code probability = softmax(v)}, {@code prediction} = the first index of the largest
 *       logit.</li>
 * </ul>
 */
public enum PredictionLayout {
    /** One real output (linear regression). */
    REGRESSION(false, false),
    /** Two classes decided by a margin, no probabilities (linear SVM). */
    BINARY(true, false),
    /** Two classes decided by a margin, with probabilities (binomial logistic regression). */
    BINARY_PROBABILISTIC(true, true),
    /** Several classes, argmax of the logits, softmax probabilities (multinomial logistic regression, MLP). */
    MULTICLASS_PROBABILISTIC(true, true);

    private final boolean rawPrediction;
    private final boolean probability;

    PredictionLayout(boolean rawPrediction, boolean probability) {
        this.rawPrediction = rawPrediction;
        this.probability = probability;
    }

    /** Whether the layout has a {@code rawPrediction} vector column. */
    public boolean hasRawPrediction() {
        return rawPrediction;
    }

    /** Whether the layout has a {@code probability} vector column. */
    public boolean hasProbability() {
        return probability;
    }

    /**
     * The Spark column values of one row.
     *
     * @param logits the proven outputs of the row
     * @param fracBits the fractional bits of the circuit's outputs
     */
    public DecodedPrediction decode(int[] logits, int fracBits) {
        double[] v = new double[logits.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.scalb((double) logits[i], -fracBits);
        }
        switch (this) {
            case REGRESSION:
                return new DecodedPrediction(v[0], null, null);
            case BINARY:
            case BINARY_PROBABILISTIC: {
                double d = v[1] - v[0];
                double[] probabilities = null;
                if (this == BINARY_PROBABILISTIC) {
                    double p1 = 1.0 / (1.0 + Math.exp(-d));
                    probabilities = new double[] {1.0 - p1, p1};
                }
                return new DecodedPrediction(logits[1] > logits[0] ? 1.0 : 0.0, probabilities, new double[] {-d, d});
            }
            case MULTICLASS_PROBABILISTIC:
                return new DecodedPrediction(Logits.argmax(logits), Logits.softmax(v), v);
            default:
                throw new AssertionError(this);
        }
    }
}
