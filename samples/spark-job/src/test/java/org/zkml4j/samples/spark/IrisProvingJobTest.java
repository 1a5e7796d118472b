package org.zkml4j.samples.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IrisProvingJobTest {
    @Test
    void run_provesWritesAndVerifiesEveryIrisRow(@TempDir Path dir) {
        SparkSession spark = SparkSession.builder().master("local[2]").appName("spark-job-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
        try {
            Path out = dir.resolve("proven.parquet");
            IrisProvingJob.Summary summary = IrisProvingJob.run(spark, "data/iris.csv", out.toString(), 64);
            assertEquals(150, summary.rows());
            assertEquals(150, summary.agreeWithSpark());
            assertEquals(150, summary.validRows());
            assertEquals(0, summary.invalidRows());
            assertTrue(summary.batches() >= 3, "150 rows at 64 per proof need at least 3 proofs");
            assertTrue(Files.isDirectory(out));
        } finally {
            spark.stop();
        }
    }
}
