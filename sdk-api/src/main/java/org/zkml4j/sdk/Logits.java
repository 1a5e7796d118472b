package org.zkml4j.sdk;

/**
 * Public read-outs of a classifier's proven integer logits, shared by everything that decodes
 * them: the class (argmax, ties to the lowest index — exactly what a class-only proof attests) and
 * the softmax probabilities, recomputed in floating point (not themselves proven).
 */
public final class Logits {
    private Logits() {}

    /** The index of the largest logit; ties go to the lowest index. */
    public static int argmax(int[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }

    /** softmax(values), computed stably (the maximum subtracted first). */
    public static double[] softmax(double[] values) {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : values) {
            max = Math.max(max, x);
        }
        double[] e = new double[values.length];
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            e[i] = Math.exp(values[i] - max);
            sum += e[i];
        }
        for (int i = 0; i < e.length; i++) {
            e[i] /= sum;
        }
        return e;
    }
}
