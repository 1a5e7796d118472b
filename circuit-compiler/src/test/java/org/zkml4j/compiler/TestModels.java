package org.zkml4j.compiler;

import java.util.SplittableRandom;
import org.zkml4j.sdk.model.Activation;
import org.zkml4j.sdk.model.Dense;
import org.zkml4j.sdk.model.ModelGraph;
import org.zkml4j.sdk.model.Node;

/** Small deterministic models and inputs for tests. */
final class TestModels {
    private TestModels() {}

    static Dense randomDense(SplittableRandom rnd, int in, int out, double scale) {
        float[][] w = new float[out][in];
        float[] b = new float[out];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                w[o][i] = (float) (rnd.nextGaussian() * scale);
            }
            b[o] = (float) (rnd.nextGaussian() * scale);
        }
        return new Dense(w, b);
    }

    /** in → hidden (activation) → out, optionally with a final softmax. */
    static ModelGraph mlp(long seed, int in, int hidden, int out, Activation act, boolean softmax) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Node[] nodes = softmax
                ? new Node[] {randomDense(rnd, in, hidden, 0.7), act, randomDense(rnd, hidden, out, 0.7),
                        new org.zkml4j.sdk.model.Softmax()}
                : new Node[] {randomDense(rnd, in, hidden, 0.7), act, randomDense(rnd, hidden, out, 0.7)};
        return ModelGraph.of(in, nodes);
    }

    static float[][] uniformRows(long seed, int rows, int n, double lo, double hi) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[][] x = new float[rows][n];
        for (float[] row : x) {
            for (int i = 0; i < n; i++) {
                row[i] = (float) rnd.nextDouble(lo, hi);
            }
        }
        return x;
    }
}
