package org.zkml4j.spark;

import static org.apache.spark.sql.functions.col;

import java.util.Objects;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.zkml4j.sdk.VerificationKey;
import org.zkml4j.sdk.Visibility;

/**
 * Verifies a DataFrame proven by {@link VerifiableTransformer}, on the cluster: rows are grouped by
 * batch id (a shuffle), each batch's statement is rebuilt from its rows and its proof checked, and
 * every row gets a boolean column ({@code proofValid}) and a reason column ({@code proofReason},
 * empty when valid).
 *
 * <pre>{@code
 * VerifiedRows checked = ProofVerifier.of(transformer).verify(proven);
 * // or, holding only the key: new ProofVerifier(key, PredictionLayout.MULTICLASS_PROBABILISTIC, columns, Visibility.PUBLIC)
 * checked.rows().filter("NOT proofValid").show();
 * }</pre>
 *
 * <p>Which rows a change invalidates: a changed proof, feature value, proven logit, batch id or row
 * index, or a missing or duplicated row, breaks the batch's statement or proof, so <em>every row of
 * that batch</em> is invalid (one proof covers the batch) and no other row is. A changed
 * {@code prediction}, {@code probability} or {@code rawPrediction} value invalidates <em>only that
 * row</em>: the proof still holds, but the row no longer shows what was proven. With PRIVATE inputs
 * the features are not part of the statement and are not checked.
 */
public final class ProofVerifier {
    private final VerificationKey key;
    private final PredictionLayout layout;
    private final ProofColumns columns;
    private final Visibility inputVisibility;
    private String validCol = "proofValid";
    private String reasonCol = "proofReason";

    /**
     * @param key the model's verification key
     * @param layout how the model's outputs became prediction columns
     * @param columns the proven DataFrame's column names
     * @param inputVisibility whether features are part of the statements
     */
    public ProofVerifier(VerificationKey key, PredictionLayout layout, ProofColumns columns, Visibility inputVisibility) {
        this.key = Objects.requireNonNull(key, "key");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.columns = Objects.requireNonNull(columns, "columns");
        this.inputVisibility = Objects.requireNonNull(inputVisibility, "inputVisibility");
        StatementCodec.forKey(key); // fails fast on a key the adapter cannot decode
    }

    /** A verifier for what {@code transformer} produces (its key, layout, columns and visibility). */
    public static ProofVerifier of(VerifiableTransformer transformer) {
        return new ProofVerifier(transformer.verificationKey(), transformer.layout(), transformer.proofColumns(),
                transformer.getInputVisibility());
    }

    /** Names the boolean verdict column (default {@code proofValid}). */
    public ProofVerifier validCol(String name) {
        this.validCol = Objects.requireNonNull(name, "name");
        return this;
    }

    /** Names the reason column (default {@code proofReason}). */
    public ProofVerifier reasonCol(String name) {
        this.reasonCol = Objects.requireNonNull(name, "name");
        return this;
    }

    /**
     * Verifies every row and counts the verdicts (two Spark jobs: verification, then counting the
     * persisted result).
     *
     * @throws IllegalArgumentException if a needed column is missing
     */
    public VerifiedRows verify(Dataset<?> proven) {
        StructType schema = proven.schema();
        ColumnIndex index = ColumnIndex.of(schema, columns, layout, inputVisibility == Visibility.PRIVATE);
        StructType out = schema.add(validCol, DataTypes.BooleanType, false).add(reasonCol, DataTypes.StringType, false);
        BatchVerifier verifier = new BatchVerifier(
                JavaSparkContext.fromSparkContext(proven.sparkSession().sparkContext()).broadcast(key.toBytes()),
                layout, columns, index);
        // As many partitions as the input has (not spark.sql.shuffle.partitions): each batch lands whole in one.
        Dataset<Row> frame = proven.toDF();
        Dataset<Row> rows = frame
                .repartition(Math.max(1, frame.rdd().getNumPartitions()), col(columns.batchCol()))
                .sortWithinPartitions(columns.batchCol(), columns.rowCol())
                .mapPartitions(verifier, Encoders.row(out))
                .persist(StorageLevel.MEMORY_AND_DISK());
        long valid = 0;
        long invalid = 0;
        for (Row count : rows.groupBy(validCol).count().collectAsList()) {
            if (count.getBoolean(0)) {
                valid = count.getLong(1);
            } else {
                invalid = count.getLong(1);
            }
        }
        return new VerifiedRows(rows, valid, invalid);
    }
}
