/**
 * The framework-neutral model description: a {@link org.zkml4j.sdk.model.ModelGraph} is an input
 * size and a list of {@link org.zkml4j.sdk.model.Node}s ({@link org.zkml4j.sdk.model.Dense},
 * {@link org.zkml4j.sdk.model.Activation}, {@link org.zkml4j.sdk.model.Softmax}) applied in order,
 * validated on construction, with a float reference forward pass.
 * {@link org.zkml4j.sdk.model.ModelGraphJson} reads and writes its versioned JSON form
 * ({@code docs/model-format.md}); bad documents are
 * {@link org.zkml4j.sdk.model.ModelFormatException}s that say where.
 *
 * <p>Adapters (Deeplearning4j, Spark ML) produce these values and the circuit compiler consumes
 * them; nothing here depends on a framework or on the proof system.
 */
package org.zkml4j.sdk.model;
