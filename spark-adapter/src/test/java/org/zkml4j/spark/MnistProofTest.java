package org.zkml4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Real digits: a LogisticRegression 784 → 10 fitted by Spark on 400 MNIST digits (resource
 * mnist-600.csv.gz, the first 600 rows of the shared MNIST file: label, p0..p783, pixels 0..255,
 * read here as {@code id, label, features = pixels / 255}), and the 200 held-out digits proven in
 * batches of 100.
 *
 * <p>The model is fitted without standardization: with it, Spark regularizes in standardized space,
 * so rarely lit pixels get very large raw-space weights, which take the weight scale down to
 * 3 fractional bits (f_w = 3) and the agreement to 97% (193–194/200, measured).
 */
class MnistProofTest {
    private static final StructType SCHEMA = new StructType().add("id", DataTypes.IntegerType)
            .add("label", DataTypes.DoubleType).add("features", SQLDataTypes.VectorType());

    private static List<Row> digits() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (InputStream raw = MnistProofTest.class.getResourceAsStream("mnist-600.csv.gz");
             BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw),
                     StandardCharsets.US_ASCII))) {
            in.readLine(); // header
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] cells = line.split(",");
                double[] pixels = new double[cells.length - 1];
                for (int i = 0; i < pixels.length; i++) {
                    pixels[i] = Integer.parseInt(cells[i + 1]) / 255.0;
                }
                rows.add(RowFactory.create(rows.size(), Double.parseDouble(cells[0]), Vectors.dense(pixels)));
            }
        }
        return rows;
    }

    @Test
    void heldOutDigits_provenClassIsSparksAndEveryRowVerifies() throws IOException {
        List<Row> all = digits();
        assertEquals(600, all.size());
        Dataset<Row> training = SparkTestSession.get().createDataFrame(all.subList(0, 400), SCHEMA);
        Dataset<Row> heldOut = SparkTestSession.get().createDataFrame(all.subList(400, 600), SCHEMA).repartition(2);
        PipelineModel model = new Pipeline().setStages(new PipelineStage[] {
            new LogisticRegression().setStandardization(false).setRegParam(0.01).setMaxIter(15)}).fit(training);

        VerifiableTransformer zk = SparkVerifiable.of(model).calibrate(training).rowsPerProof(100).compile();
        Dataset<Row> proven = zk.transform(heldOut).persist();
        VerifiedRows verified = ProofVerifier.of(zk).verify(proven);
        Dataset<Row> spark = model.transform(heldOut).selectExpr("id", "prediction AS sparkPrediction");
        Row counts = proven.join(spark, "id").selectExpr("count(*)", "sum(CAST(prediction = sparkPrediction AS INT))")
                .first();
        proven.unpersist();
        verified.rows().unpersist();

        assertEquals(200, counts.getLong(0));
        long agree = counts.getLong(1);
        assertTrue(agree >= 198, "proven class = Spark's on " + agree + "/200 held-out digits (need >= 99%)");
        assertEquals(200, verified.validRows());
    }
}
