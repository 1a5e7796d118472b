package org.zkml4j.sdk;

/**
 * Predictions with their proof: the float outputs (for a classifier, probabilities recomputed from
 * the proven logits), the proven integer outputs, the predicted classes (classifiers), the public
 * statement and the proof bytes. Send {@link #statement()} and {@link #proof()} to a verifier. The
 * arrays hold the rows asked for; a statement with committed weights or outputs fills its batch to
 * a power of two by repeating the last row.
 *
 * <p>Inputs are quantized to the range the model was calibrated on; a value outside it is clamped
 * to the nearest end, and the proof is about the clamped input. {@link #clampedInputs()} says how
 * many values of each row were clamped, so a prediction on out-of-range data is never silent
 * ({@link ProvingOptions#strictInputRange()} refuses such rows instead).
 *
 * @param outputs float outputs, one row per input
 * @param quantizedOutputs the proven integer outputs (logits for a classifier)
 * @param classes the argmax of each row's proven logits, or null if the model is not a classifier
 * @param statement what the proof attests
 * @param proof the proof bytes
 * @param outputSecret COMMITTED outputs: the secret that, with {@code quantizedOutputs}, opens the
 *     statement's output commitment ({@link Verifier#checkOutputs}); null otherwise
 * @param clampedInputs per row, how many input values lay outside the calibrated range and were clamped
 */
public record VerifiedPrediction(float[][] outputs, int[][] quantizedOutputs, int[] classes, Statement statement,
                                 byte[] proof, byte[] outputSecret, int[] clampedInputs) {
    /** Checks that there is one clamped count per row. */
    public VerifiedPrediction {
        if (clampedInputs == null || clampedInputs.length != outputs.length) {
            throw new IllegalArgumentException("clampedInputs needs one count per row (" + outputs.length + ")");
        }
    }

    /** A prediction without committed outputs or clamped inputs. */
    public VerifiedPrediction(float[][] outputs, int[][] quantizedOutputs, int[] classes, Statement statement,
            byte[] proof) {
        this(outputs, quantizedOutputs, classes, statement, proof, null, new int[outputs.length]);
    }

    /** How many input values of all rows were clamped to the calibrated range. */
    public int clampedTotal() {
        int total = 0;
        for (int c : clampedInputs) {
            total += c;
        }
        return total;
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
