package org.zkml4j.samples;

import java.io.PrintStream;
import java.util.SplittableRandom;
import org.zkml4j.sdk.ProvingOptions;
import org.zkml4j.sdk.VerifiableModel;
import org.zkml4j.sdk.VerificationResult;
import org.zkml4j.sdk.VerifiedPrediction;
import org.zkml4j.sdk.Verifier;
import org.zkml4j.sdk.model.Activation;
import org.zkml4j.sdk.model.Dense;
import org.zkml4j.sdk.model.ModelGraph;
import org.zkml4j.sdk.model.Softmax;

/**
 * Verifiable predictions end to end: an MLP 784-128-10 is compiled, predictions come back with
 * proofs, a verifier holding only the key accepts them and rejects a changed output or nonce.
 * The weights are random (a stand-in for a trained network; see the DL4J adapter for real ones).
 */
public final class PredictionDemo {
    private PredictionDemo() {}

    static Dense dense(SplittableRandom rng, int in, int out) {
        float[][] w = new float[out][in];
        float[] b = new float[out];
        for (int i = 0; i < out; i++) {
            for (int j = 0; j < in; j++) {
                w[i][j] = (float) rng.nextGaussian() / (float) Math.sqrt(in);
            }
            b[i] = (float) rng.nextGaussian() * 0.1f;
        }
        return new Dense(w, b);
    }

    /** Compiles, proves batches of 1 and 64, verifies, and shows two rejections. */
    public static void run(PrintStream out) {
        SplittableRandom rng = new SplittableRandom(784);
        ModelGraph graph = ModelGraph.of(784, dense(rng, 784, 128), Activation.relu(), dense(rng, 128, 10),
                new Softmax());
        float[][] images = new float[64][784];
        for (float[] row : images) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) rng.nextDouble();
            }
        }
        long t0 = System.nanoTime();
        VerifiableModel model = VerifiableModel.compile(graph, images, ProvingOptions.DEFAULTS);
        out.printf("%nverifiable prediction: MLP 784-128-10, public input; compiled in %.0f ms, circuit id %s…%n",
                (System.nanoTime() - t0) / 1e6, model.verificationKey().circuitIdHex().substring(0, 16));
        VerifiedPrediction last = null;
        for (int batch : new int[] {1, 1, 1, 64, 64}) { // repeats warm the JIT up
            float[][] inputs = java.util.Arrays.copyOf(images, batch);
            long p0 = System.nanoTime();
            last = model.predictBatch(inputs, 2026);
            long p1 = System.nanoTime();
            VerificationResult r = Verifier.verify(model.verificationKey(), last.statement(), last.proof());
            long p2 = System.nanoTime();
            out.printf("batch %2d: class[0] %d, prove %.0f ms, verify %.1f ms (%s), proof %,d bytes%n", batch,
                    last.classes()[0], (p1 - p0) / 1e6, (p2 - p1) / 1e6, r.valid() ? "valid" : r.reason(),
                    last.proof().length);
        }
        int[][] outputs = last.statement().outputs();
        outputs[0][0] += 1;
        out.println("changed logit: " + Verifier.verify(model.verificationKey(),
                last.statement().withOutputs(outputs), last.proof()).reason());
        out.println("other nonce:   " + Verifier.verify(model.verificationKey(), last.statement().withNonce(7),
                last.proof()).reason());
    }
}
