/**
 * Polynomial commitments: the {@link org.zkml4j.backend.pcs.PolynomialCommitment} interface (verifier's
 * view {@link org.zkml4j.backend.pcs.Commitment} / {@link org.zkml4j.backend.pcs.OpeningProof}, prover's
 * {@link org.zkml4j.backend.pcs.ProverData}) and its hiding Ligero/Reed–Solomon implementation
 * {@link org.zkml4j.backend.pcs.LigeroPcs}, which opens many linear claims with one batched proof.
 */
package org.zkml4j.backend.pcs;
