package org.zkml4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.zkml4j.dl4j.Dl4jPrediction;
import org.zkml4j.dl4j.Dl4jVerifiable;
import org.zkml4j.dl4j.Dl4jVerifiableModel;
import org.zkml4j.sdk.VerificationResult;
import org.zkml4j.sdk.Verifier;

/**
 * What a proof costs next to DL4J's own inference, for the same network and batch: an MNIST-shaped
 * DL4J MLP 784-128-10 (ReLU, softmax; seeded random weights and pixels), batch 1 and 64.
 * {@code dl4jOutput} is {@code MultiLayerNetwork.output}; {@code prove} is
 * {@code Dl4jVerifiableModel.predict} (quantize, run the integer circuit, prove); {@code verify}
 * checks that proof with the key. The proof size is printed once per batch size at setup.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar -f 1 -wi 5 -i 10 -w 1s -r 1s Dl4jInference
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class Dl4jInferenceBenchmark {
    @Param({"1", "64"})
    public int batch;

    MultiLayerNetwork network;
    INDArray features;
    Dl4jVerifiableModel model;
    Dl4jPrediction proven;

    @Setup
    public void setup() {
        network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(784)
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(128).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD)
                        .nIn(128).nOut(10).activation(Activation.SOFTMAX).build())
                .build());
        network.init();
        Nd4j.getRandom().setSeed(5);
        INDArray calibration = Nd4j.rand(DataType.FLOAT, 64, 784);
        features = calibration.get(NDArrayIndex.interval(0, batch), NDArrayIndex.all()).dup();
        model = Dl4jVerifiable.of(network).calibrate(calibration).compile();
        proven = model.predict(features, 1);
        System.out.printf("%nMLP 784-128-10, batch %d: proof %,d bytes%n", batch, proven.proof().proof().length);
    }

    @Benchmark
    public INDArray dl4jOutput() {
        return network.output(features);
    }

    @Benchmark
    public Dl4jPrediction prove() {
        return model.predict(features, 1);
    }

    @Benchmark
    public VerificationResult verify() {
        return Verifier.verify(model.verificationKey(), proven.proof().statement(), proven.proof().proof());
    }
}
