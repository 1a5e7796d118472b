package org.zkml4j.sdk.model;

/**
 * The softmax of a classifier's output: {@code p_i = e^(x_i - max) / sum_j e^(x_j - max)}.
 *
 * <p>Allowed only as the last node of a {@link ModelGraph}. Proofs cover the logits (its input) and
 * the predicted class (their arg max); the probabilities are computed by the caller, not proven.
 */
public record Softmax() implements Node {
}
