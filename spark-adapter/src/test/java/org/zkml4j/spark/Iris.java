package org.zkml4j.spark;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LinearSVC;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.feature.MinMaxScaler;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Test fixture: Fisher's 150 Iris rows (resource iris.csv: four measurements, class 0..2) as a
 * DataFrame in 2 partitions, and small models fitted on it once (seeded, deterministic).
 */
final class Iris {
    static final String[] MEASUREMENTS = {"sepalLength", "sepalWidth", "petalLength", "petalWidth"};
    private static final StructType SCHEMA = new StructType()
            .add("sepalLength", DataTypes.DoubleType).add("sepalWidth", DataTypes.DoubleType)
            .add("petalLength", DataTypes.DoubleType).add("petalWidth", DataTypes.DoubleType)
            .add("label", DataTypes.DoubleType);

    private static Dataset<Row> raw;
    private static Dataset<Row> assembled;
    private static PipelineModel scaledLogistic;
    private static PipelineModel logistic;

    private Iris() {
    }

    /** The raw columns: four measurements and {@code label}; also {@code binaryLabel} (virginica = 1). */
    static synchronized Dataset<Row> raw() {
        if (raw == null) {
            try {
                Path csv = Path.of(Iris.class.getResource("iris.csv").toURI());
                raw = SparkTestSession.get().read().option("comment", "#").schema(SCHEMA).csv(csv.toString())
                        .selectExpr("*", "CAST(label = 2 AS DOUBLE) AS binaryLabel")
                        .repartition(2).cache();
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return raw;
    }

    static VectorAssembler assembler() {
        return new VectorAssembler().setInputCols(MEASUREMENTS).setOutputCol("features");
    }

    /** {@link #raw()} plus the assembled {@code features} vector. */
    static synchronized Dataset<Row> assembled() {
        if (assembled == null) {
            assembled = assembler().transform(raw()).cache();
        }
        return assembled;
    }

    /** VectorAssembler → multinomial LogisticRegression. */
    static synchronized PipelineModel logistic() {
        if (logistic == null) {
            logistic = fit(assembler(), new LogisticRegression().setRegParam(0.01).setMaxIter(30));
        }
        return logistic;
    }

    /** VectorAssembler → StandardScaler (mean and std) → MinMaxScaler → multinomial LogisticRegression. */
    static synchronized PipelineModel scaledLogistic() {
        if (scaledLogistic == null) {
            scaledLogistic = fit(assembler(),
                    new StandardScaler().setInputCol("features").setOutputCol("standard").setWithMean(true),
                    new MinMaxScaler().setInputCol("standard").setOutputCol("scaled"),
                    new LogisticRegression().setFeaturesCol("scaled").setRegParam(0.01).setMaxIter(30));
        }
        return scaledLogistic;
    }

    static PipelineModel binomialLogistic() {
        return fit(assembler(), new LogisticRegression().setLabelCol("binaryLabel").setRegParam(0.01).setMaxIter(30));
    }

    static PipelineModel linearSvc() {
        return fit(assembler(), new LinearSVC().setLabelCol("binaryLabel").setRegParam(0.01).setMaxIter(20));
    }

    static PipelineModel perceptron() {
        return fit(assembler(), new MultilayerPerceptronClassifier().setLayers(new int[] {4, 6, 3}).setSeed(7)
                .setMaxIter(50));
    }

    /** Predicts petal width from the other three measurements. */
    static PipelineModel linearRegression() {
        return fit(new VectorAssembler().setInputCols(new String[] {"sepalLength", "sepalWidth", "petalLength"})
                .setOutputCol("features"), new LinearRegression().setLabelCol("petalWidth"));
    }

    static PipelineModel fit(PipelineStage... stages) {
        return new Pipeline().setStages(stages).fit(raw());
    }
}
