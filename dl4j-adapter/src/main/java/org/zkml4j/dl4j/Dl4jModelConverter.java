package org.zkml4j.dl4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.conf.preprocessor.Cnn3DToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.zkml4j.sdk.model.Activation;
import org.zkml4j.sdk.model.Dense;
import org.zkml4j.sdk.model.ModelGraph;
import org.zkml4j.sdk.model.Node;
import org.zkml4j.sdk.model.Softmax;

/**
 * Converts Deeplearning4j feed-forward networks into zkml4j {@link ModelGraph}s, exactly: the
 * graph's float reference pass ({@link ModelGraph#evaluate(float[])}) reproduces the network's
 * inference output up to float rounding.
 *
 * <pre>{@code
 * ModelGraph graph = Dl4jModelConverter.toModelGraph(network);       // a trained MultiLayerNetwork
 * ModelGraph same  = Dl4jModelConverter.load(Path.of("iris.zip"));   // ModelSerializer.writeModel output
 * CompiledCircuit circuit = CircuitCompiler.compile(graph, calibrationRows, QuantizationOptions.defaults());
 * }</pre>
 *
 * <p>What is supported, layer by layer ({@code W} is DL4J's {@code [nIn, nOut]} weight matrix,
 * transposed into {@code Dense}'s {@code [out][in]}; a layer without bias gets a zero bias):
 * <ul>
 *   <li>{@code DenseLayer} → {@link Dense} and its activation (without layer normalisation);</li>
 *   <li>{@code OutputLayer} → {@link Dense} and its activation: SOFTMAX becomes a final
 *       {@link Softmax} node; the loss function only matters for training and is ignored;</li>
 *   <li>{@code ActivationLayer} → its activation;</li>
 *   <li>{@code FrozenLayer} and {@code FrozenLayerWithBackprop} (transfer learning) → the layer
 *       they wrap;</li>
 *   <li>{@code DropoutLayer}, and dropout or weight noise configured on any layer → nothing
 *       (they act only while training);</li>
 *   <li>{@code BatchNormalization} (inference form, running statistics) directly after a dense
 *       layer with identity activation is folded into it. With
 *       {@code s[o] = gamma[o] / sqrt(var[o] + eps)}, computed in double precision and rounded
 *       once to float:
 *       <pre>W'[o][i] = W[o][i] · s[o],    b'[o] = (b[o] − mean[o]) · s[o] + beta[o]</pre>
 *       ({@code var = (10^log10stdev)^2} when the layer stores log-standard-deviations; the locked
 *       constants when gamma and beta are locked). Any other BatchNormalization (first in the
 *       network, or after an activation) becomes a diagonal {@link Dense} node with the same
 *       {@code s} and {@code beta − mean · s}: exact, but one more layer in the circuit.
 *       DL4J applies no activation function in a BatchNormalization layer, so none is emitted.</li>
 * </ul>
 * Activations: RELU (plain: no maximum, threshold 0; a negative slope makes it LEAKY_RELU),
 * LEAKYRELU (its alpha, rounded to float), SIGMOID, TANH, IDENTITY (kept as an identity node), and
 * SOFTMAX only on the last layer. Input preprocessors are allowed only if they flatten
 * ({@code CnnToFeedForwardPreProcessor}, {@code Cnn3DToFeedForwardPreProcessor}); the graph's input
 * is then the network's input flattened in row-major (C) order. Everything else — other layers
 * (convolution, recurrent, loss-only layers, …), other activations, other preprocessors, and
 * {@code ComputationGraph}s that are not a single chain of layer vertices — raises
 * {@link UnsupportedModelException} naming the layer and listing what is supported.
 */
public final class Dl4jModelConverter {

    /** The supported layer configuration classes, as listed in error messages. */
    static final String SUPPORTED_LAYERS = "DenseLayer, OutputLayer, ActivationLayer, DropoutLayer, BatchNormalization";

    /** The supported activations, as listed in error messages. */
    static final String SUPPORTED_ACTIVATIONS =
            "RELU, LEAKYRELU, SIGMOID, TANH, IDENTITY, and SOFTMAX on the output layer";

    /** The supported input preprocessors, as listed in error messages. */
    static final String SUPPORTED_PREPROCESSORS =
            "CnnToFeedForwardPreProcessor, Cnn3DToFeedForwardPreProcessor (flattening only)";

