/**
 * Spark ML adapter: fitted Spark models and pipelines become zkml4j {@code ModelGraph}s
 * ({@link org.zkml4j.spark.SparkModelConverter}); {@link org.zkml4j.spark.VerifiableTransformer}
 * proves predictions as a DataFrame transformation, partition by partition on the executors; and
 * {@link org.zkml4j.spark.ProofVerifier} verifies a proven DataFrame on the cluster. Start with
 * {@link org.zkml4j.spark.SparkVerifiable}.
 */
package org.zkml4j.spark;
