package org.zkml4j.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PredictionModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.LinearSVCModel;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.feature.MinMaxScalerModel;
import org.apache.spark.ml.feature.StandardScalerModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.zkml4j.sdk.model.Activation;
import org.zkml4j.sdk.model.Dense;
import org.zkml4j.sdk.model.ModelGraph;
import org.zkml4j.sdk.model.Node;
import org.zkml4j.sdk.model.Softmax;

/**
 * Converts fitted Spark ML models and pipelines into zkml4j {@link ModelGraph}s whose argmax (or
 * regression output) is Spark's prediction.
 *
 * <pre>{@code
 * ConvertedModel converted = SparkModelConverter.convert(pipelineModel);
 * ModelGraph graph = converted.graph();            // reads converted.featuresCol()
 * }</pre>
 *
 * <p>Models ({@code W} row-major {@code [out][in]}, Spark's doubles rounded once to float):
 * <ul>
 *   <li>{@code LogisticRegressionModel}, multinomial: {@code Dense(coefficientMatrix, interceptVector)}
 *       + {@code Softmax}; layout {@link PredictionLayout#MULTICLASS_PROBABILISTIC}. Explicit
 *       {@code thresholds} are refused.</li>
 *   <li>{@code LogisticRegressionModel}, binomial: Spark predicts 1 iff the margin
 *       {@code m = w·x + b} exceeds {@code logit(threshold)}. The graph has two logits
 *       {@code [logit(threshold), m]} (a zero weight row), so argmax (ties → 0) is Spark's
 *       prediction and, at the default threshold 0.5, their softmax is Spark's probability;
 *       layout {@link PredictionLayout#BINARY_PROBABILISTIC}.</li>
 *   <li>{@code LinearSVCModel}: the same two logits {@code [threshold, m]} (Spark's threshold is on
 *       the raw margin); layout {@link PredictionLayout#BINARY}.</li>
 *   <li>{@code LinearRegressionModel}: {@code Dense(coefficients, intercept)}, one output; layout
 *       {@link PredictionLayout#REGRESSION}.</li>
 *   <li>{@code MultilayerPerceptronClassificationModel}: per layer {@code k} Spark stores
 *       {@code A} ({@code numOut × numIn}, column-major) then {@code b} in one flat weight vector;
 *       each becomes a {@code Dense}, with sigmoid between layers and {@code Softmax} on top (Spark's
 *       topology); layout {@link PredictionLayout#MULTICLASS_PROBABILISTIC}.</li>
 * </ul>
 * A {@code PipelineModel} (nested ones are flattened) may hold, in this order: an optional
 * {@code VectorAssembler} (kept as a Spark stage, see {@link ConvertedModel#assemblyStages()}), any
 * number of {@code StandardScalerModel} and {@code MinMaxScalerModel} stages, each reading the
 * previous stage's output column, and one of the models above as the last stage. The scalers are
 * per-feature affine maps and are folded into the first dense layer (double precision). Any other
 * stage raises {@link UnsupportedModelException} naming its index, uid and class.
 */
public final class SparkModelConverter {
    /** What a pipeline may contain, as listed in error messages. */
    static final String SUPPORTED = "VectorAssembler (first), StandardScalerModel, MinMaxScalerModel, then one of "
            + "LogisticRegressionModel, LinearSVCModel, LinearRegressionModel, MultilayerPerceptronClassificationModel";

    private SparkModelConverter() {
    }

    /** The graph of a fitted model or pipeline; see {@link #convert(Transformer)}. */
    public static ModelGraph toModelGraph(Transformer model) {
        return convert(model).graph();
    }

