package org.zkml4j.spark;

import java.util.List;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Saves a {@link VerifiableTransformer}: Spark's params metadata at {@code path/metadata}, and one
 * Parquet row {@code (layout string, model binary)} at {@code path/data} (the model in its
 * {@code ZKMD} saved form, docs/formats.md).
 */
final class VerifiableTransformerWriter extends MLWriter {
    static final StructType DATA = new StructType()
            .add("layout", DataTypes.StringType, false)
            .add("model", DataTypes.BinaryType, false);

    private final VerifiableTransformer instance;

    VerifiableTransformerWriter(VerifiableTransformer instance) {
        this.instance = instance;
    }

    @Override
    public void saveImpl(String path) {
        DefaultParamsWriter.saveMetadata(instance, path, sparkSession());
        sparkSession().createDataFrame(List.of(RowFactory.create(instance.layout().name(), instance.modelBytes())), DATA)
                .repartition(1).write().parquet(path + "/data");
    }
}
