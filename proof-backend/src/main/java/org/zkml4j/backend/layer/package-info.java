/**
 * Layer proofs of the inference circuit: {@link org.zkml4j.backend.layer.DenseLayer} proves a
 * batched dense layer with requantization against public weights.
 *
 * <p>The public statement is a {@link org.zkml4j.backend.layer.DenseLayerShape}; the prover holds a
 * {@link org.zkml4j.backend.layer.DenseLayerWitness}. A proof
 * ({@link org.zkml4j.backend.layer.DenseLayerProof}) reduces the layer to evaluation claims on the
 * caller's commitment C1, which the caller opens together with its other claims. Range checks of
 * the remainders are the lookup package's job. Not zero knowledge yet.
 */
package org.zkml4j.backend.layer;
