package org.zkml4j.spark;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.zkml4j.sdk.VerifiableModel;
import org.zkml4j.sdk.VerificationKey;
import org.zkml4j.sdk.Visibility;

/**
 * A Spark ML {@link Transformer} that predicts with a compiled zkml4j model and proves every
 * prediction: {@code transform(df)} keeps every input column and appends the prediction columns
 * (recomputed from the proven logits, {@link PredictionLayout}) and the proof columns
 * ({@link ProofColumns}). Each partition is proven in batches of {@code rowsPerProof} rows, one
 * proof per batch; the compiled model reaches the executors once per {@code transform} call, as a
 * broadcast of its saved bytes. Saves and loads on its own or inside a {@code Pipeline}.
 *
 * <pre>{@code
 * VerifiableTransformer zk = SparkVerifiable.of(fittedModel).calibrate(training).compile();
 * Dataset<Row> proven = zk.transform(test);           // + prediction, probability, rawPrediction, proof columns
 * VerifiedRows checked = ProofVerifier.of(zk).verify(proven);
 * }</pre>
 *
 * <p>Params: {@code featuresCol} ("features"), {@code predictionCol} ("prediction"),
 * {@code probabilityCol} ("probability"), {@code rawPredictionCol} ("rawPrediction"),
 * {@code proofCol} ("proof"), {@code rowsPerProof} (256), {@code inputVisibility} ("PUBLIC"; must
 * match the visibility the model was compiled for), {@code threadsPerTask} (1: each task proves on
 * its own core, as Spark schedules one task per core; 0: the JVM's common fork-join pool). The transformation is lazy and
 * non-deterministic: every evaluation draws fresh nonces and proof randomness, so persist the
 * result before using it twice.
 *
 * <p>Models with COMMITTED weights are refused: their proof budget cannot be shared out among
 * partitions and {@code transform} calls.
 */
