package org.zkml4j.spark;

import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Row;

/** Loads what {@link VerifiableTransformerWriter} saved. */
final class VerifiableTransformerReader extends MLReader<VerifiableTransformer> {
    @Override
    public VerifiableTransformer load(String path) {
        DefaultParamsReader.Metadata metadata = DefaultParamsReader.loadMetadata(path, sparkSession(),
                VerifiableTransformer.class.getName());
        Row data = sparkSession().read().schema(VerifiableTransformerWriter.DATA)
                .parquet(path + "/data").head();
        VerifiableTransformer transformer = new VerifiableTransformer(metadata.uid(), (byte[]) data.get(1),
                PredictionLayout.valueOf(data.getString(0)));
        metadata.getAndSetParams(transformer, scala.Option.empty());
        return transformer;
    }
}
