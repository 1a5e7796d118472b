/**
 * Sumcheck for sums of products of multilinear tables, and its zero-knowledge variant.
 *
 * <p>Statement: Σ_{x ∈ {0,1}^n} Σ_t c_t · Π_{j ∈ t} f_j(x) = S with 1 to 3 tables per term. The
 * public part is a {@link org.zkml4j.backend.sumcheck.SumcheckShape}; the prover holds a
 * {@link org.zkml4j.backend.sumcheck.SumcheckInstance}. {@link
 * org.zkml4j.backend.sumcheck.SumcheckProver} and {@link org.zkml4j.backend.sumcheck.SumcheckVerifier}
 * reduce the statement to evaluation claims f_j(r) = v_j at a random point r (variable 0 is bound
 * first); {@link org.zkml4j.backend.sumcheck.ZkSumcheck} does the same while hiding the round
 * messages behind a committed random mask polynomial.
 */
package org.zkml4j.backend.sumcheck;