public final class VerifiableTransformer extends Transformer implements MLWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final byte[] modelBytes;
    private final PredictionLayout layout;
    private final Param<String> featuresCol;
    private final Param<String> predictionCol;
    private final Param<String> probabilityCol;
    private final Param<String> rawPredictionCol;
    private final Param<String> proofCol;
    private final IntParam rowsPerProof;
    private final Param<String> inputVisibility;
    private final IntParam threadsPerTask;
    private transient VerificationKey key;

    /**
     * @param modelBytes a model written by {@link VerifiableModel#save}, with public weights
     * @param layout how its outputs become prediction columns
     * @throws IllegalArgumentException if the model has COMMITTED weights (partitions cannot share their budget)
     * @throws UncheckedIOException if the bytes are not a saved model
     */
    public VerifiableTransformer(byte[] modelBytes, PredictionLayout layout) {
        this(Identifiable.randomUID("zkVerifiable"), modelBytes, layout);
    }

    VerifiableTransformer(String uid, byte[] modelBytes, PredictionLayout layout) {
        this.uid = uid;
        this.modelBytes = modelBytes.clone();
        this.layout = layout;
        this.key = provableKey(this.modelBytes);
        featuresCol = new Param<>(this, "featuresCol", "the vector column to prove");
        predictionCol = new Param<>(this, "predictionCol", "the prediction column");
        probabilityCol = new Param<>(this, "probabilityCol", "the class probabilities column (probabilistic classifiers)");
        rawPredictionCol = new Param<>(this, "rawPredictionCol", "the raw scores column (classifiers)");
        proofCol = new Param<>(this, "proofCol", "the proof column; _batch, _row and _logits columns derive from it");
        rowsPerProof = new IntParam(this, "rowsPerProof", "rows proven together by one proof (>= 1)",
                ParamValidators.gtEq(1));
        inputVisibility = new Param<>(this, "inputVisibility", "PUBLIC or PRIVATE: whether the proofs show the features or hide them (zero knowledge)",
                ParamValidators.inArray(List.of(Visibility.PUBLIC.name(), Visibility.PRIVATE.name())));
        threadsPerTask = new IntParam(this, "threadsPerTask", "threads proving one task's batches: n > 0 = a pool of n"
                + " threads per task (1 = one core per task slot), 0 = the JVM's common fork-join pool",
                ParamValidators.gtEq(0));
        setDefault(featuresCol, "features");
        setDefault(predictionCol, "prediction");
        setDefault(probabilityCol, "probability");
        setDefault(rawPredictionCol, "rawPrediction");
        setDefault(proofCol, "proof");
        setDefault(rowsPerProof, 256);
        setDefault(inputVisibility, Visibility.PUBLIC.name());
        setDefault(threadsPerTask, 1);
    }

    @Override
    public String uid() {
        return uid;
    }

    public Param<String> featuresCol() {
        return featuresCol;
    }

    public Param<String> predictionCol() {
        return predictionCol;
    }

    public Param<String> probabilityCol() {
        return probabilityCol;
    }

    public Param<String> rawPredictionCol() {
        return rawPredictionCol;
    }

    public Param<String> proofCol() {
        return proofCol;
    }

    public IntParam rowsPerProof() {
        return rowsPerProof;
    }

    public Param<String> inputVisibility() {
        return inputVisibility;
    }

    public IntParam threadsPerTask() {
        return threadsPerTask;
    }

    public VerifiableTransformer setFeaturesCol(String value) {
        set(featuresCol, value);
        return this;
    }

    public VerifiableTransformer setPredictionCol(String value) {
        set(predictionCol, value);
        return this;
    }

    public VerifiableTransformer setProbabilityCol(String value) {
        set(probabilityCol, value);
        return this;
    }

    public VerifiableTransformer setRawPredictionCol(String value) {
        set(rawPredictionCol, value);
        return this;
    }

    public VerifiableTransformer setProofCol(String value) {
        set(proofCol, value);
        return this;
    }

    public VerifiableTransformer setRowsPerProof(int value) {
        set(rowsPerProof, value);
        return this;
    }

    public VerifiableTransformer setInputVisibility(Visibility value) {
        set(inputVisibility, value.name());
        return this;
    }

    public VerifiableTransformer setThreadsPerTask(int value) {
        set(threadsPerTask, value);
        return this;
    }

    public int getThreadsPerTask() {
        return (Integer) getOrDefault(threadsPerTask);
    }

    public int getRowsPerProof() {
        return (Integer) getOrDefault(rowsPerProof);
    }

    public Visibility getInputVisibility() {
        return Visibility.valueOf(getOrDefault(inputVisibility));
    }

    /** The column names this transformer reads and writes. */
    public ProofColumns proofColumns() {
        return new ProofColumns(getOrDefault(featuresCol), getOrDefault(predictionCol), getOrDefault(probabilityCol),
                getOrDefault(rawPredictionCol), getOrDefault(proofCol));
    }

    /** How proven outputs become prediction columns. */
    public PredictionLayout layout() {
        return layout;
    }

    /** The saved compiled model (a copy). */
    public byte[] modelBytes() {
        return modelBytes.clone();
    }

    /**
     * The key of a model the executors may prove with. A model with COMMITTED weights is refused:
     * its commitment hides the weights for a budget of proofs, each at a fresh slot, but every
     * partition of every {@code transform} would load the model with the one saved slot counter
     * and open the same slots again, revealing the weights. So are hidden outputs: the proven
     * DataFrame's prediction columns are the statements' outputs.
     */
    private static VerificationKey provableKey(byte[] modelBytes) {
        VerifiableModel model;
        try {
            model = VerifiableModel.load(new ByteArrayInputStream(modelBytes));
        } catch (IOException e) {
            throw new UncheckedIOException("the transformer was given an unreadable model", e);
        }
        if (model.weightVisibility() == Visibility.COMMITTED) {
            throw new IllegalArgumentException("VerifiableTransformer does not prove with COMMITTED weights: every "
                    + "partition of every transform would load the model with the same saved slot counter and open "
                    + "the model commitment's slots again, revealing the hidden weights. Compile with PUBLIC weights "
                    + "for Spark, or prove committed-weights batches with VerifiableModel in one process, which "
                    + "keeps the counter");
        }
        if (model.outputVisibility() != Visibility.PUBLIC) {
            throw new IllegalArgumentException("VerifiableTransformer proves PUBLIC outputs (its prediction columns "
                    + "are the proven outputs), not " + model.outputVisibility() + " ones: compile with PUBLIC output "
                    + "visibility, or prove hidden outputs with VerifiableModel");
        }
        return model.verificationKey();
    }

    /** The key that verifies this transformer's proofs. */
    public VerificationKey verificationKey() {
        if (key == null) {
            try {
                key = VerifiableModel.load(new ByteArrayInputStream(modelBytes)).verificationKey();
            } catch (IOException e) {
                throw new UncheckedIOException("the transformer holds an unreadable model", e);
            }
        }
        return key;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return ProvenSchema.append(schema, proofColumns(), layout);
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema());
        Dataset<Row> frame = dataset.toDF();
        Broadcast<byte[]> model = JavaSparkContext.fromSparkContext(frame.sparkSession().sparkContext())
                .broadcast(modelBytes);
        BatchProver prover = new BatchProver(model, layout, dataset.schema().fieldIndex(getOrDefault(featuresCol)),
                getRowsPerProof(), getInputVisibility() == Visibility.PRIVATE, getThreadsPerTask(),
                new SecureRandom().nextLong());
        return frame.mapPartitions(prover, Encoders.row(out));
    }

    @Override
    public VerifiableTransformer copy(ParamMap extra) {
        return copyValues(new VerifiableTransformer(uid, modelBytes, layout), extra);
    }

    @Override
    public MLWriter write() {
        return new VerifiableTransformerWriter(this);
    }

    /** Reads a transformer written by {@link #write()} (Spark's pipeline loader calls this). */
    public static MLReader<VerifiableTransformer> read() {
        return new VerifiableTransformerReader();
    }

    /** Loads a transformer saved at {@code path}. */
    public static VerifiableTransformer load(String path) {
        return read().load(path);
    }

    @Override
    public String toString() {
        return "VerifiableTransformer[" + uid + ", " + layout + ", circuit " + verificationKey().circuitIdHex()
                .substring(0, 16) + "…]";
    }
}
