package org.zkml4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.classification.DecisionTreeClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.feature.Normalizer;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.zkml4j.sdk.model.Activation;
import org.zkml4j.sdk.model.Dense;
import org.zkml4j.sdk.model.ModelGraph;
import org.zkml4j.sdk.model.Softmax;

class SparkModelConverterTest {

    /** Compares the graph's float pass with Spark's own transform on all 150 rows. */
    private static void assertMatchesSpark(PipelineModel model, ConvertedModel converted, double probabilityTolerance) {
        List<Row> rows = model.transform(Iris.raw()).select(converted.featuresCol(), "prediction",
                converted.layout().hasProbability() ? "probability" : "prediction").collectAsList();
        assertEquals(150, rows.size());
        for (Row row : rows) {
            float[] output = converted.graph().evaluate(StatementCodec.floats((Vector) row.get(0)));
            double spark = row.getDouble(1);
            if (converted.layout() == PredictionLayout.REGRESSION) {
                assertEquals(spark, output[0], 1e-4 * Math.max(1, Math.abs(spark)));
                continue;
            }
            assertEquals(spark, argmax(output), "class of row " + row);
            if (converted.layout().hasProbability()) {
                double[] p = ((Vector) row.get(2)).toArray();
                for (int c = 0; c < p.length; c++) {
                    assertEquals(p[c], output[c], probabilityTolerance, "probability " + c + " of row " + row);
                }
            }
        }
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    @Test
    void multinomialLogistic_matchesSparkClassAndProbability() {
        ConvertedModel converted = SparkModelConverter.convert(Iris.logistic());
        assertEquals(PredictionLayout.MULTICLASS_PROBABILISTIC, converted.layout());
        assertEquals("features", converted.featuresCol());
        assertEquals(1, converted.assemblyStages().size());
        assertEquals(2, converted.graph().nodes().size());
        assertEquals(3, converted.graph().outputSize());
        assertMatchesSpark(Iris.logistic(), converted, 1e-5);
    }

    @Test
    void scalersAreFoldedIntoTheFirstDenseLayer() {
        ConvertedModel converted = SparkModelConverter.convert(Iris.scaledLogistic());
        assertEquals("features", converted.featuresCol());
        assertEquals(2, converted.graph().nodes().size(), "scalers leave no node of their own");
        assertMatchesSpark(Iris.scaledLogistic(), converted, 1e-5);
    }

    @Test
    void binomialLogistic_twoLogitsZeroAndMargin() {
        PipelineModel model = Iris.binomialLogistic();
        ConvertedModel converted = SparkModelConverter.convert(model);
        assertEquals(PredictionLayout.BINARY_PROBABILISTIC, converted.layout());
        Dense dense = (Dense) converted.graph().nodes().get(0);
        assertEquals(2, dense.outputSize());
        assertEquals(0f, dense.bias(0), "threshold 0.5 is margin 0");
        assertMatchesSpark(model, converted, 1e-5);
    }

    @Test
    void binomialLogistic_thresholdMovesTheFirstLogit() {
        PipelineModel model = Iris.binomialLogistic();
        ((org.apache.spark.ml.classification.LogisticRegressionModel) model.stages()[1]).setThreshold(0.8);
        ConvertedModel converted = SparkModelConverter.convert(model);
        assertEquals((float) Math.log(4.0), ((Dense) converted.graph().nodes().get(0)).bias(0), 1e-6);
        List<Row> rows = model.transform(Iris.raw()).select("features", "prediction").collectAsList();
        for (Row row : rows) {
            float[] p = converted.graph().evaluate(StatementCodec.floats((Vector) row.get(0)));
            assertEquals(row.getDouble(1), argmax(p));
        }
    }

    @Test
    void linearSvc_matchesSparkClass() {
        PipelineModel model = Iris.linearSvc();
        ConvertedModel converted = SparkModelConverter.convert(model);
        assertEquals(PredictionLayout.BINARY, converted.layout());
        assertMatchesSpark(model, converted, 0);
    }

    @Test
    void linearRegression_matchesSparkPrediction() {
        PipelineModel model = Iris.linearRegression();
        ConvertedModel converted = SparkModelConverter.convert(model);
        assertEquals(PredictionLayout.REGRESSION, converted.layout());
        assertEquals(1, converted.graph().outputSize());
        assertMatchesSpark(model, converted, 0);
    }

    @Test
    void perceptron_sigmoidHiddenLayersSoftmaxOnTop() {
        PipelineModel model = Iris.perceptron();
        ConvertedModel converted = SparkModelConverter.convert(model);
        ModelGraph graph = converted.graph();
        assertEquals(4, graph.nodes().size());
        assertEquals(6, ((Dense) graph.nodes().get(0)).outputSize());
        assertEquals(Activation.sigmoid(), graph.nodes().get(1));
        assertInstanceOf(Softmax.class, graph.nodes().get(3));
        assertMatchesSpark(model, converted, 1e-5);
    }

    @Test
    void unsupportedStage_namesIndexUidClassAndWhatIsSupported() {
        Normalizer normalizer = new Normalizer().setInputCol("features").setOutputCol("normalized");
        PipelineModel model = Iris.fit(Iris.assembler(), normalizer,
                new LogisticRegression().setFeaturesCol("normalized").setMaxIter(5));
        UnsupportedModelException e = assertThrows(UnsupportedModelException.class,
                () -> SparkModelConverter.convert(model));
        assertEquals("stage 1 '" + normalizer.uid() + "' (org.apache.spark.ml.feature.Normalizer) is not supported as a"
                + " feature stage; supported: " + SparkModelConverter.SUPPORTED, e.getMessage());
    }

    @Test
    void unsupportedModel_isNamedAsTheLastStage() {
        PipelineModel model = Iris.fit(Iris.assembler(), new DecisionTreeClassifier());
        UnsupportedModelException e = assertThrows(UnsupportedModelException.class,
                () -> SparkModelConverter.convert(model));
        assertTrue(e.getMessage().startsWith("stage 1 '"), e.getMessage());
        assertTrue(e.getMessage().contains("(org.apache.spark.ml.classification.DecisionTreeClassificationModel) is not"
                + " supported as the model (last stage); supported: "), e.getMessage());
    }

    @Test
    void stageReadingAnotherColumn_isRefused() {
        PipelineModel model = Iris.fit(Iris.assembler(),
                new StandardScaler().setInputCol("features").setOutputCol("scaled"),
                new LogisticRegression().setMaxIter(5));
        UnsupportedModelException e = assertThrows(UnsupportedModelException.class,
                () -> SparkModelConverter.convert(model));
        assertTrue(e.getMessage().contains("reads featuresCol 'features' but the previous stage writes 'scaled'"),
                e.getMessage());
    }
}
