package org.zkml4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zkml4j.sdk.ProvingOptions;
import org.zkml4j.sdk.Visibility;

class VerifiableTransformerTest {

    /** The multinomial Iris pipeline, compiled once for the tests of this class. */
    private static PipelineModel proving;

    private static synchronized PipelineModel proving() {
        if (proving == null) {
            proving = SparkVerifiable.of(Iris.scaledLogistic()).calibrate(Iris.raw()).rowsPerProof(32)
                    .compilePipeline();
        }
        return proving;
    }

    private static VerifiableTransformer transformerOf(PipelineModel model) {
        return (VerifiableTransformer) model.stages()[model.stages().length - 1];
    }

    @Test
    void transform_keepsEveryColumnAndAppendsProvenColumns() {
        StructType input = Iris.raw().schema();
        StructType out = proving().transform(Iris.raw()).schema();
        assertEquals(Arrays.asList(input.fieldNames()), Arrays.asList(out.fieldNames()).subList(0, input.size()));
        List<String> added = Arrays.asList(out.fieldNames()).subList(input.size(), out.size());
        assertEquals(List.of("features", "rawPrediction", "probability", "prediction", "proof", "proof_batch",
                "proof_row", "proof_logits", "proof_clamped"), added);
        assertEquals(SQLDataTypes.VectorType(), out.apply("probability").dataType());
        assertEquals(DataTypes.DoubleType, out.apply("prediction").dataType());
        assertEquals(DataTypes.BinaryType, out.apply("proof").dataType());
        assertEquals(DataTypes.LongType, out.apply("proof_batch").dataType());
        assertEquals(DataTypes.IntegerType, out.apply("proof_row").dataType());
        assertEquals(DataTypes.createArrayType(DataTypes.IntegerType, false), out.apply("proof_logits").dataType());
        assertEquals(DataTypes.IntegerType, out.apply("proof_clamped").dataType());
    }

    @Test
    void transform_countsInputValuesClampedToTheCalibratedRange() {
        List<Row> inside = proving().transform(Iris.raw()).select("proof_clamped").collectAsList();
        assertEquals(0, inside.stream().mapToInt(r -> r.getInt(0)).sum());
        Dataset<Row> far = Iris.raw().withColumn("petalLength",
                org.apache.spark.sql.functions.col("petalLength").multiply(1000));
        List<Row> clamped = proving().transform(far).select("proof_clamped").collectAsList();
        assertEquals(clamped.size(), clamped.stream().filter(r -> r.getInt(0) == 1).count());
    }

    @Test
    void provenClass_equalsSparkPrediction() {
        Dataset<Row> proven = proving().transform(Iris.raw()).select("sepalLength", "sepalWidth", "petalLength",
                "petalWidth", "prediction");
        Dataset<Row> spark = Iris.scaledLogistic().transform(Iris.raw()).select("sepalLength", "sepalWidth",
                "petalLength", "petalWidth", "prediction");
        Map<List<Object>, Double> expected = new HashMap<>();
        for (Row row : spark.collectAsList()) {
            expected.put(List.of(row.get(0), row.get(1), row.get(2), row.get(3)), row.getDouble(4));
        }
        int agree = 0;
        List<Row> rows = proven.collectAsList();
        for (Row row : rows) {
            if (expected.get(List.of(row.get(0), row.get(1), row.get(2), row.get(3))) == row.getDouble(4)) {
                agree++;
            }
        }
        assertEquals(150, rows.size());
        assertEquals(150, agree, "a linear model's proven class is Spark's on every Iris row");
    }

    @Test
    void partitionsAreProvenInBatches_proofOnRowZeroOnly() {
        List<Row> rows = proving().transform(Iris.raw()).select("proof", "proof_batch", "proof_row").collectAsList();
        Map<Long, Integer> sizes = new HashMap<>();
        for (Row row : rows) {
            int index = row.getInt(2);
            assertTrue(index >= 0 && index < 32, "row index " + index);
            if (index == 0) {
                assertNotNull(row.get(0));
            } else {
                assertNull(row.get(0));
            }
            sizes.merge(row.getLong(1), 1, Integer::sum);
        }
        List<Integer> partitionSizes = Iris.raw().toJavaRDD().glom().map(List::size).collect();
        int expectedBatches = partitionSizes.stream().mapToInt(n -> (n + 31) / 32).sum();
        assertEquals(expectedBatches, sizes.size());
        assertTrue(sizes.values().stream().allMatch(n -> n <= 32));
    }

