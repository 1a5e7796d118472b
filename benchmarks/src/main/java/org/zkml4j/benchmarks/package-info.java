/**
 * JMH benchmarks of the proving core: field arithmetic, NTT, polynomial commitment, sumcheck.
 * Run with {@code java -jar benchmarks/target/benchmarks.jar} after packaging this module.
 */
package org.zkml4j.benchmarks;
