package org.zkml4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.zkml4j.sdk.VerificationKey;
import org.zkml4j.sdk.VerificationResult;
import org.zkml4j.sdk.Verifier;

/**
 * Verifies a partition whose rows are grouped by batch id and sorted by row index. For each batch it
 * rebuilds the statement from the rows (nonce = batch id, inputs = the quantized features unless
 * private, outputs = the proven logits), checks the proof on row 0, then checks that every row's
 * prediction columns are what {@link PredictionLayout#decode} gives for its logits. Emits every row
 * with {@code valid} and {@code reason} appended.
 */
final class BatchVerifier implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final Broadcast<byte[]> key;
    private final PredictionLayout layout;
    private final ProofColumns columns;
    private final ColumnIndex index;

    BatchVerifier(Broadcast<byte[]> key, PredictionLayout layout, ProofColumns columns, ColumnIndex index) {
        this.key = key;
        this.layout = layout;
        this.columns = columns;
        this.index = index;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        VerificationKey verificationKey;
        try {
            verificationKey = VerificationKey.fromBytes(key.value());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the broadcast verification key", e);
        }
        StatementCodec codec = StatementCodec.forKey(verificationKey);
        return new Iterator<>() {
            private final List<Row> out = new ArrayList<>();
            private Row pending;
            private int next;

            @Override
            public boolean hasNext() {
                if (next == out.size()) {
                    out.clear();
                    next = 0;
                    List<Row> batch = new ArrayList<>();
                    if (pending == null && rows.hasNext()) {
                        pending = rows.next();
                    }
                    while (pending != null && (batch.isEmpty() || batchId(pending) == batchId(batch.get(0)))) {
                        batch.add(pending);
                        pending = rows.hasNext() ? rows.next() : null;
                    }
                    if (!batch.isEmpty()) {
                        verify(verificationKey, codec, batch, out);
                    }
                }
                return next < out.size();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return out.get(next++);
            }
        };
    }

    private long batchId(Row row) {
        return row.getLong(index.batch());
    }

    private void verify(VerificationKey verificationKey, StatementCodec codec, List<Row> batch, List<Row> out) {
        String batchReason = batchReason(verificationKey, codec, batch);
        for (Row row : batch) {
            String reason = batchReason.isEmpty() ? rowReason(codec, row) : batchReason;
            Object[] values = new Object[row.length() + 2];
            for (int i = 0; i < row.length(); i++) {
                values[i] = row.get(i);
            }
            values[row.length()] = reason.isEmpty();
            values[row.length() + 1] = reason;
            out.add(RowFactory.create(values));
        }
    }

    /** Why the batch's proof does not hold for its rows, or empty if it does. */
    private String batchReason(VerificationKey verificationKey, StatementCodec codec, List<Row> batch) {
        String name = "batch " + HexFormat.of().toHexDigits(batchId(batch.get(0))) + ": ";
        for (int r = 0; r < batch.size(); r++) {
            int row = batch.get(r).getInt(index.row());
            if (row != r) {
                return name + (row < r ? "row " + row + " appears twice" : "row " + r + " is missing")
                        + "; a proof verifies only with all rows of its batch";
            }
        }
        byte[] proof = batch.get(0).isNullAt(index.proof()) ? null : (byte[]) batch.get(0).get(index.proof());
        if (proof == null) {
            return name + "row 0 carries no proof";
        }
        float[][] features = index.features() < 0 ? null : new float[batch.size()][];
        int[][] logits = new int[batch.size()][];
        for (int r = 0; r < batch.size(); r++) {
            Row row = batch.get(r);
            if (features != null) {
                Object value = row.get(index.features());
                if (!(value instanceof Vector vector) || vector.size() != codec.inputSize()) {
                    return name + "row " + r + " has no features vector of size " + codec.inputSize();
                }
                features[r] = StatementCodec.floats(vector);
            }
            List<Integer> proven = row.getList(index.logits());
            if (proven.size() != codec.outputSize()) {
                return name + "row " + r + " has " + proven.size() + " proven outputs, the model has "
                        + codec.outputSize();
            }
            logits[r] = proven.stream().mapToInt(Integer::intValue).toArray();
        }
        VerificationResult result;
        try {
            result = Verifier.verify(verificationKey, codec.statement(batchId(batch.get(0)), features, logits), proof);
        } catch (IllegalArgumentException e) {
            return name + "features cannot be quantized: " + e.getMessage();
        }
        return result.valid() ? "" : name + "proof rejected: " + result.reason();
    }

    /** Why a row's prediction columns differ from its proven outputs, or empty. */
    private String rowReason(StatementCodec codec, Row row) {
        int[] logits = row.getList(index.logits()).stream().mapToInt(o -> (Integer) o).toArray();
        DecodedPrediction expected = layout.decode(logits, codec.outputFracBits());
        if (row.isNullAt(index.prediction()) || row.getDouble(index.prediction()) != expected.prediction()) {
            return "column " + columns.predictionCol() + " does not match the proven outputs";
        }
        if (layout.hasProbability() && !sameVector(row, index.probability(), expected.probability())) {
            return "column " + columns.probabilityCol() + " does not match the proven outputs";
        }
        if (layout.hasRawPrediction() && !sameVector(row, index.rawPrediction(), expected.rawPrediction())) {
            return "column " + columns.rawPredictionCol() + " does not match the proven outputs";
        }
        return "";
    }

    private static boolean sameVector(Row row, int column, double[] expected) {
        return !row.isNullAt(column) && Arrays.equals(((Vector) row.get(column)).toArray(), expected);
    }
}
