package org.zkml4j.samples.spark;

import java.util.Locale;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
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
 * with {@code threadsPerTask} 0 (the common fork-join pool) and 1 (one thread per task), against
 * plain {@code model.transform} on the same rows: a LogisticRegression on MNIST's 784 pixels (scaled
 * to [0, 1]), 10 classes, batches of 256 rows.
 *
 * <pre>
 * samples/spark-job/run.sh --bench [mnist.csv.gz] [rows] [rounds]
 * </pre>
 * The model is fitted and compiled once. Each round then starts a {@code local[1]} and a
 * {@code local[2]} session in turn (so a change in machine load hits both alike), warms up, and
 * times one run of each job with every output row materialised ({@code write.format("noop")}).
 * Figures are the best of the rounds.
 */
public final class SparkProvingBench {
    private static final int BATCH = 256;

    private SparkProvingBench() {
    }

    public static void main(String[] args) {
        String csv = args.length > 0 ? args[0] : "../../circuit-compiler/src/test/resources/mnist-2k.csv.gz";
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 4096;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        PipelineModel model;
        VerifiableTransformer zk;
        SparkSession setup = session(2);
        try {
            Dataset<Row> digits = digits(setup, csv);
            model = new Pipeline().setStages(new PipelineStage[] {
                new LogisticRegression().setMaxIter(20).setRegParam(0.001)}).fit(digits);
            zk = SparkVerifiable.of(model).calibrate(digits, 500).rowsPerProof(BATCH).compile();
        } finally {
            setup.stop();
        }
        // best[cores - 1][job]: job 0 = plain transform, 1 = proving with threadsPerTask 0, 2 = with 1
        double[][] best = {{Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE},
            {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE}};
        for (int round = 0; round < rounds; round++) {
            for (int cores = 1; cores <= 2; cores++) {
                SparkSession spark = session(cores);
                try {
                    Dataset<Row> input = repeat(digits(spark, csv), rows).repartition(cores).cache();
                    input.count();
                    best[cores - 1][0] = Math.min(best[cores - 1][0], warmAndTime(() -> model.transform(input)
                            .write().format("noop").mode("overwrite").save()));
                    for (int threads = 0; threads <= 1; threads++) {
                        VerifiableTransformer job = zk.copy(new org.apache.spark.ml.param.ParamMap())
                                .setThreadsPerTask(threads);
                        best[cores - 1][1 + threads] = Math.min(best[cores - 1][1 + threads], warmAndTime(
                                () -> job.transform(input).write().format("noop").mode("overwrite").save()));
                    }
                } finally {
                    spark.stop();
                }
            }
        }
        for (int cores = 1; cores <= 2; cores++) {
            for (int threads = 0; threads <= 1; threads++) {
                double proving = best[cores - 1][1 + threads];
                System.out.printf(Locale.ROOT, "local[%d], threadsPerTask %d: %d MNIST rows, LogisticRegression 784->10,"
                        + " %d rows per proof: proving %.2f s = %.0f rows/s = %.3f ms/row wall (%.3f core-ms/row);"
                        + " plain transform %.3f s; proving/plain %.1fx%n", cores, threads, rows, BATCH, proving,
                        rows / proving, 1000 * proving / rows, 1000 * proving * cores / rows, best[cores - 1][0],
                        proving / best[cores - 1][0]);
            }
        }
        for (int threads = 0; threads <= 1; threads++) {
            System.out.printf(Locale.ROOT, "threadsPerTask %d: scaling local[1] -> local[2] %.2fx%n", threads,
                    best[0][1 + threads] / best[1][1 + threads]);
        }
    }

    private static SparkSession session(int cores) {
        SparkSession spark = SparkSession.builder().master("local[" + cores + "]").appName("zkml4j-bench")
                .config("spark.ui.enabled", "false").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }

    /** MNIST digits as {@code label} and {@code features} (784 pixels / 255). */
    private static Dataset<Row> digits(SparkSession spark, String csv) {
        String[] pixels = new String[784];
        String[] exprs = new String[pixels.length + 1];
        exprs[0] = "CAST(label AS DOUBLE) AS label";
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = "p" + i;
            exprs[i + 1] = "CAST(" + pixels[i] + " AS DOUBLE) / 255.0 AS " + pixels[i];
        }
        Dataset<Row> table = spark.read().option("header", "true").csv(csv).selectExpr(exprs);
        return new VectorAssembler().setInputCols(pixels).setOutputCol("features").transform(table)
                .select("label", "features");
    }

    /** {@code data} repeated until it has {@code rows} rows. */
    private static Dataset<Row> repeat(Dataset<Row> data, int rows) {
        long available = data.count();
        Dataset<Row> repeated = data;
        for (long n = available; n < rows; n += available) {
            repeated = repeated.union(data);
        }
        return repeated.limit(rows);
    }

    /** Seconds of one run after one warm-up run. */
    private static double warmAndTime(Runnable job) {
        job.run();
        long start = System.nanoTime();
        job.run();
        return (System.nanoTime() - start) / 1e9;
    }
}
