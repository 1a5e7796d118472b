/**
 * Whole-circuit proofs: {@link org.zkml4j.backend.inference.CircuitProof} composes the layer and
 * lookup proofs of a compiled circuit over one witness commitment (public visibility for now).
 */
package org.zkml4j.backend.inference;
