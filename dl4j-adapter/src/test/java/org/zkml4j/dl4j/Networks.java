package org.zkml4j.dl4j;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.zkml4j.sdk.model.ModelGraph;

/** Shared test fixtures: the Iris data set and small DL4J networks trained on it (once per JVM). */
final class Networks {

    static final long SEED = 20261125L;
    /** Full-batch training iterations for the Iris classifiers (150 rows, a few milliseconds each). */
    static final int ITERATIONS = 80;

    private static DataSet iris;
    private static MultiLayerNetwork irisNetwork;

    private Networks() {
    }

    /**
     * All 150 Iris rows (4 raw features, one-hot labels over 3 classes), read from the checked-in
     * {@code iris.csv}: DL4J's {@code IrisDataSetIterator} downloads its data at run time, which a
     * build must not depend on.
     */
    static synchronized DataSet iris() {
        if (iris == null) {
            List<float[]> features = new ArrayList<>();
            List<float[]> labels = new ArrayList<>();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(
                    Networks.class.getResourceAsStream("iris.csv"), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    String[] f = line.split(",");
                    features.add(new float[] {Float.parseFloat(f[0]), Float.parseFloat(f[1]),
                            Float.parseFloat(f[2]), Float.parseFloat(f[3])});
                    float[] oneHot = new float[3];
                    oneHot[Integer.parseInt(f[4])] = 1f;
                    labels.add(oneHot);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (features.size() != 150) {
                throw new IllegalStateException("iris.csv has " + features.size() + " rows, expected 150");
            }
            iris = new DataSet(Nd4j.create(features.toArray(float[][]::new)),
                    Nd4j.create(labels.toArray(float[][]::new)));
        }
        return iris;
    }

    /** A 4-8-3 ReLU/softmax classifier trained on Iris (seeded). */
    static synchronized MultiLayerNetwork irisNetwork() {
        if (irisNetwork == null) {
            MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                    .seed(SEED)
                    .updater(new Adam(0.05))
                    .weightInit(WeightInit.XAVIER)
                    .list()
                    .layer(new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.RELU).build())
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD)
                            .nIn(8).nOut(3).activation(Activation.SOFTMAX).build())
                    .build();
            irisNetwork = fit(new MultiLayerNetwork(conf), ITERATIONS);
        }
        return irisNetwork;
    }

    static MultiLayerNetwork fit(MultiLayerNetwork network, int iterations) {
        network.init();
        for (int i = 0; i < iterations; i++) {
            network.fit(iris());
        }
        return network;
    }

    static ComputationGraph fit(ComputationGraphConfiguration conf, int iterations) {
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        for (int i = 0; i < iterations; i++) {
            graph.fit(iris());
        }
        return graph;
    }

    static float[][] rows(INDArray matrix) {
        return Dl4jArrays.rows(matrix);
    }

    /** The largest |graph.evaluate(row) - expected[row]| over all rows. */
    static double maxDifference(ModelGraph graph, float[][] inputs, float[][] expected) {
        double max = 0;
        for (int r = 0; r < inputs.length; r++) {
            float[] got = graph.evaluate(inputs[r]);
            if (got.length != expected[r].length) {
                throw new AssertionError("row " + r + ": " + got.length + " outputs, expected " + expected[r].length);
            }
            for (int o = 0; o < got.length; o++) {
                max = Math.max(max, Math.abs(got[o] - expected[r][o]));
            }
        }
        return max;
    }

    static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
