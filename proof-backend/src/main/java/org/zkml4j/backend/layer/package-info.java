/**
 * Layer proofs of the inference circuit, each one protocol whose
 * {@link org.zkml4j.backend.sumcheck.Hiding} mode makes it public or zero-knowledge:
 * {@link org.zkml4j.backend.layer.DenseLayer} proves a batched dense layer with requantization
 * (public or committed weights), {@link org.zkml4j.backend.layer.ZkArgmax} hidden logits' classes,
 * {@link org.zkml4j.backend.layer.ZkPadding} a committed model's zero padding; the convolutional
 * building blocks {@link org.zkml4j.backend.layer.Conv2dLayer} and
 * {@link org.zkml4j.backend.layer.MaxPool2dLayer} are not yet part of circuits.
 *
 * <p>A layer's public statement is its shape (e.g. {@link org.zkml4j.backend.layer.DenseLayerShape});
 * a proof reduces the layer to evaluation claims on the caller's commitments, which the caller
 * opens together with its other claims. Range checks of remainders are the lookup package's job.
 */
package org.zkml4j.backend.layer;
