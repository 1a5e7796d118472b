package org.zkml4j.samples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.SplitTestAndTrain;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.zkml4j.dl4j.Dl4jPrediction;
import org.zkml4j.dl4j.Dl4jVerifiable;
import org.zkml4j.dl4j.Dl4jVerifiableModel;
import org.zkml4j.sdk.Statement;
import org.zkml4j.sdk.VerifiableModel;
import org.zkml4j.sdk.VerificationKey;
import org.zkml4j.sdk.VerificationResult;
import org.zkml4j.sdk.VerifiedPrediction;
import org.zkml4j.sdk.Verifier;
import org.zkml4j.sdk.Visibility;

/**
 * Deeplearning4j quickstart, top to bottom: train an Iris classifier with DL4J, make it verifiable,
 * predict 30 held-out flowers with one proof, check that proof with nothing but the verification
 * key, then prove one flower keeping its measurements private. Run it with
 * {@code ./zkml4j dl4j-quickstart}.
 *
 * <pre>{@code
 * Dl4jVerifiableModel model = Dl4jVerifiable.of(network).calibrate(train.getFeatures()).compile();
 * Dl4jPrediction p = model.predict(test.getFeatures(), nonce);
 * Verifier.verify(VerificationKey.fromBytes(key), p.proof().statement(), p.proof().proof());
 * }</pre>
 */
public final class Dl4jQuickstart {
    private static final long SEED = 42;

    private Dl4jQuickstart() {}

    public static void main(String[] args) throws IOException {
        run(System.out);
    }

    /**
     * Trains, compiles, proves, verifies and prints what happened at each step.
     *
     * @return the verifiable model (the demo serves it on a local subnet next)
     */
    public static Dl4jVerifiableModel run(PrintStream out) throws IOException {
        // 1. Fisher's Iris flowers: 4 measurements, 3 species; 120 rows to train on, 30 held out.
        DataSet iris = readIris();
        iris.shuffle(SEED);
        SplitTestAndTrain split = iris.splitTestAndTrain(120);
        DataSet train = split.getTrain();
        DataSet test = split.getTest();
        NormalizerStandardize normalizer = new NormalizerStandardize(); // runs outside the proof
        normalizer.fit(train);
        normalizer.transform(train);
        normalizer.transform(test);

        // 2. An ordinary DL4J network: 4-16-3, ReLU, softmax output, trained full-batch with Adam.
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(SEED)
                .updater(new Adam(0.03))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(16).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD)
                        .nIn(16).nOut(3).activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        for (int epoch = 0; epoch < 100; epoch++) {
            network.fit(train);
        }
        INDArray dl4jOutput = network.output(test.getFeatures());
        out.printf("Iris 4-16-3 trained on %d rows: DL4J classifies %d/%d held-out rows correctly%n",
                train.numExamples(), agreeing(argmax(dl4jOutput), argmax(test.getLabels())), test.numExamples());

        // 3. Make it verifiable: convert the network, calibrate on training rows, compile the circuit.
        long t0 = System.nanoTime();
        Dl4jVerifiableModel model = Dl4jVerifiable.of(network).calibrate(train.getFeatures()).compile();
        byte[] key = model.verificationKey().toBytes(); // publish once; verifiers need nothing else
        out.printf("compiled in %.0f ms: circuit id %s…, verification key %,d bytes%n", millis(t0),
                model.verificationKey().circuitIdHex().substring(0, 16), key.length);

        // 4. Predict all held-out rows with one proof, bound to a fresh nonce (in an exchange: the verifier's).
        long nonce = new SecureRandom().nextLong();
        long t1 = System.nanoTime();
        Dl4jPrediction p = model.predict(test.getFeatures(), nonce);
        out.printf("proved %d predictions in %.0f ms: one proof of %,d bytes%n", test.numExamples(), millis(t1),
                p.proof().proof().length);
        int[] provenClasses = p.proof().classes();
        out.printf("proven class = DL4J's class on %d/%d rows%n", agreeing(provenClasses, argmax(dl4jOutput)),
                test.numExamples());
        out.println("row 0 probabilities: from the proven logits " + probabilities(p.output().getRow(0))
                + ", DL4J's own " + probabilities(dl4jOutput.getRow(0)));

        // 5. Anywhere else: the key, the statement and the proof are all a verifier needs.
        long t2 = System.nanoTime();
        VerificationResult result = Verifier.verify(VerificationKey.fromBytes(key), p.proof().statement(),
                p.proof().proof());
        out.printf("verified with only the key in %.1f ms: %s%n", millis(t2),
                result.valid() ? "valid" : result.reason());

        // 6. A claim the network did not compute is rejected: raise one proven logit by one.
        int[][] logits = p.proof().statement().outputs();
        logits[0][0] += 1;
        Statement forged = p.proof().statement().withOutputs(logits);
        VerificationResult forgedResult = Verifier.verify(VerificationKey.fromBytes(key), forged, p.proof().proof());
        out.println("a changed logit: "
                + (forgedResult.valid() ? "accepted" : "rejected — " + forgedResult.reason()));

        // 7. Keep the input private: the statement carries no features, the proof is zero-knowledge.
        VerifiableModel hidden = model.model().withInputVisibility(Visibility.PRIVATE);
        long t3 = System.nanoTime();
        VerifiedPrediction secret = hidden.predict(test.getFeatures().getRow(0).toFloatVector(), nonce);
        VerificationResult secretResult = Verifier.verify(VerificationKey.fromBytes(key), secret.statement(),
                secret.proof());
        out.printf("private input: proved in %.0f ms (%,d bytes), statement without inputs: %s, class %d%n",
                millis(t3), secret.proof().length, secretResult.valid() ? "valid" : secretResult.reason(),
                secret.classes()[0]);

        // 8. Hide the logits too: the statement shows only the class (their argmax).
        VerifiedPrediction onlyClass = hidden.withOutputVisibility(Visibility.PRIVATE)
                .predict(test.getFeatures().getRow(0).toFloatVector(), nonce);
        VerificationResult classResult = Verifier.verify(VerificationKey.fromBytes(key), onlyClass.statement(),
                onlyClass.proof());
        out.printf("private input and logits: statement shows only class %d: %s%n",
                onlyClass.statement().classes()[0], classResult.valid() ? "valid" : classResult.reason());
        return model;
    }

    /** The 150 rows of the bundled iris.csv: 4 features, one-hot labels over 3 species. */
    static DataSet readIris() throws IOException {
        List<float[]> features = new ArrayList<>();
        List<float[]> labels = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                Dl4jQuickstart.class.getResourceAsStream("iris.csv"), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split(",");
                float[] x = new float[4];
                for (int j = 0; j < 4; j++) {
                    x[j] = Float.parseFloat(cells[j]);
                }
                float[] y = new float[3];
                y[Integer.parseInt(cells[4])] = 1;
                features.add(x);
                labels.add(y);
            }
        }
        return new DataSet(Nd4j.create(features.toArray(float[][]::new)), Nd4j.create(labels.toArray(float[][]::new)));
    }

    private static int[] argmax(INDArray rows) {
        return Nd4j.argMax(rows, 1).toIntVector();
    }

    private static int agreeing(int[] a, int[] b) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            n += a[i] == b[i] ? 1 : 0;
        }
        return n;
    }

    private static String probabilities(INDArray row) {
        StringJoiner joined = new StringJoiner(", ", "[", "]");
        for (float v : row.toFloatVector()) {
            joined.add(String.format("%.4f", v));
        }
        return joined.toString();
    }

    private static double millis(long since) {
        return (System.nanoTime() - since) / 1e6;
    }
}