    private Dl4jModelConverter() {
    }

    /**
     * The model computed by an initialised {@code MultiLayerNetwork} at inference time.
     *
     * @throws UnsupportedModelException if a layer, activation or preprocessor is not supported
     * @throws IllegalStateException if the network has not been initialised ({@code init()})
     */
    public static ModelGraph toModelGraph(MultiLayerNetwork network) {
        Objects.requireNonNull(network, "network");
        org.deeplearning4j.nn.api.Layer[] layers = network.getLayers();
        if (layers == null) {
            throw new IllegalStateException("the MultiLayerNetwork is not initialised; call init() first");
        }
        List<LayerRef> chain = new ArrayList<>(layers.length);
        for (int i = 0; i < layers.length; i++) {
            Layer conf = network.getLayerWiseConfigurations().getConf(i).getLayer();
            String label = "layer " + i + " (" + conf.getClass().getSimpleName() + ")";
            chain.add(new LayerRef(label, conf, layers[i], network.getLayerWiseConfigurations().getInputPreProcess(i)));
        }
        return convert(chain);
    }

    /**
     * The model computed by an initialised {@code ComputationGraph} that is a linear chain: one
     * input, one output, and every vertex a layer vertex with exactly one input, feeding exactly
     * one vertex (the output vertex none). Layer indices in messages count along the chain from 0.
     *
     * @throws UnsupportedModelException if the graph is not such a chain, or a layer, activation or
     *     preprocessor is not supported
     * @throws IllegalStateException if the graph has not been initialised ({@code init()})
     */
    public static ModelGraph toModelGraph(ComputationGraph graph) {
        Objects.requireNonNull(graph, "graph");
        if (graph.getLayers() == null) {
            throw new IllegalStateException("the ComputationGraph is not initialised; call init() first");
        }
        ComputationGraphConfiguration conf = graph.getConfiguration();
        List<String> inputs = conf.getNetworkInputs();
        List<String> outputs = conf.getNetworkOutputs();
        if (inputs.size() != 1 || outputs.size() != 1) {
            throw new UnsupportedModelException("the ComputationGraph has " + inputs.size() + " input(s) "
                    + inputs + " and " + outputs.size() + " output(s) " + outputs
                    + "; only linear chains (one input, one output, layer vertices with one input each) are supported");
        }
        Map<String, GraphVertex> vertices = conf.getVertices();
        Map<String, List<String>> vertexInputs = conf.getVertexInputs();
        Map<String, List<String>> consumers = new HashMap<>();
        for (Map.Entry<String, List<String>> e : vertexInputs.entrySet()) {
            for (String in : e.getValue()) {
                consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(e.getKey());
            }
        }
        List<LayerRef> chain = new ArrayList<>();
        Set<String> visited = new java.util.HashSet<>();
        String current = inputs.get(0);
        String output = outputs.get(0);
        while (true) {
            List<String> next = consumers.getOrDefault(current, List.of());
            if (next.isEmpty()) {
                if (!current.equals(output)) {
                    throw new UnsupportedModelException("vertex '" + current + "' leads nowhere: the chain from"
                            + " input '" + inputs.get(0) + "' does not reach output '" + output
                            + "'; only linear chains are supported");
                }
                break;
            }
            if (next.size() != 1) {
                throw new UnsupportedModelException("'" + current + "' feeds " + next.size() + " vertices "
                        + new TreeSet<>(next) + "; only linear chains (each vertex feeding one other) are supported");
            }
            String name = next.get(0);
            int index = chain.size();
            if (visited.contains(name)) {
                throw new UnsupportedModelException("layer " + index + " '" + name
                        + "' closes a cycle; only linear chains are supported");
            }
            GraphVertex vertex = vertices.get(name);
            if (!(vertex instanceof LayerVertex lv)) {
                throw new UnsupportedModelException("layer " + index + " '" + name + "' ("
                        + vertex.getClass().getSimpleName()
                        + ") is not a layer vertex; only linear chains of layer vertices are supported");
            }
            List<String> in = vertexInputs.get(name);
            if (in.size() != 1) {
                throw new UnsupportedModelException("layer " + index + " '" + name + "' has " + in.size()
                        + " inputs " + in + "; only linear chains (one input per vertex) are supported");
            }
            Layer layerConf = lv.getLayerConf().getLayer();
            String label = "layer " + index + " '" + name + "' (" + layerConf.getClass().getSimpleName() + ")";
            chain.add(new LayerRef(label, layerConf, graph.getLayer(name), lv.getPreProcessor()));
            visited.add(name);
            current = name;
        }
        if (chain.size() != vertices.size()) {
            Set<String> off = new TreeSet<>(vertices.keySet());
            off.removeAll(visited);
            throw new UnsupportedModelException("vertices " + off + " are not on the chain from input '"
                    + inputs.get(0) + "' to output '" + output + "'; only linear chains are supported");
        }
        return convert(chain);
    }

