package org.zkml4j.samples.spark;

import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.zkml4j.spark.ProofVerifier;
import org.zkml4j.spark.SparkVerifiable;
import org.zkml4j.spark.VerifiableTransformer;
import org.zkml4j.spark.VerifiedRows;

/**
 * The sample Spark job: reads Iris from CSV, fits VectorAssembler → StandardScaler →
 * LogisticRegression, proves every prediction on the executors, writes the proven rows to Parquet,
 * reads them back, verifies them on the cluster and prints a summary.
 *
 * <pre>
 * samples/spark-job/run.sh [iris.csv] [output-dir] [rowsPerProof]
 * spark-submit --class org.zkml4j.samples.spark.IrisProvingJob samples/spark-job/target/spark-job.jar iris.csv out/
 * </pre>
 * Without a {@code spark.master} setting (spark-submit sets one) it runs on {@code local[*]}.
 */
public final class IrisProvingJob {
    private static final String[] MEASUREMENTS = {"sepalLength", "sepalWidth", "petalLength", "petalWidth"};

    private IrisProvingJob() {
    }

    /** Measured outcome of one run. */
    record Summary(long rows, long batches, long proofBytes, long agreeWithSpark, long validRows, long invalidRows,
                   double proveSeconds, double verifySeconds) {
        String describe() {
            return String.format(Locale.ROOT, "rows %d in %d batches (%d proof bytes)%n"
                    + "proven class = Spark's own prediction on %d/%d rows%n"
                    + "prove + write Parquet %.2f s, read + verify %.2f s: %d valid, %d invalid",
                    rows, batches, proofBytes, agreeWithSpark, rows, proveSeconds, verifySeconds, validRows, invalidRows);
        }
    }

    public static void main(String[] args) {
        String csv = args.length > 0 ? args[0] : "data/iris.csv";
        String out = args.length > 1 ? args[1] : "target/iris-proven.parquet";
        int rowsPerProof = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        SparkSession.Builder builder = SparkSession.builder().appName("zkml4j-iris-proving-job");
        if (!new SparkConf().contains("spark.master")) {
            builder.master("local[*]");
        }
        SparkSession spark = builder.getOrCreate();
        try {
            System.out.println(run(spark, csv, out, rowsPerProof).describe());
        } finally {
            spark.stop();
        }
    }

    /** Fits, proves, writes, reads, verifies. */
    static Summary run(SparkSession spark, String csv, String out, int rowsPerProof) {
        StructType schema = new StructType();
        for (String m : MEASUREMENTS) {
            schema = schema.add(m, DataTypes.DoubleType);
        }
        schema = schema.add("label", DataTypes.DoubleType);
        Dataset<Row> iris = spark.read().option("comment", "#").schema(schema).csv(csv)
                .withColumn("id", org.apache.spark.sql.functions.monotonically_increasing_id()).cache();

        PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {
            new VectorAssembler().setInputCols(MEASUREMENTS).setOutputCol("features"),
            new StandardScaler().setInputCol("features").setOutputCol("scaled").setWithMean(true),
            new LogisticRegression().setFeaturesCol("scaled").setRegParam(0.01).setMaxIter(50)}).fit(iris);
        PipelineModel proving = SparkVerifiable.of(fitted).calibrate(iris).rowsPerProof(rowsPerProof).compilePipeline();
        VerifiableTransformer transformer = (VerifiableTransformer) proving.stages()[proving.stages().length - 1];

        long start = System.nanoTime();
        proving.transform(iris).write().mode("overwrite").parquet(out);
        double prove = (System.nanoTime() - start) / 1e9;

        start = System.nanoTime();
        Dataset<Row> proven = spark.read().parquet(out);
        VerifiedRows verified = ProofVerifier.of(transformer).verify(proven);
        double verify = (System.nanoTime() - start) / 1e9;

        Row stats = proven.selectExpr("count(*)", "count(DISTINCT proof_batch)", "sum(length(proof))").first();
        Dataset<Row> sparkOwn = fitted.transform(iris).select(col("id"), col("prediction").as("sparkPrediction"));
        long agree = proven.join(sparkOwn, "id").filter("prediction = sparkPrediction").count();
        verified.rows().unpersist();
        return new Summary(stats.getLong(0), stats.getLong(1), stats.getLong(2), agree, verified.validRows(),
                verified.invalidRows(), prove, verify);
    }

    private static org.apache.spark.sql.Column col(String name) {
        return org.apache.spark.sql.functions.col(name);
    }
}
