package org.zkml4j.spark;

import java.util.List;
import org.apache.spark.ml.Transformer;
import org.zkml4j.sdk.model.ModelGraph;

/**
 * A Spark model converted for proving: the graph the proofs attest, how its outputs become Spark
 * columns, the vector column the graph reads, and the column-assembly stages that run before it
 * (a pipeline's {@code VectorAssembler}; they only gather columns, so they stay ordinary Spark stages).
 *
 * @param graph the model, with any scalers folded into its first dense layer
 * @param layout how proven outputs become prediction columns
 * @param featuresCol the vector column the graph reads
 * @param assemblyStages stages that build {@code featuresCol} from the input columns (possibly none)
 */
public record ConvertedModel(ModelGraph graph, PredictionLayout layout, String featuresCol,
                             List<Transformer> assemblyStages) {
    public ConvertedModel {
        assemblyStages = List.copyOf(assemblyStages);
    }
}
