package org.zkml4j.dl4j;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.zkml4j.sdk.ProvingOptions;
import org.zkml4j.sdk.VerifiableModel;
import org.zkml4j.sdk.model.ModelGraph;

/**
 * The fluent entry point from a DL4J network to verifiable predictions.
 *
 * <pre>{@code
 * Dl4jVerifiableModel model = Dl4jVerifiable.of(network).calibrate(trainingFeatures).compile();
 * Dl4jPrediction p = model.predict(features, nonce);   // INDArray output + proof
 * }</pre>
 *
 * Needs a proof engine on the classpath ({@code org.zkml4j:proof-backend}).
 */
public final class Dl4jVerifiable {
    private final ModelGraph graph;
    private float[][] calibration;
    private ProvingOptions options = ProvingOptions.DEFAULTS;

    private Dl4jVerifiable(ModelGraph graph) {
        this.graph = graph;
    }

    /**
     * Starts from a {@link MultiLayerNetwork}.
     *
     * @throws UnsupportedModelException naming the first unsupported layer
     */
    public static Dl4jVerifiable of(MultiLayerNetwork network) {
        return new Dl4jVerifiable(Dl4jModelConverter.toModelGraph(network));
    }

    /**
     * Starts from a chain-shaped {@link ComputationGraph}.
     *
     * @throws UnsupportedModelException naming the first unsupported vertex
     */
    public static Dl4jVerifiable of(ComputationGraph network) {
        return new Dl4jVerifiable(Dl4jModelConverter.toModelGraph(network));
    }

    /** Starts from a network saved with {@code ModelSerializer.writeModel}. */
    public static Dl4jVerifiable load(Path modelZip) throws IOException {
        return new Dl4jVerifiable(Dl4jModelConverter.load(modelZip));
    }

    /** Calibration samples, one row per example (typically a few hundred training rows). */
    public Dl4jVerifiable calibrate(INDArray samples) {
        this.calibration = Dl4jArrays.rows(Objects.requireNonNull(samples, "samples"));
        return this;
    }

    /** Proving options (precision, visibility); defaults otherwise. */
    public Dl4jVerifiable options(ProvingOptions proving) {
        this.options = Objects.requireNonNull(proving, "options");
        return this;
    }

    /**
     * Compiles the network for proving.
     *
     * @throws IllegalStateException if no calibration samples were given
     */
    public Dl4jVerifiableModel compile() {
        if (calibration == null) {
            throw new IllegalStateException("call calibrate(samples) before compile()");
        }
        return new Dl4jVerifiableModel(VerifiableModel.compile(graph, calibration, options));
    }
}