    @Test
    void regression_provenPredictionIsCloseToSpark() {
        PipelineModel model = Iris.linearRegression();
        PipelineModel zk = SparkVerifiable.of(model).calibrate(Iris.raw()).compilePipeline();
        Map<List<Object>, Double> expected = new HashMap<>();
        for (Row row : model.transform(Iris.raw()).select("sepalLength", "sepalWidth", "petalLength", "prediction")
                .collectAsList()) {
            expected.put(List.of(row.get(0), row.get(1), row.get(2)), row.getDouble(3));
        }
        List<Row> proven = zk.transform(Iris.raw()).select("sepalLength", "sepalWidth", "petalLength", "prediction")
                .collectAsList();
        assertEquals(150, proven.size());
        double worst = 0;
        for (Row row : proven) {
            double spark = expected.get(List.of(row.get(0), row.get(1), row.get(2)));
            worst = Math.max(worst, Math.abs(row.getDouble(3) - spark));
        }
        assertTrue(worst < 0.02, "largest |proven - Spark| over 150 rows: " + worst);
    }

    @Test
    void saveAndLoad_insideAPipeline_keepsParamsAndModel(@TempDir Path dir) throws Exception {
        PipelineModel model = proving();
        String path = dir.resolve("zk-pipeline").toString();
        model.write().overwrite().save(path);
        assertTrue(Files.isDirectory(dir.resolve("zk-pipeline/stages")));
        PipelineModel loaded = PipelineModel.load(path);
        VerifiableTransformer original = transformerOf(model);
        VerifiableTransformer copy = transformerOf(loaded);
        assertEquals(original.uid(), copy.uid());
        assertEquals(32, copy.getRowsPerProof());
        assertEquals(original.proofColumns(), copy.proofColumns());
        assertEquals(original.layout(), copy.layout());
        assertArrayEquals(original.modelBytes(), copy.modelBytes());
        assertEquals(original.verificationKey(), copy.verificationKey());
        VerifiedRows checked = ProofVerifier.of(original).verify(loaded.transform(Iris.raw()));
        assertEquals(150, checked.validRows());
        checked.rows().unpersist();
    }

    @Test
    void saveAndLoad_standalone(@TempDir Path dir) throws Exception {
        VerifiableTransformer zk = transformerOf(proving()).copy(new org.apache.spark.ml.param.ParamMap())
                .setProofCol("zk");
        String path = dir.resolve("zk").toString();
        zk.save(path);
        VerifiableTransformer loaded = VerifiableTransformer.load(path);
        assertEquals("zk", loaded.proofColumns().proofCol());
        assertEquals("zk_batch", loaded.proofColumns().batchCol());
    }

    @Test
    void unfittedPipelineWithTheTransformer_fitsAndProves() {
        PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {Iris.assembler(),
                transformerOf(proving())}).fit(Iris.raw());
        assertEquals(150, fitted.transform(Iris.raw()).count());
    }

    @Test
    void commonForkJoinPool_provesVerifiableRowsToo() {
        VerifiableTransformer zk = transformerOf(proving()).copy(new org.apache.spark.ml.param.ParamMap())
                .setThreadsPerTask(0);
        VerifiedRows checked = ProofVerifier.of(zk).verify(zk.transform(Iris.assembled()));
        assertEquals(150, checked.validRows());
        checked.rows().unpersist();
    }

    @Test
    void existingOutputColumn_isRefused() {
        VerifiableTransformer zk = transformerOf(proving());
        Dataset<Row> withProof = Iris.assembled().withColumn("proof", Iris.assembled().col("label"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> zk.transform(withProof));
        assertEquals("output column 'proof' already exists", e.getMessage());
    }

    @Test
    void committedWeights_areRefusedNamingWhyAndWhatToDo() {
        SparkVerifiable committed = SparkVerifiable.of(Iris.logistic()).calibrate(Iris.raw()).options(ProvingOptions
                .builder().weightVisibility(Visibility.COMMITTED).proofBudget(4).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, committed::compile);
        assertTrue(e.getMessage().startsWith("VerifiableTransformer does not prove with COMMITTED weights"),
                e.getMessage());
        assertTrue(e.getMessage().contains("same saved slot counter"), e.getMessage());
        assertTrue(e.getMessage().contains("Compile with PUBLIC weights"), e.getMessage());
    }

    @Test
    void hiddenOutputs_areRefusedNamingWhatToDo() {
        for (Visibility outputs : new Visibility[] {Visibility.PRIVATE, Visibility.COMMITTED}) {
            SparkVerifiable hidden = SparkVerifiable.of(Iris.logistic()).calibrate(Iris.raw()).options(ProvingOptions
                    .builder().inputVisibility(Visibility.PRIVATE).outputVisibility(outputs).build());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, hidden::compile);
            assertTrue(e.getMessage().startsWith("VerifiableTransformer proves PUBLIC outputs"), e.getMessage());
        }
    }

    @Test
    void privateInputVisibility_passesThroughToTheTransformer() {
        VerifiableTransformer t = SparkVerifiable.of(Iris.logistic()).calibrate(Iris.raw())
                .options(ProvingOptions.builder().inputVisibility(Visibility.PRIVATE).build()).compile();
        assertEquals(Visibility.PRIVATE, t.getInputVisibility());
    }
}