    /**
     * Restores a network written by {@code ModelSerializer.writeModel} (a {@code MultiLayerNetwork}
     * or, failing that, a {@code ComputationGraph}; the updater state is not loaded) and converts it.
     *
     * @throws IOException if the file cannot be read or holds neither kind of network
     * @throws UnsupportedModelException if the network cannot be converted
     */
    public static ModelGraph load(Path modelSerializerZip) throws IOException {
        Objects.requireNonNull(modelSerializerZip, "modelSerializerZip");
        if (!Files.isRegularFile(modelSerializerZip)) {
            throw new NoSuchFileException(modelSerializerZip.toString(), null, "not a regular file");
        }
        MultiLayerNetwork network;
        try {
            network = ModelSerializer.restoreMultiLayerNetwork(modelSerializerZip.toFile(), false);
        } catch (Exception | LinkageError asNetwork) {
            ComputationGraph graph;
            try {
                graph = ModelSerializer.restoreComputationGraph(modelSerializerZip.toFile(), false);
            } catch (Exception | LinkageError asGraph) {
                String detail = String.valueOf(asNetwork.getMessage()).equals(String.valueOf(asGraph.getMessage()))
                        ? "DL4J: " + asNetwork.getMessage()
                        : "as a network: " + asNetwork + "; as a graph: " + asGraph;
                IOException e = new IOException(modelSerializerZip + " is neither a MultiLayerNetwork nor a "
                        + "ComputationGraph written by ModelSerializer.writeModel (" + detail + ")");
                e.addSuppressed(asNetwork);
                e.addSuppressed(asGraph);
                throw e;
            }
            return toModelGraph(graph);
        }
        return toModelGraph(network);
    }

    /** One layer of the chain: a label for messages, its configuration, its runtime layer, its preprocessor. */
    private record LayerRef(String label, Layer conf, org.deeplearning4j.nn.api.Layer impl, InputPreProcessor pre) {
    }

    /**
     * The layer inside {@code FrozenLayer} / {@code FrozenLayerWithBackprop} wrappers (transfer
     * learning): freezing only affects training. The label keeps the wrapper's name.
     */
    private static LayerRef unwrapFrozen(LayerRef ref) {
        Layer conf = ref.conf();
        org.deeplearning4j.nn.api.Layer impl = ref.impl();
        String types = "";
        while (conf instanceof FrozenLayer || conf instanceof FrozenLayerWithBackprop) {
            types += conf.getClass().getSimpleName() + " of ";
            conf = conf instanceof FrozenLayer f ? f.getLayer() : ((FrozenLayerWithBackprop) conf).getUnderlying();
            if (impl instanceof org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer w) {
                impl = w.getUnderlying();
            }
        }
        if (types.isEmpty()) {
            return ref;
        }
        String plain = "(" + ref.conf().getClass().getSimpleName() + ")";
        String label = ref.label().replace(plain, "(" + types + conf.getClass().getSimpleName() + ")");
        return new LayerRef(label, conf, impl, ref.pre());
    }

