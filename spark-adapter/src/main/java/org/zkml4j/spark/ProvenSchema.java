package org.zkml4j.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The columns {@link VerifiableTransformer} appends, in order: {@code rawPrediction} and
 * {@code probability} (vectors, when the layout has them), {@code prediction} (double), the proof
 * (binary, null except on a batch's row 0), the batch id (long), the row index (int), the proven
 * logits (array of int) and the number of clamped input values (int).
 */
final class ProvenSchema {
    private ProvenSchema() {
    }

    /**
     * The input schema with the proven columns appended.
     *
     * @throws IllegalArgumentException if the features column is missing or not a vector, or an
     *     output column already exists
     */
    static StructType append(StructType input, ProofColumns columns, PredictionLayout layout) {
        List<String> names = Arrays.asList(input.fieldNames());
        if (!names.contains(columns.featuresCol())) {
            throw new IllegalArgumentException("features column '" + columns.featuresCol() + "' does not exist; columns: "
                    + names);
        }
        if (!input.apply(columns.featuresCol()).dataType().equals(SQLDataTypes.VectorType())) {
            throw new IllegalArgumentException("features column '" + columns.featuresCol() + "' must be a vector, not "
                    + input.apply(columns.featuresCol()).dataType().simpleString());
        }
        List<StructField> added = new ArrayList<>();
        if (layout.hasRawPrediction()) {
            added.add(DataTypes.createStructField(columns.rawPredictionCol(), SQLDataTypes.VectorType(), false));
        }
        if (layout.hasProbability()) {
            added.add(DataTypes.createStructField(columns.probabilityCol(), SQLDataTypes.VectorType(), false));
        }
        added.add(DataTypes.createStructField(columns.predictionCol(), DataTypes.DoubleType, false));
        added.add(DataTypes.createStructField(columns.proofCol(), DataTypes.BinaryType, true));
        added.add(DataTypes.createStructField(columns.batchCol(), DataTypes.LongType, false));
        added.add(DataTypes.createStructField(columns.rowCol(), DataTypes.IntegerType, false));
        added.add(DataTypes.createStructField(columns.logitsCol(),
                DataTypes.createArrayType(DataTypes.IntegerType, false), false));
        added.add(DataTypes.createStructField(columns.clampedCol(), DataTypes.IntegerType, false));
        StructType out = input;
        for (StructField field : added) {
            if (names.contains(field.name())) {
                throw new IllegalArgumentException("output column '" + field.name() + "' already exists");
            }
            out = out.add(field);
        }
        return out;
    }

    /** The values of the prediction columns, in schema order. */
    static List<Object> predictionValues(DecodedPrediction p, PredictionLayout layout) {
        List<Object> values = new ArrayList<>(3);
        if (layout.hasRawPrediction()) {
            values.add(Vectors.dense(p.rawPrediction()));
        }
        if (layout.hasProbability()) {
            values.add(Vectors.dense(p.probability()));
        }
        values.add(p.prediction());
        return values;
    }
}
