package org.zkml4j.sdk;

/**
 * Predictions with their proof: the float outputs (for a classifier, probabilities recomputed from
 * the proven logits), the proven integer outputs, the predicted classes (classifiers), the public
 * statement and the proof bytes. Send {@link #statement()} and {@link #proof()} to a verifier. The
 * arrays hold the rows asked for; a statement with committed weights or outputs fills its batch to
 * a power of two by repeating the last row.
 *
 * @param outputs float outputs, one row per input
 * @param quantizedOutputs the proven integer outputs (logits for a classifier)
 * @param classes the argmax of each row's proven logits, or null if the model is not a classifier
 * @param statement what the proof attests
 * @param proof the proof bytes
 * @param outputSecret COMMITTED outputs: the secret that, with {@code quantizedOutputs}, opens the
 *     statement's output commitment ({@link Verifier#checkOutputs}); null otherwise
 */
public record VerifiedPrediction(float[][] outputs, int[][] quantizedOutputs, int[] classes, Statement statement,
                                 byte[] proof, byte[] outputSecret) {
    /** A prediction without committed outputs. */
    public VerifiedPrediction(float[][] outputs, int[][] quantizedOutputs, int[] classes, Statement statement,
            byte[] proof) {
        this(outputs, quantizedOutputs, classes, statement, proof, null);
    }

    /** The first row's float output (convenient for a single prediction). */
    public float[] output() {
        return outputs[0].clone();
    }

    /** The first row's class, for a classifier. */
    public int predictedClass() {
        if (classes == null) {
            throw new IllegalStateException("the model is not a classifier");
        }
        return classes[0];
    }
}
