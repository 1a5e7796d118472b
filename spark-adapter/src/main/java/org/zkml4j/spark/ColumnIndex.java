package org.zkml4j.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * Where {@link BatchVerifier} finds each proven column in a row ({@code -1}: not read).
 *
 * @param features the features vector (-1 when inputs are private)
 * @param rawPrediction raw scores (-1 when the layout has none)
 * @param probability probabilities (-1 when the layout has none)
 * @param prediction the prediction
 * @param proof the proof bytes
 * @param batch the batch id
 * @param row the row index
 * @param logits the proven outputs
 */
record ColumnIndex(int features, int rawPrediction, int probability, int prediction, int proof, int batch, int row,
                   int logits) implements Serializable {

    /**
     * Looks the columns up in {@code schema}.
     *
     * @throws IllegalArgumentException naming a missing column
     */
    static ColumnIndex of(StructType schema, ProofColumns columns, PredictionLayout layout, boolean privateInput) {
        List<String> names = Arrays.asList(schema.fieldNames());
        return new ColumnIndex(
                privateInput ? -1 : required(names, columns.featuresCol()),
                layout.hasRawPrediction() ? required(names, columns.rawPredictionCol()) : -1,
                layout.hasProbability() ? required(names, columns.probabilityCol()) : -1,
                required(names, columns.predictionCol()),
                required(names, columns.proofCol()),
                required(names, columns.batchCol()),
                required(names, columns.rowCol()),
                required(names, columns.logitsCol()));
    }

    private static int required(List<String> names, String column) {
        int i = names.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException("column '" + column + "' is missing; columns: " + names);
        }
        return i;
    }
}
