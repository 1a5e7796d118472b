package org.zkml4j.compiler;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.zkml4j.sdk.model.Activation;
import org.zkml4j.sdk.model.Dense;
import org.zkml4j.sdk.model.ModelGraph;
import org.zkml4j.sdk.model.Softmax;

/**
 * Test fixture: 2,000 MNIST digits (resource mnist-2k.csv.gz, header {@code label,p0..p783}, pixels
 * 0–255 scaled to [0, 1]) and a plain-SGD trainer for a 784-h-10 ReLU/softmax MLP.
 */
final class Mnist {
    final float[][] pixels;
    final int[] labels;

    private Mnist(float[][] pixels, int[] labels) {
        this.pixels = pixels;
        this.labels = labels;
    }

    static Mnist load() {
        try (InputStream raw = Mnist.class.getResourceAsStream("/mnist-2k.csv.gz")) {
            if (raw == null) {
                throw new IllegalStateException("test resource mnist-2k.csv.gz missing");
            }
            BufferedReader r = new BufferedReader(
                    new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII));
            String header = r.readLine();
            if (header == null || !header.startsWith("label,p0,")) {
                throw new IllegalStateException("unexpected header");
            }
            List<float[]> xs = new ArrayList<>();
            List<Integer> ys = new ArrayList<>();
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.split(",");
                float[] x = new float[784];
                for (int i = 0; i < 784; i++) {
                    x[i] = Integer.parseInt(f[i + 1]) / 255f;
                }
                xs.add(x);
                ys.add(Integer.parseInt(f[0]));
            }
            int[] labels = ys.stream().mapToInt(Integer::intValue).toArray();
            return new Mnist(xs.toArray(new float[0][]), labels);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    float[][] rows(int from, int to) {
        float[][] out = new float[to - from][];
        System.arraycopy(pixels, from, out, 0, to - from);
        return out;
    }

    /**
     * Trains 784-hidden-10 (ReLU, softmax, cross-entropy) by per-sample SGD on digits [0, trainCount),
     * He-initialised from {@code seed}, with a fixed learning rate.
     */
    ModelGraph train(int trainCount, int hidden, int epochs, double lr, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 784, m = 10;
        double[][] w1 = new double[hidden][n], w2 = new double[m][hidden];
        double[] b1 = new double[hidden], b2 = new double[m];
        for (double[] row : w1) {
            for (int i = 0; i < n; i++) {
                row[i] = rnd.nextGaussian() * Math.sqrt(2.0 / n);
            }
        }
        for (double[] row : w2) {
            for (int i = 0; i < hidden; i++) {
                row[i] = rnd.nextGaussian() * Math.sqrt(2.0 / hidden);
            }
        }
        int[] order = new int[trainCount];
        for (int i = 0; i < trainCount; i++) {
            order[i] = i;
        }
        double[] h = new double[hidden], p = new double[m], dh = new double[hidden];
        for (int e = 0; e < epochs; e++) {
            for (int i = trainCount - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1), t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int s : order) {
                float[] x = pixels[s];
                for (int o = 0; o < hidden; o++) {
                    double acc = b1[o];
                    double[] row = w1[o];
                    for (int i = 0; i < n; i++) {
                        acc += row[i] * x[i];
                    }
                    h[o] = Math.max(0, acc);
                }
                double max = Double.NEGATIVE_INFINITY;
                for (int o = 0; o < m; o++) {
                    double acc = b2[o];
                    for (int i = 0; i < hidden; i++) {
                        acc += w2[o][i] * h[i];
                    }
                    p[o] = acc;
                    max = Math.max(max, acc);
                }
                double sum = 0;
                for (int o = 0; o < m; o++) {
                    p[o] = Math.exp(p[o] - max);
                    sum += p[o];
                }
                java.util.Arrays.fill(dh, 0);
                for (int o = 0; o < m; o++) {
                    double g = p[o] / sum - (o == labels[s] ? 1 : 0); // dLoss/dlogit
                    for (int i = 0; i < hidden; i++) {
                        dh[i] += g * w2[o][i];
                        w2[o][i] -= lr * g * h[i];
                    }
                    b2[o] -= lr * g;
                }
                for (int o = 0; o < hidden; o++) {
                    if (h[o] <= 0) {
                        continue;
                    }
                    double g = lr * dh[o];
                    double[] row = w1[o];
                    for (int i = 0; i < n; i++) {
                        row[i] -= g * x[i];
                    }
                    b1[o] -= g;
                }
            }
        }
        return ModelGraph.of(n, new Dense(toFloat(w1), toFloat(b1)), Activation.relu(),
                new Dense(toFloat(w2), toFloat(b2)), new Softmax());
    }

    private static float[][] toFloat(double[][] a) {
        float[][] f = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            f[i] = toFloat(a[i]);
        }
        return f;
    }

    private static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }
}
