package org.zkml4j.sdk.model;

/**
 * One step of a {@link ModelGraph}: a function from a flat float vector to a flat float vector.
 * The set of node kinds is closed; switch over them with {@code instanceof}.
 */
public sealed interface Node permits Dense, Activation, Softmax {
}
