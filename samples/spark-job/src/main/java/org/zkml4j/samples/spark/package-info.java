/**
 * The Spark sample job ({@link org.zkml4j.samples.spark.IrisProvingJob}: fit, prove, write Parquet,
 * verify) and the Spark proving benchmark ({@link org.zkml4j.samples.spark.SparkProvingBench}).
 */
package org.zkml4j.samples.spark;
