package org.zkml4j.dl4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.zkml4j.sdk.Verifier;

/**
 * Real digits end to end: a DL4J MLP 784-64-10 trained on 800 MNIST digits (test resource
 * mnist-1k.csv.gz, from the shared dataset), compiled, and a batch of 200 held-out digits proven;
 * the proven classes equal DL4J's own {@code output()} argmax on ≥ 99% of them and the proof verifies.
 */
class MnistProofTest {
    static DataSet digits(int from, int to) throws IOException {
        List<float[]> features = new ArrayList<>();
        List<float[]> labels = new ArrayList<>();
        try (InputStream raw = MnistProofTest.class.getResourceAsStream("mnist-1k.csv.gz");
             BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw),
                     StandardCharsets.US_ASCII))) {
            in.readLine(); // header label,p0..p783
            String line;
            for (int row = 0; (line = in.readLine()) != null && row < to; row++) {
                if (row < from) {
                    continue;
                }
                String[] cells = line.split(",");
                float[] x = new float[784];
                for (int j = 0; j < 784; j++) {
                    x[j] = Integer.parseInt(cells[j + 1]) / 255f;
                }
                float[] y = new float[10];
                y[Integer.parseInt(cells[0])] = 1;
                features.add(x);
                labels.add(y);
            }
        }
        return new DataSet(Nd4j.create(features.toArray(float[][]::new)), Nd4j.create(labels.toArray(float[][]::new)));
    }

    @Test
    void predict_provenClassesMatchDl4jOnHeldOutDigits() throws IOException {
        DataSet train = digits(0, 800);
        DataSet heldOut = digits(800, 1000);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7).updater(new Adam(0.005)).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(64).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD)
                        .nIn(64).nOut(10).activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        for (int epoch = 0; epoch < 30; epoch++) {
            network.fit(train);
        }

        Dl4jVerifiableModel model = Dl4jVerifiable.of(network).calibrate(train.getFeatures()).compile();
        Dl4jPrediction p = model.predict(heldOut.getFeatures(), 2026);
        assertTrue(Verifier.verify(model.verificationKey(), p.proof().statement(), p.proof().proof()).valid());

        INDArray dl4j = network.output(heldOut.getFeatures());
        int agree = 0;
        for (int r = 0; r < dl4j.rows(); r++) {
            if (p.proof().classes()[r] == dl4j.getRow(r).argMax().getInt(0)) {
                agree++;
            }
        }
        System.out.printf("MNIST: proven class = DL4J argmax on %d/%d held-out digits%n", agree, dl4j.rows());
        assertTrue(agree >= 0.99 * dl4j.rows(), agree + "/" + dl4j.rows());
    }
}
