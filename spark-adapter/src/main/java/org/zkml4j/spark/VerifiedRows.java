package org.zkml4j.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The outcome of {@link ProofVerifier#verify}: the rows with their verdict columns (persisted, so
 * reading them again does not verify again; {@code unpersist()} when done) and the counts.
 *
 * @param rows every input row plus the boolean validity and the reason columns
 * @param validRows rows whose batch proof verified and whose prediction columns match the proven outputs
 * @param invalidRows all other rows
 */
public record VerifiedRows(Dataset<Row> rows, long validRows, long invalidRows) {
    /** Whether every row verified. */
    public boolean allValid() {
        return invalidRows == 0;
    }
}
