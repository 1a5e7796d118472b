/**
 * Deeplearning4j networks as zkml4j models: {@link org.zkml4j.dl4j.Dl4jModelConverter} turns a
 * {@code MultiLayerNetwork}, a linear-chain {@code ComputationGraph} or a {@code ModelSerializer}
 * zip into a framework-neutral {@link org.zkml4j.sdk.model.ModelGraph}, which the circuit compiler
 * quantizes and the proofs attest. Networks it cannot express exactly raise
 * {@link org.zkml4j.dl4j.UnsupportedModelException}.
 */
package org.zkml4j.dl4j;