    /**
     * Converts a fitted model or a {@code PipelineModel}.
     *
     * @throws UnsupportedModelException naming the first stage that is not supported, or a column
     *     that does not chain
     */
    public static ConvertedModel convert(Transformer model) {
        Objects.requireNonNull(model, "model");
        List<Transformer> stages = new ArrayList<>();
        flatten(model, stages);
        List<Transformer> assembly = new ArrayList<>();
        FeatureScaling scaling = null;
        String graphInput = null; // the column the graph reads: the first feature stage's input
        String column = null;     // the column the previous stage writes
        for (int s = 0; s < stages.size(); s++) {
            Transformer stage = stages.get(s);
            boolean last = s == stages.size() - 1;
            if (stage instanceof VectorAssembler assembler && s == 0 && !last) {
                assembly.add(assembler);
                column = assembler.getOutputCol();
                graphInput = column;
            } else if (stage instanceof StandardScalerModel scaler && !last) {
                graphInput = graphInput == null ? scaler.getInputCol() : graphInput;
                chain(s, stage, column, scaler.getInputCol(), "inputCol");
                scaling = compose(s, stage, scaling, FeatureScaling.of(scaler));
                column = scaler.getOutputCol();
            } else if (stage instanceof MinMaxScalerModel scaler && !last) {
                graphInput = graphInput == null ? scaler.getInputCol() : graphInput;
                chain(s, stage, column, scaler.getInputCol(), "inputCol");
                scaling = compose(s, stage, scaling, FeatureScaling.of(scaler));
                column = scaler.getOutputCol();
            } else if (last && isPredictor(stage)) {
                String featuresCol = ((PredictionModel<?, ?>) stage).getFeaturesCol();
                chain(s, stage, column, featuresCol, "featuresCol");
                return predictor(s, stage, scaling, graphInput == null ? featuresCol : graphInput, assembly);
            } else {
                throw new UnsupportedModelException(describe(s, stage) + " is not supported "
                        + (last ? "as the model (last stage)" : "as a feature stage") + "; supported: " + SUPPORTED);
            }
        }
        throw new UnsupportedModelException("the pipeline has no stages; supported: " + SUPPORTED);
    }

    private static void flatten(Transformer model, List<Transformer> out) {
        if (model instanceof PipelineModel pipeline) {
            for (Transformer stage : pipeline.stages()) {
                flatten(stage, out);
            }
        } else {
            out.add(model);
        }
    }

    private static boolean isPredictor(Transformer stage) {
        return stage instanceof LogisticRegressionModel || stage instanceof LinearSVCModel
                || stage instanceof LinearRegressionModel || stage instanceof MultilayerPerceptronClassificationModel;
    }

    private static String describe(int index, Transformer stage) {
        return "stage " + index + " '" + stage.uid() + "' (" + stage.getClass().getName() + ")";
    }

    /** Checks that {@code stage} reads the column the previous stage wrote. */
    private static void chain(int index, Transformer stage, String previous, String reads, String param) {
        if (previous != null && !previous.equals(reads)) {
            throw new UnsupportedModelException(describe(index, stage) + " reads " + param + " '" + reads
                    + "' but the previous stage writes '" + previous
                    + "'; only a single chain of feature stages is supported");
        }
    }

    private static FeatureScaling compose(int index, Transformer stage, FeatureScaling before, FeatureScaling next) {
        if (before == null) {
            return next;
        }
        if (before.size() != next.size()) {
            throw new UnsupportedModelException(describe(index, stage) + " scales " + next.size()
                    + " features but the previous scaler produces " + before.size());
        }
        return before.andThen(next);
    }

    private static ConvertedModel predictor(int index, Transformer stage, FeatureScaling scaling, String featuresCol,
                                            List<Transformer> assembly) {
        if (stage instanceof LogisticRegressionModel lr) {
            return logistic(index, lr, scaling, featuresCol, assembly);
        }
        if (stage instanceof LinearSVCModel svc) {
            Dense first = binary(index, stage, scaling, svc.coefficients(), svc.intercept(), svc.getThreshold());
            return new ConvertedModel(ModelGraph.of(first.inputSize(), first, new Softmax()), PredictionLayout.BINARY,
                    featuresCol, assembly);
        }
        if (stage instanceof LinearRegressionModel linear) {
            double[][] w = {linear.coefficients().toArray()};
            double[] b = {linear.intercept()};
            Dense dense = dense(index, stage, scaling, w, b);
            return new ConvertedModel(ModelGraph.of(dense.inputSize(), dense), PredictionLayout.REGRESSION,
                    featuresCol, assembly);
        }
        return perceptron(index, (MultilayerPerceptronClassificationModel) stage, scaling, featuresCol, assembly);
    }

