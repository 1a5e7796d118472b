/**
 * Polynomial commitments: the {@link org.zkml4j.backend.pcs.PolynomialCommitment} interface (verifier's
 * view {@link org.zkml4j.backend.pcs.Commitment} / {@link org.zkml4j.backend.pcs.OpeningProof}, prover's
 * {@link org.zkml4j.backend.pcs.ProverData}) and its hiding Ligero/Reed–Solomon implementation
 * {@link org.zkml4j.backend.pcs.LigeroPcs}, which opens many linear claims with one batched proof, and
 * {@link org.zkml4j.backend.pcs.ReusableLigeroPcs}, whose commitments stay hiding for a public budget of
 * openings (a model commitment opened in every proof; docs/commitment-reuse.md).
 */
package org.zkml4j.backend.pcs;
