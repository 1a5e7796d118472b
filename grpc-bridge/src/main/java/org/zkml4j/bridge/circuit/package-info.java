/**
 * Circuits a node serves, named by circuit id (SHA-256 of the verification key): the
 * {@link org.zkml4j.bridge.circuit.CircuitCatalog}, the input encoding validators draw fresh inputs
 * with ({@link org.zkml4j.sdk.KeyEncoding}), and the registry service.
 */
package org.zkml4j.bridge.circuit;