    private static ConvertedModel logistic(int index, LogisticRegressionModel lr, FeatureScaling scaling,
                                           String featuresCol, List<Transformer> assembly) {
        Matrix coefficients = lr.coefficientMatrix();
        if (coefficients.numRows() == 1) {
            Dense first = binary(index, lr, scaling, lr.coefficients(), lr.intercept(), logit(index, lr));
            return new ConvertedModel(ModelGraph.of(first.inputSize(), first, new Softmax()),
                    PredictionLayout.BINARY_PROBABILISTIC, featuresCol, assembly);
        }
        if (lr.isDefined(lr.thresholds())) {
            throw new UnsupportedModelException(describe(index, lr)
                    + " sets thresholds; a multinomial model is supported with argmax prediction only");
        }
        double[][] w = new double[coefficients.numRows()][coefficients.numCols()];
        for (int o = 0; o < w.length; o++) {
            for (int i = 0; i < w[o].length; i++) {
                w[o][i] = coefficients.apply(o, i);
            }
        }
        Dense dense = dense(index, lr, scaling, w, lr.interceptVector().toArray());
        return new ConvertedModel(ModelGraph.of(dense.inputSize(), dense, new Softmax()),
                PredictionLayout.MULTICLASS_PROBABILISTIC, featuresCol, assembly);
    }

    /** The margin threshold of a binomial logistic model: {@code log(t / (1 − t))}. */
    private static double logit(int index, LogisticRegressionModel lr) {
        double t = lr.getThreshold();
        if (!(t > 0.0 && t < 1.0)) {
            throw new UnsupportedModelException(describe(index, lr) + " has threshold " + t
                    + "; only thresholds strictly between 0 and 1 are supported");
        }
        return Math.log(t / (1.0 - t));
    }

    /** Two logits {@code [threshold, w·x + b]}. */
    private static Dense binary(int index, Transformer stage, FeatureScaling scaling, Vector coefficients,
                                double intercept, double threshold) {
        double[][] w = {new double[coefficients.size()], coefficients.toArray()};
        double[] b = {threshold, intercept};
        return dense(index, stage, scaling, w, b);
    }

    private static ConvertedModel perceptron(int index, MultilayerPerceptronClassificationModel mlp,
                                             FeatureScaling scaling, String featuresCol, List<Transformer> assembly) {
        int[] sizes = mlp.getLayers();
        double[] flat = mlp.weights().toArray();
        List<Node> nodes = new ArrayList<>();
        int offset = 0;
        for (int k = 0; k + 1 < sizes.length; k++) {
            int in = sizes[k];
            int out = sizes[k + 1];
            double[][] w = new double[out][in];
            double[] b = new double[out];
            for (int i = 0; i < in; i++) {
                for (int o = 0; o < out; o++) {
                    w[o][i] = flat[offset + i * out + o];
                }
            }
            offset += in * out;
            for (int o = 0; o < out; o++) {
                b[o] = flat[offset + o];
            }
            offset += out;
            nodes.add(dense(index, mlp, k == 0 ? scaling : null, w, b));
            nodes.add(k + 2 < sizes.length ? Activation.sigmoid() : new Softmax());
        }
        if (offset != flat.length) {
            throw new UnsupportedModelException(describe(index, mlp) + " has " + flat.length
                    + " weights but layers " + java.util.Arrays.toString(sizes) + " need " + offset);
        }
        return new ConvertedModel(new ModelGraph(sizes[0], nodes), PredictionLayout.MULTICLASS_PROBABILISTIC,
                featuresCol, assembly);
    }

    private static Dense dense(int index, Transformer stage, FeatureScaling scaling, double[][] w, double[] b) {
        double[] bias = b.clone();
        if (scaling != null) {
            if (scaling.size() != w[0].length) {
                throw new UnsupportedModelException(describe(index, stage) + " takes " + w[0].length
                        + " features but the scalers before it produce " + scaling.size());
            }
            w = scaling.fold(w, bias);
        }
        float[][] weights = new float[w.length][w[0].length];
        float[] biases = new float[w.length];
        for (int o = 0; o < w.length; o++) {
            for (int i = 0; i < w[o].length; i++) {
                weights[o][i] = (float) w[o][i];
            }
            biases[o] = (float) bias[o];
        }
        return new Dense(weights, biases);
    }
}
