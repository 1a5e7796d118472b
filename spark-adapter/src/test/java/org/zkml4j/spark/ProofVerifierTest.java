package org.zkml4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Honest and tampered proven DataFrames: the Iris rows proven once in batches of 32 (on 2
 * partitions), collected, then changed in one place at a time.
 */
class ProofVerifierTest {
    private static VerifiableTransformer transformer;
    private static StructType schema;
    private static List<Row> honest;

    private static synchronized void prove() {
        if (honest == null) {
            transformer = SparkVerifiable.of(Iris.logistic()).calibrate(Iris.raw()).rowsPerProof(32).compile();
            Dataset<Row> proven = transformer.transform(Iris.assembled());
            schema = proven.schema();
            honest = proven.collectAsList();
        }
    }

    private static VerifiedRows verify(List<Row> rows) {
        return ProofVerifier.of(transformer).verify(SparkTestSession.get().createDataFrame(rows, schema));
    }

    private static int col(String name) {
        return schema.fieldIndex(name);
    }

    /** A copy of {@code rows} with {@code change} applied to the row at {@code index}. */
    private static List<Row> tamper(int index, UnaryOperator<Object[]> change) {
        List<Row> rows = new ArrayList<>(honest);
        Object[] values = new Object[schema.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = rows.get(index).get(i);
        }
        rows.set(index, RowFactory.create(change.apply(values)));
        return rows;
    }

    /** The (batch, row) of every row with the given verdict. */
    private static Set<List<Object>> rowsWhere(VerifiedRows verified, boolean valid) {
        Set<List<Object>> out = new HashSet<>();
        for (Row row : verified.rows().filter(verified.rows().col("proofValid").equalTo(valid))
                .select("proof_batch", "proof_row").collectAsList()) {
            out.add(List.of(row.getLong(0), row.getInt(1)));
        }
        verified.rows().unpersist();
        return out;
    }

    private static Set<List<Object>> batchOf(int index) {
        long batch = honest.get(index).getLong(col("proof_batch"));
        Set<List<Object>> out = new HashSet<>();
        for (Row row : honest) {
            if (row.getLong(col("proof_batch")) == batch) {
                out.add(List.of(batch, row.getInt(col("proof_row"))));
            }
        }
        return out;
    }

    /** An index of a row that is not its batch's row 0. */
    private static int laterRow() {
        prove();
        for (int i = 0; i < honest.size(); i++) {
            if (honest.get(i).getInt(col("proof_row")) == 5) {
                return i;
            }
        }
        throw new AssertionError("no row 5 in any batch");
    }

    private static int firstRowOf(long batch) {
        for (int i = 0; i < honest.size(); i++) {
            if (honest.get(i).getLong(col("proof_batch")) == batch && honest.get(i).getInt(col("proof_row")) == 0) {
                return i;
            }
        }
        throw new AssertionError();
    }

    @Test
    void honestRows_allVerify() {
        prove();
        VerifiedRows verified = verify(honest);
        assertEquals(150, verified.validRows());
        assertEquals(0, verified.invalidRows());
        assertTrue(verified.allValid());
        assertEquals(Set.of(""), new HashSet<>(verified.rows().select("proofReason").distinct()
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList()));
        verified.rows().unpersist();
    }

    @Test
    void flippedProofByte_invalidatesExactlyThatBatch() {
        prove();
        int target = firstRowOf(honest.get(laterRow()).getLong(col("proof_batch")));
        VerifiedRows verified = verify(tamper(target, v -> {
            byte[] proof = ((byte[]) v[col("proof")]).clone();
            proof[proof.length / 2] ^= 1;
            v[col("proof")] = proof;
            return v;
        }));
        assertEquals(batchOf(target), rowsWhere(verified, false));
        assertEquals(150 - batchOf(target).size(), verified.validRows());
    }

    @Test
    void changedFeatureValue_invalidatesExactlyThatBatch() {
        int target = laterRow();
        VerifiedRows verified = verify(tamper(target, v -> {
            double[] x = ((Vector) v[col("features")]).toArray().clone();
            x[2] += 0.5;
            v[col("features")] = Vectors.dense(x);
            return v;
        }));
        Set<List<Object>> invalid = rowsWhere(verify(tamper(target, v -> v)), false);
        assertTrue(invalid.isEmpty(), "an unchanged copy verifies");
        assertEquals(batchOf(target), rowsWhere(verified, false));
    }

