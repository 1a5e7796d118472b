package org.zkml4j.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.preprocessor.RnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.zkml4j.sdk.model.ActivationKind;
import org.zkml4j.sdk.model.Dense;
import org.zkml4j.sdk.model.ModelGraph;
import org.zkml4j.sdk.model.Node;
import org.zkml4j.sdk.model.Softmax;

class Dl4jModelConverterTest {

    private static final double TOLERANCE = 1e-4;
    private static final String SUPPORTED_LAYERS =
            "supported: DenseLayer, OutputLayer, ActivationLayer, DropoutLayer, BatchNormalization";
    private static final String SUPPORTED_ACTIVATIONS =
            "supported: RELU, LEAKYRELU, SIGMOID, TANH, IDENTITY, and SOFTMAX on the output layer";

    @TempDir
    Path temp;

    private static NeuralNetConfiguration.Builder base() {
        return new NeuralNetConfiguration.Builder().seed(Networks.SEED).updater(new Adam(0.02))
                .weightInit(WeightInit.XAVIER);
    }

    private static OutputLayer softmaxOutput(int nIn) {
        return new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD)
                .nIn(nIn).nOut(3).activation(Activation.SOFTMAX).build();
    }

    private static MultiLayerNetwork untrained(MultiLayerConfiguration conf) {
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        return network;
    }

    private static void assertMatchesOnIris(ModelGraph graph, float[][] dl4jOutput) {
        float[][] inputs = Networks.rows(Networks.iris().getFeatures());
        double diff = Networks.maxDifference(graph, inputs, dl4jOutput);
        assertTrue(diff <= TOLERANCE, "max |ModelGraph - DL4J| = " + diff);
    }

    private static List<Class<?>> nodeTypes(ModelGraph graph) {
        return graph.nodes().stream().<Class<?>>map(Node::getClass).toList();
    }

    // ---- MultiLayerNetwork -------------------------------------------------------------------

    @Test
    void toModelGraph_irisMatchesDl4jOnAll150Rows() {
        MultiLayerNetwork network = Networks.irisNetwork();
        ModelGraph graph = Dl4jModelConverter.toModelGraph(network);

        assertEquals(4, graph.inputSize());
        assertEquals(3, graph.outputSize());
        assertEquals(List.of(Dense.class, org.zkml4j.sdk.model.Activation.class, Dense.class, Softmax.class),
                nodeTypes(graph));
        assertEquals(ActivationKind.RELU, ((org.zkml4j.sdk.model.Activation) graph.nodes().get(1)).kind());
        assertMatchesOnIris(graph, Networks.rows(network.output(Networks.iris().getFeatures())));
    }

    @Test
    void toModelGraph_transposesDl4jWeightLayout() {
        MultiLayerNetwork network = untrained(base().list()
                .layer(new DenseLayer.Builder().nIn(2).nOut(3).activation(Activation.IDENTITY).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(3).nOut(1)
                        .activation(Activation.IDENTITY).build())
                .build());
        // W is [nIn = 2, nOut = 3]: W[i][o] = 10 i + o + 1; b = [-1, -2, -3].
        INDArray w = Nd4j.create(new float[][] {{1, 2, 3}, {11, 12, 13}});
        network.getLayer(0).setParam("W", w);
        network.getLayer(0).setParam("b", Nd4j.create(new float[][] {{-1, -2, -3}}));

        Dense dense = (Dense) Dl4jModelConverter.toModelGraph(network).nodes().get(0);

        assertEquals(2, dense.inputSize());
        assertEquals(3, dense.outputSize());
        for (int o = 0; o < 3; o++) {
            for (int i = 0; i < 2; i++) {
                assertEquals(10f * i + o + 1, dense.weight(o, i), "weights[" + o + "][" + i + "]");
            }
            assertEquals(-(o + 1f), dense.bias(o), "bias[" + o + "]");
        }
        float[] x = {0.5f, -2f};
        INDArray hidden = network.feedForward(Nd4j.create(new float[][] {x}), false).get(1);
        float[] y = dense.apply(x);
        for (int o = 0; o < 3; o++) {
            assertEquals(hidden.getFloat(0, o), y[o], 1e-6);
        }
    }

    @Test
    void toModelGraph_foldsBatchNormalizationWithLeakyReluAndDropout() {
        MultiLayerNetwork network = Networks.fit(new MultiLayerNetwork(base().list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(12).activation(Activation.IDENTITY).dropOut(0.9).build())
                .layer(new BatchNormalization.Builder().nOut(12).build())
                .layer(new ActivationLayer.Builder().activation(new ActivationLReLU(0.2)).build())
                .layer(new DropoutLayer.Builder(0.8).build())
                .layer(new DenseLayer.Builder().nIn(12).nOut(6).activation(Activation.TANH).build())
                .layer(new BatchNormalization.Builder().nOut(6).useLogStd(false).build())
                .layer(new DenseLayer.Builder().nIn(6).nOut(5).activation(Activation.SIGMOID).build())
                .layer(new DenseLayer.Builder().nIn(5).nOut(4)
                        .activation(new ActivationReLU(null, null, 0.05)).build())
                .layer(softmaxOutput(4))
                .build()), 30);

        // training moved the running statistics away from their initial values (mean 0, std 1)
        assertTrue(network.getLayer(1).getParam("mean").amaxNumber().doubleValue() > 0.01);
        assertTrue(network.getLayer(5).getParam("var").sub(1).amaxNumber().doubleValue() > 0.01);
        ModelGraph graph = Dl4jModelConverter.toModelGraph(network);

        // The first BatchNormalization folds into the first Dense; the second follows tanh and
        // becomes a diagonal Dense.
        assertEquals(List.of(Dense.class, org.zkml4j.sdk.model.Activation.class, org.zkml4j.sdk.model.Activation.class,
                Dense.class, org.zkml4j.sdk.model.Activation.class, Dense.class,
                Dense.class, org.zkml4j.sdk.model.Activation.class,
                Dense.class, org.zkml4j.sdk.model.Activation.class,
                Dense.class, Softmax.class), nodeTypes(graph));
        org.zkml4j.sdk.model.Activation leaky = (org.zkml4j.sdk.model.Activation) graph.nodes().get(2);
        assertEquals(ActivationKind.LEAKY_RELU, leaky.kind());
        assertEquals(0.2f, leaky.alpha());
        org.zkml4j.sdk.model.Activation slope = (org.zkml4j.sdk.model.Activation) graph.nodes().get(9);
        assertEquals(ActivationKind.LEAKY_RELU, slope.kind());
        assertEquals(0.05f, slope.alpha());
        assertMatchesOnIris(graph, Networks.rows(network.output(Networks.iris().getFeatures())));
    }

    @Test
    void toModelGraph_lockedGammaBetaAndNoBias() {
        MultiLayerNetwork network = Networks.fit(new MultiLayerNetwork(base().list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(6).hasBias(false).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().nOut(6).lockGammaBeta(true).gamma(1.5).beta(-0.25).build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(softmaxOutput(6))
                .build()), 20);

        ModelGraph graph = Dl4jModelConverter.toModelGraph(network);

        assertEquals(2, graph.nodes().stream().filter(n -> n instanceof Dense).count());
        assertMatchesOnIris(graph, Networks.rows(network.output(Networks.iris().getFeatures())));
    }

    @Test
    void toModelGraph_flatteningPreprocessorIsANoOp() {
        MultiLayerNetwork network = untrained(base().list()
                .layer(new DenseLayer.Builder().nOut(5).activation(Activation.SIGMOID).build())
                .layer(softmaxOutput(5))
                .setInputType(InputType.convolutionalFlat(2, 2, 1))
                .build());
        ModelGraph graph = Dl4jModelConverter.toModelGraph(network);
        assertEquals(4, graph.inputSize());
        assertMatchesOnIris(graph, Networks.rows(network.output(Networks.iris().getFeatures())));
    }

    @Test
    void toModelGraph_frozenLayersConvertLikeTheLayersTheyWrap() {
        MultiLayerNetwork network = Networks.irisNetwork();
        MultiLayerNetwork frozen = new TransferLearning.Builder(network).setFeatureExtractor(0).build();
        assertEquals("FrozenLayer", frozen.getLayerWiseConfigurations().getConf(0).getLayer().getClass().getSimpleName());
        assertEquals(Dl4jModelConverter.toModelGraph(network), Dl4jModelConverter.toModelGraph(frozen));
    }

    @Test
    void toModelGraph_frozenUnsupportedLayerNamesTheWrapper() {
        MultiLayerNetwork network = untrained(base().list()
                .layer(new org.deeplearning4j.nn.conf.layers.misc.FrozenLayer(
                        new ConvolutionLayer.Builder(2, 2).nIn(1).nOut(2).build()))
                .layer(softmaxOutput(18))
                .inputPreProcessor(1, new org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor(3, 3, 2))
                .build());
        assertUnsupported("layer 0 (FrozenLayer of ConvolutionLayer) is not supported; " + SUPPORTED_LAYERS,
                () -> Dl4jModelConverter.toModelGraph(network));
    }

    // ---- ComputationGraph ----------------------------------------------------------------------

    private static ComputationGraph irisGraph() {
        ComputationGraphConfiguration conf = base().graphBuilder()
                .addInputs("features")
                .addLayer("hidden", new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.IDENTITY).build(),
                        "features")
                .addLayer("norm", new BatchNormalization.Builder().nOut(8).build(), "hidden")
                .addLayer("act", new ActivationLayer.Builder().activation(Activation.RELU).build(), "norm")
                .addLayer("classes", softmaxOutput(8), "act")
                .setOutputs("classes")
                .build();
        return Networks.fit(conf, 40);
    }

    @Test
    void toModelGraph_computationGraphChainMatchesDl4j() {
        ComputationGraph graph = irisGraph();
        ModelGraph model = Dl4jModelConverter.toModelGraph(graph);
        assertEquals(List.of(Dense.class, org.zkml4j.sdk.model.Activation.class, org.zkml4j.sdk.model.Activation.class,
                Dense.class, Softmax.class), nodeTypes(model));
        assertMatchesOnIris(model, Networks.rows(graph.outputSingle(Networks.iris().getFeatures())));
    }

    @Test
    void toModelGraph_computationGraphEqualsEquivalentNetwork() {
        MultiLayerNetwork network = Networks.irisNetwork();
        ComputationGraph graph = network.toComputationGraph();
        assertEquals(Dl4jModelConverter.toModelGraph(network), Dl4jModelConverter.toModelGraph(graph));
    }

    // ---- load ----------------------------------------------------------------------------------

    @Test
    void load_restoresMultiLayerNetwork() throws IOException {
        MultiLayerNetwork network = Networks.irisNetwork();
        Path zip = temp.resolve("iris-mln.zip");
        ModelSerializer.writeModel(network, zip.toFile(), true);
        assertEquals(Dl4jModelConverter.toModelGraph(network), Dl4jModelConverter.load(zip));
    }

    @Test
    void load_restoresComputationGraph() throws IOException {
        ComputationGraph graph = irisGraph();
        Path zip = temp.resolve("iris-cg.zip");
        ModelSerializer.writeModel(graph, zip.toFile(), false);
        ModelGraph loaded = Dl4jModelConverter.load(zip);
        assertEquals(Dl4jModelConverter.toModelGraph(graph), loaded);
        assertMatchesOnIris(loaded, Networks.rows(graph.outputSingle(Networks.iris().getFeatures())));
    }

    @Test
    void load_rejectsAFileThatIsNotAModel() throws IOException {
        Path file = Files.writeString(temp.resolve("notes.zip"), "not a model");
        IOException e = assertThrows(IOException.class, () -> Dl4jModelConverter.load(file));
        assertTrue(e.getMessage().startsWith(file + " is neither a MultiLayerNetwork nor a ComputationGraph"
                + " written by ModelSerializer.writeModel"), e.getMessage());
    }

    @Test
    void load_rejectsAZipWithoutAModel() throws IOException {
        Path zip = temp.resolve("other.zip");
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("readme.txt"));
            out.write("hello".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }
        IOException e = assertThrows(IOException.class, () -> Dl4jModelConverter.load(zip));
        assertTrue(e.getMessage().startsWith(zip + " is neither a MultiLayerNetwork nor a ComputationGraph"
                + " written by ModelSerializer.writeModel"), e.getMessage());
    }

    @Test
    void load_rejectsAMissingFile() {
        Path missing = temp.resolve("missing.zip");
        assertThrows(java.nio.file.NoSuchFileException.class, () -> Dl4jModelConverter.load(missing));
    }

    // ---- unsupported models: exact messages ----------------------------------------------------

    private static void assertUnsupported(String expected, Runnable conversion) {
        UnsupportedModelException e = assertThrows(UnsupportedModelException.class, conversion::run);
        assertEquals(expected, e.getMessage());
    }

    @Test
    void toModelGraph_convolutionAfterDenseIsUnsupported() {
        MultiLayerNetwork network = untrained(base().list()
                .layer(new DenseLayer.Builder().nIn(16).nOut(16).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(16).nOut(16).activation(Activation.RELU).build())
                .layer(new ConvolutionLayer.Builder(2, 2).nIn(1).nOut(2).build())
                .layer(softmaxOutput(18))
                .inputPreProcessor(2, new org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor(4, 4, 1))
                .inputPreProcessor(3, new org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor(3, 3, 2))
                .build());
        assertUnsupported("layer 2 (ConvolutionLayer) is not supported; " + SUPPORTED_LAYERS,
                () -> Dl4jModelConverter.toModelGraph(network));
    }

    @Test
    void toModelGraph_convolutionNetworkIsUnsupported() {
        MultiLayerNetwork network = untrained(base().list()
                .layer(new ConvolutionLayer.Builder(2, 2).nOut(2).build())
                .layer(softmaxOutput(18))
                .setInputType(InputType.convolutional(4, 4, 1))
                .build());
        assertUnsupported("layer 0 (ConvolutionLayer) is not supported; " + SUPPORTED_LAYERS,
                () -> Dl4jModelConverter.toModelGraph(network));
    }

    @Test
    void toModelGraph_lossLayerIsUnsupported() {
        MultiLayerNetwork network = untrained(base().list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(3).activation(Activation.IDENTITY).build())
                .layer(new LossLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).build())
                .build());
        assertUnsupported("layer 1 (LossLayer) is not supported; " + SUPPORTED_LAYERS,
                () -> Dl4jModelConverter.toModelGraph(network));
    }

    @Test
    void toModelGraph_unsupportedActivation() {
        MultiLayerNetwork network = untrained(base().list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.ELU).build())
                .layer(softmaxOutput(8))
                .build());
        assertUnsupported("layer 0 (DenseLayer): activation ELU is not supported; " + SUPPORTED_ACTIVATIONS,
                () -> Dl4jModelConverter.toModelGraph(network));
    }

    @Test
    void toModelGraph_cappedReluIsUnsupported() {
        MultiLayerNetwork network = untrained(base().list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(8).activation(new ActivationReLU(6.0, 0.0, 0.0)).build())
                .layer(softmaxOutput(8))
                .build());
        assertUnsupported("layer 0 (DenseLayer): activation RELU with maximum 6.0 and threshold 0.0 is not supported"
                + " (only plain ReLU: no maximum, threshold 0); " + SUPPORTED_ACTIVATIONS,
                () -> Dl4jModelConverter.toModelGraph(network));
    }

    @Test
    void toModelGraph_hiddenSoftmaxIsUnsupported() {
        MultiLayerNetwork network = untrained(base().list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.SOFTMAX).build())
                .layer(softmaxOutput(8))
                .build());
        assertUnsupported("layer 0 (DenseLayer): activation SOFTMAX is only supported on the output layer (the last"
                + " layer); supported elsewhere: RELU, LEAKYRELU, SIGMOID, TANH, IDENTITY",
                () -> Dl4jModelConverter.toModelGraph(network));
    }

    @Test
    void toModelGraph_softmaxFollowedOnlyByDropoutEndsTheModel() {
        MultiLayerNetwork network = untrained(base().list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(3).activation(Activation.SOFTMAX).build())
                .layer(new DropoutLayer.Builder(0.5).build())
                .build());
        ModelGraph graph = Dl4jModelConverter.toModelGraph(network);
        assertEquals(List.of(Dense.class, Softmax.class), nodeTypes(graph));
        assertMatchesOnIris(graph, Networks.rows(network.output(Networks.iris().getFeatures())));
    }

    @Test
    void toModelGraph_layerNormIsUnsupported() {
        MultiLayerNetwork network = untrained(base().list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(8).hasLayerNorm(true).activation(Activation.RELU).build())
                .layer(softmaxOutput(8))
                .build());
        assertUnsupported("layer 0 (DenseLayer): layer normalisation (hasLayerNorm) is not supported",
                () -> Dl4jModelConverter.toModelGraph(network));
    }

    @Test
    void toModelGraph_recurrentPreprocessorIsUnsupported() {
        MultiLayerNetwork network = untrained(base().list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.RELU).build())
                .layer(softmaxOutput(8))
                .inputPreProcessor(0, new RnnToFeedForwardPreProcessor())
                .build());
        assertUnsupported("layer 0 (DenseLayer): input preprocessor RnnToFeedForwardPreProcessor is not supported;"
                + " supported: CnnToFeedForwardPreProcessor, Cnn3DToFeedForwardPreProcessor (flattening only)",
                () -> Dl4jModelConverter.toModelGraph(network));
    }

    @Test
    void toModelGraph_uninitialisedNetworkIsRefused() {
        MultiLayerNetwork network = new MultiLayerNetwork(base().list().layer(softmaxOutput(4)).build());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Dl4jModelConverter.toModelGraph(network));
        assertEquals("the MultiLayerNetwork is not initialised; call init() first", e.getMessage());
    }

    @Test
    void toModelGraph_graphWithTwoInputsIsUnsupported() {
        ComputationGraph graph = new ComputationGraph(base().graphBuilder()
                .addInputs("a", "b")
                .addVertex("merge", new MergeVertex(), "a", "b")
                .addLayer("out", softmaxOutput(8), "merge")
                .setOutputs("out")
                .setInputTypes(InputType.feedForward(4), InputType.feedForward(4))
                .build());
        graph.init();
        assertUnsupported("the ComputationGraph has 2 input(s) [a, b] and 1 output(s) [out]; only linear chains"
                + " (one input, one output, layer vertices with one input each) are supported",
                () -> Dl4jModelConverter.toModelGraph(graph));
    }

    @Test
    void toModelGraph_graphWithBranchIsUnsupported() {
        ComputationGraph graph = new ComputationGraph(base().graphBuilder()
                .addInputs("in")
                .addLayer("left", new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.RELU).build(), "in")
                .addLayer("right", new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.TANH).build(), "in")
                .addVertex("sum", new ElementWiseVertex(ElementWiseVertex.Op.Add), "left", "right")
                .addLayer("out", softmaxOutput(8), "sum")
                .setOutputs("out")
                .build());
        graph.init();
        assertUnsupported("'in' feeds 2 vertices [left, right]; only linear chains (each vertex feeding one other)"
                + " are supported", () -> Dl4jModelConverter.toModelGraph(graph));
    }

    @Test
    void toModelGraph_graphWithNonLayerVertexIsUnsupported() {
        ComputationGraph graph = new ComputationGraph(base().graphBuilder()
                .addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.RELU).build(), "in")
                .addVertex("scale", new ScaleVertex(2.0), "hidden")
                .addLayer("out", softmaxOutput(8), "scale")
                .setOutputs("out")
                .build());
        graph.init();
        assertUnsupported("layer 1 'scale' (ScaleVertex) is not a layer vertex; only linear chains of layer vertices"
                + " are supported", () -> Dl4jModelConverter.toModelGraph(graph));
    }

    @Test
    void toModelGraph_unsupportedLayerInGraphNamesTheVertex() {
        ComputationGraph graph = new ComputationGraph(base().graphBuilder()
                .addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(4).nOut(3).activation(Activation.RELU).build(), "in")
                .addLayer("loss", new LossLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("loss")
                .build());
        graph.init();
        assertUnsupported("layer 1 'loss' (LossLayer) is not supported; " + SUPPORTED_LAYERS,
                () -> Dl4jModelConverter.toModelGraph(graph));
    }

    @Test
    void toModelGraph_doubleNetworkConvertsToFloat() {
        MultiLayerNetwork network = untrained(base().dataType(DataType.DOUBLE).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(5).activation(Activation.TANH).build())
                .layer(softmaxOutput(5))
                .build());
        ModelGraph graph = Dl4jModelConverter.toModelGraph(network);
        INDArray features = Networks.iris().getFeatures().castTo(DataType.DOUBLE);
        assertMatchesOnIris(graph, Networks.rows(network.output(features)));
        assertInstanceOf(Softmax.class, graph.nodes().get(graph.nodes().size() - 1));
    }
}
