package org.zkml4j.samples.spark;

import java.util.Locale;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.zkml4j.spark.SparkVerifiable;
import org.zkml4j.spark.VerifiableTransformer;

/**
 * Rows proven per second by {@link VerifiableTransformer} at {@code local[1]} and {@code local[2]},
 * against plain {@code model.transform} on the same rows: a LogisticRegression on MNIST's 784
 * pixels (scaled to [0, 1]), 10 classes, batches of 256 rows.
 *
 * <pre>
 * samples/spark-job/run.sh --bench [mnist.csv.gz] [rows] [rounds]
 * </pre>
 * Each measurement materialises every output row ({@code write.format("noop")}) after one warm-up
 * round; the figure is the best of {@code rounds}.
 */
public final class SparkProvingBench {
    private SparkProvingBench() {
    }

    public static void main(String[] args) {
        String csv = args.length > 0 ? args[0] : "../../circuit-compiler/src/test/resources/mnist-2k.csv.gz";
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 4096;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        double[] proven = new double[2];
        for (int cores = 1; cores <= 2; cores++) {
            SparkSession spark = SparkSession.builder().master("local[" + cores + "]").appName("zkml4j-bench")
                    .config("spark.ui.enabled", "false").getOrCreate();
            spark.sparkContext().setLogLevel("WARN");
            try {
                proven[cores - 1] = measure(spark, csv, rows, rounds, cores);
            } finally {
                spark.stop();
            }
        }
        System.out.printf(Locale.ROOT, "scaling local[1] -> local[2]: %.2fx%n", proven[1] / proven[0]);
    }

    /** Prints one line for this master and returns proven rows per second. */
    private static double measure(SparkSession spark, String csv, int rows, int rounds, int cores) {
        Dataset<Row> digits = spark.read().option("header", "true").option("inferSchema", "false").csv(csv);
        String[] pixels = new String[784];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = "p" + i;
        }
        Dataset<Row> table = digits.selectExpr(selectScaled(pixels));
        Dataset<Row> data = new VectorAssembler().setInputCols(pixels).setOutputCol("features").transform(table)
                .select("label", "features");
        long available = data.count();
        Dataset<Row> repeated = data;
        for (long n = available; n < rows; n += available) {
            repeated = repeated.union(data);
        }
        Dataset<Row> input = repeated.limit(rows).repartition(cores).cache();
        input.count();
        PipelineModel model = new Pipeline().setStages(new PipelineStage[] {
            new LogisticRegression().setMaxIter(20).setRegParam(0.001)}).fit(data);
        VerifiableTransformer zk = SparkVerifiable.of(model).calibrate(data, 500).rowsPerProof(256).compile();

        double plain = best(rounds, () -> model.transform(input).write().format("noop").mode("overwrite").save());
        double proving = best(rounds, () -> zk.transform(input).write().format("noop").mode("overwrite").save());
        double rate = rows / proving;
        System.out.printf(Locale.ROOT, "local[%d]: %d rows (from %d MNIST digits), LogisticRegression 784->10, "
                + "256 rows per proof: proving %.2f s = %.0f rows/s = %.3f ms/row wall (%.3f core-ms/row); "
                + "plain transform %.3f s; proving/plain %.0fx%n", cores, rows, available, proving, rate,
                1000 * proving / rows, 1000 * proving * cores / rows, plain, proving / plain);
        input.unpersist();
        return rate;
    }

    private static String[] selectScaled(String[] pixels) {
        String[] exprs = new String[pixels.length + 1];
        exprs[0] = "CAST(label AS DOUBLE) AS label";
        for (int i = 0; i < pixels.length; i++) {
            exprs[i + 1] = "CAST(" + pixels[i] + " AS DOUBLE) / 255.0 AS " + pixels[i];
        }
        return exprs;
    }

    /** Seconds of the fastest of {@code rounds} runs, after one warm-up run. */
    private static double best(int rounds, Runnable job) {
        job.run();
        double best = Double.MAX_VALUE;
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            job.run();
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        return best;
    }
}
