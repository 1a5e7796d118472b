package org.zkml4j.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.zkml4j.sdk.ProvingOptions;
import org.zkml4j.sdk.VerifiableModel;

/**
 * The fluent entry point from a fitted Spark ML model or pipeline to a proving transformer.
 *
 * <pre>{@code
 * VerifiableTransformer zk = SparkVerifiable.of(fittedModel).calibrate(training).compile();
 * PipelineModel withAssembly = SparkVerifiable.of(fittedPipeline).calibrate(training).compilePipeline();
 * }</pre>
 *
 * Needs a proof engine on the classpath ({@code org.zkml4j:proof-backend}, a dependency of this module).
 */
public final class SparkVerifiable {
    private final ConvertedModel converted;
    private float[][] calibration;
    private Dataset<Row> calibrationFrame;
    private ProvingOptions options = ProvingOptions.DEFAULTS;
    private int rowsPerProof = 256;

    private SparkVerifiable(ConvertedModel converted) {
        this.converted = converted;
    }

    /**
     * Starts from a fitted model or {@code PipelineModel}.
     *
     * @throws UnsupportedModelException naming the first unsupported stage
     */
    public static SparkVerifiable of(Transformer model) {
        return new SparkVerifiable(SparkModelConverter.convert(model));
    }

    /** The conversion (graph, layout, features column). */
    public ConvertedModel converted() {
        return converted;
    }

    /**
     * Calibration samples: up to {@code maxRows} rows of {@code data} (typically training rows), which
     * must hold the model's input columns (a pipeline's raw columns when it starts with a
     * {@code VectorAssembler}). Collected to the driver.
     */
    public SparkVerifiable calibrate(Dataset<?> data, int maxRows) {
        calibrationFrame = data.toDF();
        Dataset<Row> frame = calibrationFrame;
        for (Transformer stage : converted.assemblyStages()) {
            frame = stage.transform(frame);
        }
        List<Row> rows = frame.select(converted.featuresCol()).limit(maxRows).collectAsList();
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("calibration data has no rows");
        }
        calibration = new float[rows.size()][];
        for (int r = 0; r < calibration.length; r++) {
            calibration[r] = StatementCodec.floats((Vector) rows.get(r).get(0));
        }
        return this;
    }

    /** Calibration on up to 1,000 rows of {@code data}; see {@link #calibrate(Dataset, int)}. */
    public SparkVerifiable calibrate(Dataset<?> data) {
        return calibrate(data, 1000);
    }

    /** Proving options (precision, input visibility); defaults otherwise. */
    public SparkVerifiable options(ProvingOptions proving) {
        this.options = Objects.requireNonNull(proving, "options");
        return this;
    }

    /** Rows per proof (default 256). */
    public SparkVerifiable rowsPerProof(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("rowsPerProof must be at least 1, got " + rows);
        }
        this.rowsPerProof = rows;
        return this;
    }

    /**
     * Compiles the model and returns a transformer reading the converted features column.
     *
     * @throws IllegalStateException if no calibration samples were given
     */
    public VerifiableTransformer compile() {
        if (calibration == null) {
            throw new IllegalStateException("call calibrate(data) before compile()");
        }
        VerifiableModel model = VerifiableModel.compile(converted.graph(), calibration, options);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            model.save(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory stream failed", e);
        }
        return new VerifiableTransformer(bytes.toByteArray(), converted.layout())
                .setFeaturesCol(converted.featuresCol())
                .setRowsPerProof(rowsPerProof)
                .setInputVisibility(options.inputVisibility());
    }

    /**
     * Compiles and returns a {@code PipelineModel}: the assembly stages (if any), then the
     * transformer, so it reads the same columns as the original pipeline.
     */
    public PipelineModel compilePipeline() {
        List<PipelineStage> stages = new ArrayList<>(converted.assemblyStages());
        stages.add(compile());
        // Fitting a pipeline of transformers only checks the schema; nothing is computed.
        return new Pipeline().setStages(stages.toArray(new PipelineStage[0])).fit(calibrationFrame.limit(0));
    }
}