    private static ModelGraph convert(List<LayerRef> chain) {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            LayerRef ref = unwrapFrozen(chain.get(i));
            boolean last = true; // nothing but dropout follows: this layer's activation ends the model
            for (int j = i + 1; j < chain.size(); j++) {
                last &= chain.get(j).conf().getClass() == DropoutLayer.class;
            }
            Layer conf = ref.conf();
            Class<?> type = conf.getClass();
            if (type != DenseLayer.class && type != OutputLayer.class && type != ActivationLayer.class
                    && type != DropoutLayer.class && type != BatchNormalization.class) {
                throw new UnsupportedModelException(ref.label() + " is not supported; supported: " + SUPPORTED_LAYERS);
            }
            checkPreprocessor(ref);
            if (type == DenseLayer.class || type == OutputLayer.class) {
                if (type == DenseLayer.class && ((DenseLayer) conf).hasLayerNorm()) {
                    throw new UnsupportedModelException(ref.label() + ": layer normalisation (hasLayerNorm) is not supported");
                }
                nodes.add(dense(ref));
                addActivation(nodes, ref, ((BaseLayer) conf).getActivationFn(), last);
            } else if (type == ActivationLayer.class) {
                addActivation(nodes, ref, ((ActivationLayer) conf).getActivationFn(), last);
            } else if (type == DropoutLayer.class) {
                continue; // dropout acts only while training
            } else {
                addBatchNormalization(nodes, ref);
            }
        }
        Dense first = null;
        for (Node node : nodes) {
            if (node instanceof Dense d) {
                first = d;
                break;
            }
        }
        if (first == null) {
            throw new UnsupportedModelException("the network has no DenseLayer, OutputLayer or BatchNormalization;"
                    + " a model needs at least one layer with weights");
        }
        try {
            return new ModelGraph(first.inputSize(), nodes);
        } catch (IllegalArgumentException e) {
            throw new UnsupportedModelException("the converted model is invalid: " + e.getMessage(), e);
        }
    }

    private static void checkPreprocessor(LayerRef ref) {
        InputPreProcessor pre = ref.pre();
        if (pre == null || pre.getClass() == CnnToFeedForwardPreProcessor.class
                || pre.getClass() == Cnn3DToFeedForwardPreProcessor.class) {
            return;
        }
        throw new UnsupportedModelException(ref.label() + ": input preprocessor " + pre.getClass().getSimpleName()
                + " is not supported; supported: " + SUPPORTED_PREPROCESSORS);
    }

    private static Dense dense(LayerRef ref) {
        INDArray w = ref.impl().getParam(DefaultParamInitializer.WEIGHT_KEY);
        if (w == null || w.rank() != 2) {
            throw new UnsupportedModelException(ref.label() + ": expected a rank-2 weight matrix \"W\" [nIn, nOut]");
        }
        float[][] inOut = w.toFloatMatrix(); // DL4J layout: [nIn][nOut]
        int nIn = inOut.length;
        int nOut = inOut[0].length;
        float[][] weights = new float[nOut][nIn]; // ModelGraph layout: [out][in]
        for (int i = 0; i < nIn; i++) {
            for (int o = 0; o < nOut; o++) {
                weights[o][i] = inOut[i][o];
            }
        }
        float[] bias = new float[nOut];
        INDArray b = ref.impl().getParam(DefaultParamInitializer.BIAS_KEY);
        if (b != null) {
            if (b.length() != nOut) {
                throw new UnsupportedModelException(ref.label() + ": bias \"b\" has " + b.length()
                        + " values, expected nOut = " + nOut);
            }
            bias = b.ravel().toFloatVector();
        }
        return new Dense(weights, bias);
    }

    private static void addActivation(List<Node> nodes, LayerRef ref, IActivation fn, boolean last) {
        if (fn != null && fn.getClass() == ActivationSoftmax.class) {
            if (!last) {
                throw new UnsupportedModelException(ref.label() + ": activation SOFTMAX is only supported on the "
                        + "output layer (the last layer); supported elsewhere: RELU, LEAKYRELU, SIGMOID, TANH, IDENTITY");
            }
            nodes.add(new Softmax());
            return;
        }
        nodes.add(activation(ref, fn));
    }

    private static Activation activation(LayerRef ref, IActivation fn) {
        Class<?> type = fn == null ? null : fn.getClass();
        if (type == ActivationIdentity.class) {
            return Activation.identity();
        } else if (type == ActivationSigmoid.class) {
            return Activation.sigmoid();
        } else if (type == ActivationTanH.class) {
            return Activation.tanh();
        } else if (type == ActivationLReLU.class) {
            return Activation.leakyRelu((float) ((ActivationLReLU) fn).getAlpha());
        } else if (type == ActivationReLU.class) {
            ActivationReLU relu = (ActivationReLU) fn;
            Double max = relu.getMax();
            Double threshold = relu.getThreshold();
            Double slope = relu.getNegativeSlope();
            if ((max == null || max == Double.POSITIVE_INFINITY) && (threshold == null || threshold == 0.0)) {
                return slope == null || slope == 0.0 ? Activation.relu() : Activation.leakyRelu(slope.floatValue());
            }
            throw new UnsupportedModelException(ref.label() + ": activation RELU with maximum " + max
                    + " and threshold " + threshold + " is not supported (only plain ReLU: no maximum, threshold 0); supported: "
                    + SUPPORTED_ACTIVATIONS);
        }
        throw new UnsupportedModelException(ref.label() + ": activation " + activationName(fn)
                + " is not supported; supported: " + SUPPORTED_ACTIVATIONS);
    }

    /** DL4J's enum name for an activation function (e.g. {@code ELU}), else its class name. */
    static String activationName(IActivation fn) {
        if (fn == null) {
            return "null";
        }
        for (org.nd4j.linalg.activations.Activation a : org.nd4j.linalg.activations.Activation.values()) {
            try {
                if (a.getActivationFunction().getClass() == fn.getClass()) {
                    return a.name();
                }
            } catch (RuntimeException notInstantiable) {
                // some enum constants have no function object; skip them
            }
        }
        return fn.getClass().getSimpleName();
    }

    private static void addBatchNormalization(List<Node> nodes, LayerRef ref) {
        BatchNormalization conf = (BatchNormalization) ref.conf();
        double[] mean = vector(ref, BatchNormalizationParamInitializer.GLOBAL_MEAN);
        int n = mean.length;
        double[] var;
        if (conf.isUseLogStd()) {
            double[] log10Std = vector(ref, BatchNormalizationParamInitializer.GLOBAL_LOG_STD);
            var = new double[log10Std.length];
            for (int o = 0; o < var.length; o++) {
                double std = Math.pow(10.0, log10Std[o]);
                var[o] = std * std;
            }
        } else {
            var = vector(ref, BatchNormalizationParamInitializer.GLOBAL_VAR);
        }
        double[] gamma;
        double[] beta;
        if (conf.isLockGammaBeta()) {
            gamma = new double[n];
            beta = new double[n];
            java.util.Arrays.fill(gamma, conf.getGamma());
            java.util.Arrays.fill(beta, conf.getBeta());
        } else {
            gamma = vector(ref, BatchNormalizationParamInitializer.GAMMA);
            beta = vector(ref, BatchNormalizationParamInitializer.BETA);
        }
        if (var.length != n || gamma.length != n || beta.length != n) {
            throw new UnsupportedModelException(ref.label() + ": mean, variance, gamma and beta differ in length");
        }
        double[] scale = new double[n];
        for (int o = 0; o < n; o++) {
            scale[o] = gamma[o] / Math.sqrt(var[o] + conf.getEps());
        }

        int target = nodes.size() - 1;
        while (target >= 0 && nodes.get(target) instanceof Activation a
                && a.kind() == org.zkml4j.sdk.model.ActivationKind.IDENTITY) {
            target--;
        }
        if (target >= 0 && nodes.get(target) instanceof Dense d) {
            if (d.outputSize() != n) {
                throw new UnsupportedModelException(ref.label() + ": normalises " + n
                        + " features but the dense layer before it has " + d.outputSize() + " outputs");
            }
            float[][] w = new float[n][d.inputSize()];
            float[] b = new float[n];
            for (int o = 0; o < n; o++) {
                for (int i = 0; i < d.inputSize(); i++) {
                    w[o][i] = (float) (d.weight(o, i) * scale[o]);
                }
                b[o] = (float) ((d.bias(o) - mean[o]) * scale[o] + beta[o]);
            }
            nodes.set(target, new Dense(w, b));
        } else {
            float[][] w = new float[n][n];
            float[] b = new float[n];
            for (int o = 0; o < n; o++) {
                w[o][o] = (float) scale[o];
                b[o] = (float) (beta[o] - mean[o] * scale[o]);
            }
            nodes.add(new Dense(w, b));
        }
    }

    private static double[] vector(LayerRef ref, String key) {
        INDArray p = ref.impl().getParam(key);
        if (p == null) {
            throw new UnsupportedModelException(ref.label() + ": parameter \"" + key + "\" is missing");
        }
        return p.ravel().toDoubleVector();
    }
}