    @Test
    void privateInputs_verifyWithoutBindingTheFeaturesButStillBindThePredictions() {
        prove();
        VerifiableTransformer hidden = transformer.copy(new org.apache.spark.ml.param.ParamMap())
                .setInputVisibility(org.zkml4j.sdk.Visibility.PRIVATE).setRowsPerProof(75);
        Dataset<Row> proven = hidden.transform(Iris.assembled());
        List<Row> rows = proven.collectAsList();
        StructType hiddenSchema = proven.schema();
        ProofVerifier verifier = ProofVerifier.of(hidden);
        assertEquals(150, verifier.verify(SparkTestSession.get().createDataFrame(rows, hiddenSchema)).validRows());
        // the proof shows *some* input gives these logits: the features column is not part of it
        List<Row> changedFeature = new ArrayList<>(rows);
        Object[] v = rowValues(rows.get(3));
        double[] x = ((Vector) v[hiddenSchema.fieldIndex("features")]).toArray().clone();
        x[2] += 0.5;
        v[hiddenSchema.fieldIndex("features")] = Vectors.dense(x);
        changedFeature.set(3, RowFactory.create(v));
        assertEquals(150, verifier.verify(SparkTestSession.get().createDataFrame(changedFeature, hiddenSchema))
                .validRows());
        // …but the proven logits are
        List<Row> changedLogit = new ArrayList<>(rows);
        Object[] w = rowValues(rows.get(3));
        int[] logits = rows.get(3).getList(hiddenSchema.fieldIndex("proof_logits")).stream()
                .mapToInt(o -> (Integer) o).toArray();
        logits[0] += 1;
        w[hiddenSchema.fieldIndex("proof_logits")] = logits;
        changedLogit.set(3, RowFactory.create(w));
        assertEquals(75, verifier.verify(SparkTestSession.get().createDataFrame(changedLogit, hiddenSchema))
                .invalidRows());
    }

    private static Object[] rowValues(Row row) {
        Object[] values = new Object[row.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = row.get(i);
        }
        return values;
    }

    @Test
    void changedPrediction_invalidatesOnlyThatRow() {
        int target = laterRow();
        VerifiedRows verified = verify(tamper(target, v -> {
            v[col("prediction")] = ((Double) v[col("prediction")] + 1) % 3;
            return v;
        }));
        Row row = honest.get(target);
        assertEquals(Set.of(List.of(row.getLong(col("proof_batch")), row.getInt(col("proof_row")))),
                rowsWhere(verified, false));
        assertEquals(149, verified.validRows());
    }

    @Test
    void changedProbability_invalidatesOnlyThatRow() {
        VerifiedRows verified = verify(tamper(laterRow(), v -> {
            double[] p = ((Vector) v[col("probability")]).toArray().clone();
            p[0] += 1e-9;
            v[col("probability")] = Vectors.dense(p);
            return v;
        }));
        assertEquals(1, verified.invalidRows());
        String reason = verified.rows().filter("NOT proofValid").select("proofReason").first().getString(0);
        verified.rows().unpersist();
        assertEquals("column probability does not match the proven outputs", reason);
    }

    @Test
    void changedLogit_invalidatesExactlyThatBatch() {
        int target = laterRow();
        VerifiedRows verified = verify(tamper(target, v -> {
            int[] logits = honest.get(target).getList(col("proof_logits")).stream().mapToInt(o -> (Integer) o)
                    .toArray();
            logits[0]++;
            v[col("proof_logits")] = logits;
            return v;
        }));
        Set<List<Object>> invalid = rowsWhere(verified, false);
        assertEquals(batchOf(target), invalid);
    }

    @Test
    void droppedRow_invalidatesItsBatchWithAReason() {
        int target = laterRow();
        List<Row> rows = new ArrayList<>(honest);
        rows.remove(target);
        VerifiedRows verified = verify(rows);
        assertEquals(batchOf(target).size() - 1, verified.invalidRows());
        String reason = verified.rows().filter("NOT proofValid").select("proofReason").first().getString(0);
        verified.rows().unpersist();
        assertTrue(reason.endsWith("row 5 is missing; a proof verifies only with all rows of its batch"), reason);
    }

    @Test
    void missingLocationColumn_isNamed() {
        prove();
        Dataset<Row> withoutRows = SparkTestSession.get().createDataFrame(honest, schema).drop("proof_row");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProofVerifier.of(transformer).verify(withoutRows));
        assertTrue(e.getMessage().startsWith("column 'proof_row' is missing; columns: "), e.getMessage());
    }

    @Test
    void otherModelsKey_rejectsEveryRow() {
        prove();
        // (A scaled pipeline would not do: Spark's LR standardizes internally, so it fits the same function.)
        VerifiableTransformer other = SparkVerifiable.of(Iris.fit(Iris.assembler(),
                new LogisticRegression().setRegParam(1.0).setMaxIter(10))).calibrate(Iris.raw()).compile();
        assertNotEquals(transformer.verificationKey(), other.verificationKey());
        VerifiedRows verified = new ProofVerifier(other.verificationKey(), transformer.layout(),
                transformer.proofColumns(), transformer.getInputVisibility())
                .verify(SparkTestSession.get().createDataFrame(honest, schema));
        assertEquals(0, verified.validRows());
        assertEquals(150, verified.invalidRows());
        String reason = verified.rows().select("proofReason").first().getString(0);
        verified.rows().unpersist();
        assertTrue(reason.contains("proof rejected: "), reason);
    }

    @Test
    void parquetRoundTrip_stillVerifies(@TempDir Path dir) {
        prove();
        String path = dir.resolve("proven.parquet").toString();
        SparkTestSession.get().createDataFrame(honest, schema).write().parquet(path);
        VerifiedRows verified = ProofVerifier.of(transformer).verify(SparkTestSession.get().read().parquet(path));
        assertEquals(150, verified.validRows());
        assertFalse(verified.rows().columns().length == schema.size());
        verified.rows().unpersist();
    }
}
