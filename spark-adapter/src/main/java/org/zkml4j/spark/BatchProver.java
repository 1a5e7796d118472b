package org.zkml4j.spark;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ForkJoinPool;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.TaskCompletionListener;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.zkml4j.sdk.VerifiableModel;
import org.zkml4j.sdk.VerifiedPrediction;
import org.zkml4j.sdk.Visibility;

/**
 * Proves one partition, batch by batch: reads up to {@code rowsPerProof} rows, proves them with one
 * {@link VerifiableModel#predictBatch} call and emits them with the proven columns
 * ({@link ProvenSchema}). Holds one batch in memory at a time. The model arrives as a broadcast of
 * its saved bytes and is loaded once per partition. With {@code threadsPerTask > 0} the proofs run on
 * a pool of that many threads owned by the task (the engine's parallel streams follow it); with 0
 * they run on the JVM's common fork-join pool, shared by all tasks of the executor.
 *
 * <p>Batch nonces are {@code mix(seed + (partition << 32 | batch))} with a bijective 64-bit mixer,
 * so they are distinct within one {@code transform} call and serve as batch ids.
 */
final class BatchProver implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final Broadcast<byte[]> model;
    private final PredictionLayout layout;
    private final int featuresIndex;
    private final int rowsPerProof;
    private final boolean privateInput;
    private final int threadsPerTask;
    private final long seed;

    BatchProver(Broadcast<byte[]> model, PredictionLayout layout, int featuresIndex, int rowsPerProof,
                boolean privateInput, int threadsPerTask, long seed) {
        this.model = model;
        this.layout = layout;
        this.featuresIndex = featuresIndex;
        this.rowsPerProof = rowsPerProof;
        this.privateInput = privateInput;
        this.threadsPerTask = threadsPerTask;
        this.seed = seed;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        VerifiableModel verifiable;
        try {
            verifiable = VerifiableModel.load(new ByteArrayInputStream(model.value()))
                    .withInputVisibility(privateInput ? Visibility.PRIVATE : Visibility.PUBLIC);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the broadcast model", e);
        }
        StatementCodec codec = StatementCodec.forKey(verifiable.verificationKey());
        long partition = TaskContext.getPartitionId();
        ForkJoinPool pool = threadsPerTask == 0 ? null : new ForkJoinPool(threadsPerTask);
        if (pool != null) {
            TaskContext.get().addTaskCompletionListener((TaskCompletionListener) context -> pool.shutdown());
        }
        return new Iterator<>() {
            private final List<Row> out = new ArrayList<>();
            private int next;
            private int batch;

            @Override
            public boolean hasNext() {
                if (next == out.size()) {
                    out.clear();
                    next = 0;
                    List<Row> in = new ArrayList<>(rowsPerProof);
                    while (in.size() < rowsPerProof && rows.hasNext()) {
                        in.add(rows.next());
                    }
                    if (!in.isEmpty()) {
                        prove(verifiable, pool, codec, in, nonce(partition, batch++), out);
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

    private void prove(VerifiableModel verifiable, ForkJoinPool pool, StatementCodec codec, List<Row> in, long nonce,
                       List<Row> out) {
        float[][] features = new float[in.size()][];
        for (int r = 0; r < features.length; r++) {
            features[r] = features(in.get(r), r);
        }
        // Inside a pool's worker, the engine's parallel streams run on that pool, not the common one.
        VerifiedPrediction proven = pool == null ? verifiable.predictBatch(features, nonce)
                : pool.submit(() -> verifiable.predictBatch(features, nonce)).join();
        int[][] logits = proven.quantizedOutputs();
        for (int r = 0; r < in.size(); r++) {
            Row row = in.get(r);
            List<Object> values = new ArrayList<>(row.length() + 8);
            for (int i = 0; i < row.length(); i++) {
                values.add(row.get(i));
            }
            values.addAll(ProvenSchema.predictionValues(layout.decode(logits[r], codec.outputFracBits()), layout));
            values.add(r == 0 ? proven.proof() : null);
            values.add(nonce);
            values.add(r);
            values.add(logits[r]);
            values.add(proven.clampedInputs()[r]);
            out.add(RowFactory.create(values.toArray()));
        }
    }

    private float[] features(Row row, int index) {
        Object value = row.get(featuresIndex);
        if (!(value instanceof Vector vector)) {
            throw new IllegalArgumentException("row " + index + " of a batch has no features vector (null)");
        }
        return StatementCodec.floats(vector);
    }

    private long nonce(long partition, int batch) {
        long z = seed + ((partition << 32) | (batch & 0xFFFFFFFFL));
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
