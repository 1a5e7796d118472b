/**
 * The framework-neutral model description: a {@link org.zkml4j.sdk.model.ModelGraph} is a directed
 * acyclic graph of {@link org.zkml4j.sdk.model.GraphNode}s over named tensor values with static
 * {@link org.zkml4j.sdk.model.Shape}s, from one input to one output, validated on construction, with
 * a float reference forward pass. Each node's operation is a {@link org.zkml4j.sdk.model.Node}:
 * {@link org.zkml4j.sdk.model.Dense}, {@link org.zkml4j.sdk.model.Activation},
 * {@link org.zkml4j.sdk.model.Softmax}, {@link org.zkml4j.sdk.model.Conv2d},
 * {@link org.zkml4j.sdk.model.MaxPool2d}, {@link org.zkml4j.sdk.model.AvgPool2d},
 * {@link org.zkml4j.sdk.model.GlobalAvgPool}, {@link org.zkml4j.sdk.model.GlobalMaxPool},
 * {@link org.zkml4j.sdk.model.BatchNorm}, {@link org.zkml4j.sdk.model.Add},
 * {@link org.zkml4j.sdk.model.Concat}, {@link org.zkml4j.sdk.model.Flatten},
 * {@link org.zkml4j.sdk.model.Reshape}. {@link org.zkml4j.sdk.model.ModelGraphJson} reads and writes
 * its versioned JSON form ({@code docs/model-format.md}); bad documents are
 * {@link org.zkml4j.sdk.model.ModelFormatException}s that say where.
 *
 * <p>Adapters (Deeplearning4j, Spark ML) produce these values and the circuit compiler consumes
 * them; nothing here depends on a framework or on the proof system.
 */
package org.zkml4j.sdk.model;
